package dev.querent.agents.sql;

import dev.querent.semantics.QueryPlan;
import java.util.stream.Collectors;

/** The confirmed plan as compact text for a prompt's plan section. */
final class PlanText {
    private PlanText() {}

    static String render(QueryPlan p) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Tables", String.join(", ", p.tables()));
        line(
                sb,
                "Joins",
                p.joins().stream()
                        .map(j -> j.type() + " JOIN ON " + j.left() + " = " + j.right())
                        .collect(Collectors.joining("; ")));
        line(sb, "Filters", p.filters().stream().map(PlanText::filter).collect(Collectors.joining("; ")));
        line(
                sb,
                "Measures",
                p.measures().stream()
                        .map(m -> m.function() + "(" + (m.column() == null ? "*" : m.column()) + ") AS " + m.alias())
                        .collect(Collectors.joining("; ")));
        line(
                sb,
                "Group by",
                p.groupBy().stream()
                        .map(d -> (d.grain() == null ? "" : d.grain() + " of ") + d.column())
                        .collect(Collectors.joining("; ")));
        line(sb, "Columns", p.columns().stream().map(Object::toString).collect(Collectors.joining(", ")));
        line(
                sb,
                "Order by",
                p.orderBy().stream().map(o -> o.target() + " " + o.direction()).collect(Collectors.joining(", ")));
        if (p.limit() != null) {
            line(sb, "Limit", String.valueOf(p.limit()));
        }
        if (p.distinct()) {
            line(sb, "Distinct", "yes");
        }
        if (p.summary() != null && !p.summary().isBlank()) {
            line(sb, "Summary", p.summary());
        }
        return sb.toString().strip();
    }

    /** A condition; a condition kept as SQL text as that text; alternatives joined by OR. */
    private static String filter(QueryPlan.Filter f) {
        if (f.expression() != null) {
            return f.expression();
        }
        if (!f.anyOf().isEmpty()) {
            return f.anyOf().stream().map(PlanText::filter).collect(Collectors.joining(" OR ", "(", ")"));
        }
        return f.column() + " " + f.op() + (f.values().isEmpty() ? "" : " " + f.values());
    }

    private static void line(StringBuilder sb, String label, String value) {
        if (value != null && !value.isBlank()) {
            sb.append(label).append(": ").append(value).append('\n');
        }
    }
}
