/**
 * The offline generator: answers questions without a language model. {@link
 * dev.querent.agents.offline.RuleBasedPlanner} links the words of a question to the schema and
 * builds a {@link dev.querent.agents.QueryPlan}; {@link dev.querent.agents.offline.PlanSqlCompiler}
 * turns a (possibly user-edited) plan into SQL for a dialect; {@link
 * dev.querent.agents.offline.PlanDescriber} says in plain English what a plan computes; {@link
 * dev.querent.agents.offline.PatternMatcher} reuses verified question→SQL pairs for questions that
 * differ only by literals.
 */
package dev.querent.agents.offline;
