package dev.querent.core.dialect;

import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Everything Querent writes or reads differently per SQL engine. Callers reach an engine's
 * implementation through {@link dev.querent.core.Dialect#sql()}; no other code switches on the
 * dialect for these questions.
 *
 * <p>Expressions passed in ({@code expression}, {@code pattern}) are SQL already; values passed in
 * ({@code text}, {@code name}) are data and always come back quoted or escaped.
 */
public interface SqlDialect {
    /** A name that never needs quotes for its characters: letters, digits, underscores, not first a digit. */
    Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The quoting Querent writes for this engine. */
    IdentifierQuote identifierQuote();

    /** Every quoting the engine reads as an identifier; includes {@link #identifierQuote()}. */
    default Set<IdentifierQuote> acceptedIdentifierQuotes() {
        return Set.of(identifierQuote());
    }

    /** What the engine does to the case of an unquoted identifier. */
    UnquotedCase unquotedCase();

    /** {@code name} quoted, embedded quote characters escaped so the name cannot end early. */
    default String quoteIdentifier(String name) {
        return identifierQuote().quote(name);
    }

    /** {@code name} quoted with {@code quote}, which this engine must accept. */
    default String quoteIdentifier(String name, IdentifierQuote quote) {
        if (!acceptedIdentifierQuotes().contains(quote)) {
            throw new IllegalArgumentException(quote + " does not quote identifiers in this dialect");
        }
        return quote == identifierQuote() ? quoteIdentifier(name) : quote.quote(name);
    }

    /** Whether {@code word} cannot be a bare identifier here. */
    default boolean isReserved(String word) {
        return ReservedWords.contains(word);
    }

    /**
     * Whether {@code name} must be quoted to mean exactly that name: it has other characters than
     * letters, digits and underscores, is a reserved word, or the engine would fold its case.
     */
    default boolean needsQuoting(String name) {
        if (!PLAIN_IDENTIFIER.matcher(name).matches() || isReserved(name)) {
            return true;
        }
        return switch (unquotedCase()) {
            case LOWER -> !name.equals(name.toLowerCase(java.util.Locale.ROOT));
            case UPPER -> !name.equals(name.toUpperCase(java.util.Locale.ROOT));
            case INSENSITIVE -> false;
        };
    }

    /** {@code name} as written in a query: bare when that is unambiguous, else quoted. */
    default String identifier(String name) {
        return needsQuoting(name) ? quoteIdentifier(name) : name;
    }

    /** Lower-case names every table has without declaring them ({@code rowid}, {@code ctid}). */
    default Set<String> pseudoColumns() {
        return Set.of();
    }

    /**
     * Lower-case names of tables a query may read that no catalog lists: MySQL's {@code DUAL}, the
     * one-row table of {@code SELECT … FROM DUAL}. Unqualified only; a real table of that name wins.
     */
    default Set<String> dummyTables() {
        return Set.of();
    }

    /**
     * Whether a column of {@code declaredType} holds whole days, no time of day: the SQL type {@code
     * DATE}, which every engine that enforces types keeps so.
     */
    default boolean holdsWholeDays(String declaredType) {
        return declaredType != null && declaredType.strip().equalsIgnoreCase("date");
    }

    /** The family of a column's declared type; the same reading for every engine. */
    default TypeFamily typeFamily(String declaredType) {
        return DeclaredTypes.family(declaredType);
    }

    /**
     * {@code expression} (a date or timestamp) truncated to the start of its {@code grain}; by default
     * {@code date_trunc('month', x)} as PostgreSQL, DuckDB and Snowflake write it.
     */
    default String dateTrunc(DateGrain grain, String expression) {
        return "date_trunc('" + grain.name().toLowerCase(java.util.Locale.ROOT) + "', " + expression + ")";
    }

    /**
     * The ISO day of the week of {@code expression} (a date or timestamp) as an integer: 1 Monday …
     * 7 Sunday. Written so that it can be followed by an operator ({@code … IN (6, 7)}) as it is. By
     * default {@code EXTRACT(ISODOW FROM x)} as PostgreSQL and DuckDB write it.
     */
    default String isoDayOfWeek(String expression) {
        return "EXTRACT(ISODOW FROM " + expression + ")";
    }

    /** Today's date. */
    default String currentDate() {
        return "CURRENT_DATE";
    }

    /** The clause that keeps the first {@code rows} rows, appended after ORDER BY. */
    default String limit(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("a row limit cannot be negative: " + rows);
        }
        return "LIMIT " + rows;
    }

    /**
     * A row clause that changes no result but stops the planner from merging a derived table into
     * the outer query or pushing outer predicates into it (used to fence a data scope's filter); by
     * default {@code OFFSET 0}.
     */
    default String noOpRowClause() {
        return "OFFSET 0";
    }

    /** {@code expression LIKE pattern}, ignoring case; by default {@code ILIKE}. */
    default String caseInsensitiveLike(String expression, String pattern) {
        return expression + " ILIKE " + pattern;
    }

    /** {@code text} as a string literal. */
    default String stringLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A boolean literal. */
    default String booleanLiteral(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    /**
     * A date ({@code yyyy-mm-dd}) or timestamp ({@code yyyy-mm-dd hh:mm[:ss]}) literal; the text is
     * checked by the caller.
     */
    default String dateLiteral(String isoText, boolean timestamp) {
        return (timestamp ? "TIMESTAMP " : "DATE ") + stringLiteral(isoText);
    }

    /**
     * Whether a double-quoted word that names no column is read as a string (SQLite falls back to
     * that, MySQL always reads double quotes as strings).
     */
    default boolean readsUnknownDoubleQuotedNameAsString() {
        return false;
    }

    /** Sets up JSqlParser to read this dialect. */
    void configureParser(CCJSqlParser parser);
}
