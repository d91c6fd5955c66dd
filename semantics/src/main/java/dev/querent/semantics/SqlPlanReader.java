package dev.querent.semantics;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlParser;
import dev.querent.semantics.analysis.SelectReader;
import java.util.Objects;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Reads the plan a SQL query runs, whoever wrote it (a verified pattern, a model, a reviewer's
 * correction): tables, joins with their keys and kind, filters, measures (plain and computed),
 * grouping, order, limit, distinct, and for CTEs, sub-queries and set operations an ordered list of
 * steps, each with its English description. What the structured fields cannot hold is kept as SQL
 * text, so the plan shows what runs. Deterministic and needs no database.
 *
 * <p>The summary is {@link PlanDescriber}'s sentence for plans the compiler could write, and the
 * back-translation of the SQL ({@link SqlBackTranslator}) for the others.
 */
public final class SqlPlanReader {
    private final PlanDescriber describer = new PlanDescriber();
    private final SqlBackTranslator backTranslator = new SqlBackTranslator();

    /**
     * @param dialect how the SQL is written (quoting, date functions); may be null
     * @param schema the tables the SQL reads, for naming them as plans do and typing literals
     * @throws IllegalArgumentException when {@code sql} is not exactly one query the parser reads
     */
    public QueryPlan read(String sql, Dialect dialect, SchemaSnapshot schema) {
        Objects.requireNonNull(schema, "schema");
        Select select = parse(sql, dialect);
        QueryPlan plan;
        try {
            plan = new SelectReader(dialect, schema, s -> describe(s, dialect, schema)).read(select);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException(
                    "the query uses a construct the plan reader does not support ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        boolean describable = !plan.tables().isEmpty() && !plan.hasExpressions();
        return plan.withSummary(
                describable
                        ? describer.describe(plan)
                        : backTranslator.describe(sql, dialect, schema).text());
    }

    /** As {@link #read}, empty instead of an exception when the SQL cannot be read. */
    public Optional<QueryPlan> tryRead(String sql, Dialect dialect, SchemaSnapshot schema) {
        try {
            return Optional.of(read(sql, dialect, schema));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String describe(Select select, Dialect dialect, SchemaSnapshot schema) {
        Select body = select instanceof ParenthesedSelect p && p.getWithItemsList() == null ? p.getSelect() : select;
        return backTranslator.describe(body.toString(), dialect, schema).text();
    }

    private static Select parse(String sql, Dialect dialect) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("the SQL is empty");
        }
        if (sql.length() > SqlBackTranslator.MAX_SQL_LENGTH) {
            throw new IllegalArgumentException(
                    "the SQL is longer than " + SqlBackTranslator.MAX_SQL_LENGTH + " characters");
        }
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        Statements statements;
        try {
            statements = SqlParser.parseStatements(text, dialect);
        } catch (JSQLParserException | RuntimeException e) {
            throw new IllegalArgumentException("the SQL does not parse", e);
        }
        if (statements == null || statements.size() != 1) {
            throw new IllegalArgumentException("the SQL is not exactly one statement");
        }
        if (!(statements.getFirst() instanceof Select select)) {
            throw new IllegalArgumentException("the SQL is not a query");
        }
        return select;
    }
}
