package dev.querent.semantics;

import java.util.List;

/**
 * What the rule-based planner made of a question.
 *
 * @param plan the plan, or null when the question was not understood well enough
 * @param confidence 0..1: the share of content words linked, less penalties for guesses
 * @param understood each understood phrase and what it was taken to mean
 * @param notUnderstood the content words that were not understood
 * @param explanationWhenNoPlan why there is no plan and what to try instead; null with a plan
 */
public record PlanAttempt(
        QueryPlan plan,
        double confidence,
        List<String> understood,
        List<String> notUnderstood,
        String explanationWhenNoPlan) {
    public PlanAttempt {
        understood = understood == null ? List.of() : List.copyOf(understood);
        notUnderstood = notUnderstood == null ? List.of() : List.copyOf(notUnderstood);
    }
}
