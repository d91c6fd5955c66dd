/**
 * The offline generator: answers questions without a language model. {@link
 * dev.querent.semantics.RuleBasedPlanner} links the words of a question to the schema and
 * builds a {@link dev.querent.semantics.QueryPlan}; {@link dev.querent.semantics.PlanSqlCompiler}
 * turns a (possibly user-edited) plan into SQL for a dialect; {@link
 * dev.querent.semantics.PlanDescriber} says in plain English what a plan computes; {@link
 * dev.querent.semantics.PatternMatcher} reuses verified question→SQL pairs for questions that
 * differ only by literals.
 */
package dev.querent.semantics.reading;
