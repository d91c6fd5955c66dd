package dev.querent.agents.planner;

import dev.querent.agents.AnswerSource;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.QueryPlan;

/**
 * What the Planner proposes. {@code plan} is null when it cannot answer; then {@code explanation}
 * says why.
 *
 * @param draftSql SQL already known at planning time (from a verified pattern)
 * @param clarification a question to ask before planning (the question is ambiguous in a way the
 *     planner can tell); {@code plan} is then the planner's own guess, or null
 */
public record Proposal(
        AnswerSource source,
        QueryPlan plan,
        String draftSql,
        double confidence,
        String explanation,
        Clarification clarification) {

    public Proposal(AnswerSource source, QueryPlan plan, String draftSql, double confidence, String explanation) {
        this(source, plan, draftSql, confidence, explanation, null);
    }

    public boolean answerable() {
        return plan != null;
    }

    public boolean asks() {
        return clarification != null;
    }
}
