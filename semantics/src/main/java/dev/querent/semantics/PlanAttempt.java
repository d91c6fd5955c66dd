package dev.querent.semantics;

import java.util.List;

/**
 * What the rule-based planner made of a question.
 *
 * @param plan the plan, or null when the question was not understood well enough; with a
 *     clarification, the plan of its first choice (the planner's own guess)
 * @param confidence 0..1: the share of content words linked, less penalties for guesses
 * @param understood each understood phrase and what it was taken to mean
 * @param notUnderstood the content words that were not understood
 * @param explanationWhenNoPlan why there is no plan and what to try instead; null with a plan
 * @param clarification a question to ask before planning, when the question is ambiguous in a way
 *     the planner can tell, the planner has a guess, and at least two of its meanings give different
 *     plans; else null
 */
public record PlanAttempt(
        QueryPlan plan,
        double confidence,
        List<String> understood,
        List<String> notUnderstood,
        String explanationWhenNoPlan,
        Clarification clarification) {
    public PlanAttempt {
        understood = understood == null ? List.of() : List.copyOf(understood);
        notUnderstood = notUnderstood == null ? List.of() : List.copyOf(notUnderstood);
    }

    public PlanAttempt(
            QueryPlan plan,
            double confidence,
            List<String> understood,
            List<String> notUnderstood,
            String explanationWhenNoPlan) {
        this(plan, confidence, understood, notUnderstood, explanationWhenNoPlan, null);
    }

    public PlanAttempt withClarification(Clarification c) {
        return new PlanAttempt(plan, confidence, understood, notUnderstood, explanationWhenNoPlan, c);
    }
}
