package dev.querent.semantics;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.analysis.Hints;
import dev.querent.semantics.description.ConceptWords;
import dev.querent.semantics.description.NamesakeCheck;
import dev.querent.semantics.description.Shapes;
import java.util.List;
import java.util.Optional;

/** Checks of SQL the validator words as warnings, beside the agreement with the question. */
public final class SqlChecks {
    private SqlChecks() {}

    /** Each concept ({@code agg:sum}, a column …) in plain words, joined with commas. */
    public static String describeConcepts(List<Concept> concepts, String question) {
        return ConceptWords.describe(concepts, question);
    }

    /** Whether the query returns at most one row whatever the data (a whole-input aggregate, no FROM). */
    public static boolean returnsOneRow(String sql) {
        return Shapes.returnsOneRow(sql);
    }

    /**
     * Inefficiencies with the rewrite that avoids each: joins without a condition, {@code SELECT *},
     * functions around filtered columns, {@code NOT IN} over nullable columns, unbounded sorts of
     * large tables.
     */
    public static List<String> hints(String sql, Dialect dialect, SchemaSnapshot schema) {
        return Hints.of(sql, dialect, schema);
    }

    /** A warning when the query groups by name columns instead of the key, merging namesakes. */
    public static Optional<String> namesakeWarning(String sql, SchemaSnapshot schema) {
        return NamesakeCheck.warning(sql, schema);
    }
}
