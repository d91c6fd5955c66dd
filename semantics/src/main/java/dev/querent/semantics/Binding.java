package dev.querent.semantics;

import dev.querent.semantics.QueryPlan.Aggregate;
import java.util.Locale;

/**
 * What a chosen answer to a {@link Clarification} fixes in the plan: the words of the question it
 * applies to and the table, column (and, for a ranking, aggregate) they are to mean.
 *
 * @param phrase the words of the question the binding applies to, as the question has them; null
 *     for a time column or a ranking, which apply to the question as a whole
 * @param table a table as the plan names it ({@code schema.table} where the source has schemas)
 * @param column a column of {@code table}, or null (a table, or a count of its rows)
 * @param value for {@link Ambiguity#VALUE}, the value looked for in {@code column}; else null
 * @param function for {@link Ambiguity#RANK_MEASURE}, how {@code column} is aggregated (COUNT with
 *     no column counts rows); null to rank by the column's own value
 */
public record Binding(Ambiguity kind, String phrase, String table, String column, String value, Aggregate function) {

    /** What the binding means, as an instruction to a language model writing the SQL. */
    public String instruction() {
        String where = column == null ? table : table + "." + column;
        return switch (kind) {
            case COLUMN -> "By \"" + phrase + "\" the question means the column " + where + ".";
            case VALUE -> "Look for \"" + value + "\" in the column " + where + ".";
            case TABLE ->
                "By \"" + phrase + "\" the question means "
                        + (column == null ? "the table " + table : "the column " + where) + ".";
            case TIME_COLUMN -> "Use the date column " + where + " for the question's time words.";
            case RANK_MEASURE ->
                "Rank by "
                        + (function == null
                                ? where
                                : function == Aggregate.COUNT && column == null
                                        ? "the number of rows of " + table
                                        : function.name().toLowerCase(Locale.ROOT) + " of " + where)
                        + ".";
        };
    }
}
