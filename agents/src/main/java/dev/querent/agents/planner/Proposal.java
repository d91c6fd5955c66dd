package dev.querent.agents.planner;

import dev.querent.agents.AnswerSource;
import dev.querent.semantics.QueryPlan;

/**
 * What the Planner proposes. {@code plan} is null when it cannot answer; then {@code explanation}
 * says why.
 *
 * @param draftSql SQL already known at planning time (from a verified pattern)
 */
public record Proposal(AnswerSource source, QueryPlan plan, String draftSql, double confidence, String explanation) {
    public boolean answerable() {
        return plan != null;
    }
}
