package dev.querent.agents.trust;

import dev.querent.semantics.QueryPlan;
import java.util.Locale;

/**
 * The coarse shape of a plan — what it measures, whether it groups, joins or ranks — under which
 * harness results are pooled to decide who writes the SQL for plans like it.
 */
public final class Shapes {
    /** A plan with no structure (a model over the schema, a verified pattern). */
    public static final String OPEN = "open";

    private Shapes() {}

    public static String of(QueryPlan plan) {
        if (plan == null || plan.tables().isEmpty()) {
            return OPEN;
        }
        String measure = plan.measures().isEmpty()
                ? "list"
                : plan.measures().getFirst().function().name().toLowerCase(Locale.ROOT);
        return measure
                + (plan.groupBy().isEmpty() ? "" : "+group")
                + (plan.joins().isEmpty() ? "" : "+join")
                + (plan.limit() == null ? "" : "+top");
    }
}
