/**
 * SQL → plan: {@link dev.querent.semantics.analysis.SelectReader} walks a parsed query and writes the
 * {@link dev.querent.semantics.QueryPlan} it runs — tables, joins with their keys and kind, filters,
 * measures (plain and computed), grouping, order, limit — keeping as SQL text what the structured
 * fields cannot hold, and each CTE, sub-query and set operand as a step with its own plan. Used
 * through {@link dev.querent.semantics.SqlPlanReader}.
 */
package dev.querent.semantics.analysis;
