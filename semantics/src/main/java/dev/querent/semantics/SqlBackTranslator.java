package dev.querent.semantics;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlParser;
import dev.querent.semantics.description.QueryDescriber;
import dev.querent.semantics.description.SchemaLabels;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Translates a SQL query back into plain English without an LLM, so the Validator can compare what
 * the SQL does with what the user asked. Deterministic: the same SQL and schema always give the same
 * translation.
 */
public final class SqlBackTranslator {

    /** Beyond this, SQL is not worth describing to a person and parsing it could stall validation. */
    static final int MAX_SQL_LENGTH = 20_000;

    /**
     * Describes {@code sql} in one to three sentences and lists the concepts it mentions. Never
     * throws: SQL that cannot be parsed or walked yields a translation saying so, with no concepts.
     *
     * @param dialect the dialect the SQL is written in; decides how ambiguous quoting reads (may be
     *     null)
     * @param schemaOrNull when given, table and column comments label names and qualify columns
     */
    public BackTranslation describe(String sql, Dialect dialect, SchemaSnapshot schemaOrNull) {
        if (sql == null || sql.isBlank()) {
            return BackTranslation.undescribed("it is empty");
        }
        if (sql.length() > MAX_SQL_LENGTH) {
            return BackTranslation.undescribed("it is longer than " + MAX_SQL_LENGTH + " characters");
        }
        Statements statements;
        try {
            statements = SqlParser.parseStatements(stripTerminators(sql), dialect);
        } catch (JSQLParserException | RuntimeException e) {
            return BackTranslation.undescribed("it does not parse");
        }
        if (statements == null || statements.size() != 1) {
            return BackTranslation.undescribed("it is not exactly one statement");
        }
        if (!(statements.getFirst() instanceof Select select)) {
            return BackTranslation.undescribed("it is not a query");
        }
        try {
            QueryDescriber describer = new QueryDescriber(SchemaLabels.of(schemaOrNull), dialect);
            String text = describer.describe(select);
            return new BackTranslation(text, describer.concepts());
        } catch (RuntimeException | StackOverflowError e) {
            // A construct the walker does not know must not fail validation; it lowers confidence instead.
            return BackTranslation.undescribed("it uses a construct the describer does not support ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Trailing semicolons (even doubled) end the one statement; they do not start another. */
    private static String stripTerminators(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
