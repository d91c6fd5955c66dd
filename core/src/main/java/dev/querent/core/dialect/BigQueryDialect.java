package dev.querent.core.dialect;

import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * BigQuery (GoogleSQL): back-quotes, {@code DATE_TRUNC(x, MONTH)} with the unit second, no case
 * folding for columns. Strings take backslash escapes, not doubled quotes.
 */
public final class BigQueryDialect implements SqlDialect {
    @Override
    public IdentifierQuote identifierQuote() {
        return IdentifierQuote.BACKTICK;
    }

    @Override
    public UnquotedCase unquotedCase() {
        return UnquotedCase.INSENSITIVE;
    }

    /**
     * BigQuery escapes a back-quote inside a quoted name with a backslash, which neither JSqlParser
     * nor the guard's lexer reads that way; no BigQuery table or column name contains one, so such a
     * name is refused rather than written in a form the guard would misread.
     */
    @Override
    public String quoteIdentifier(String name) {
        if (name.indexOf('`') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a BigQuery name cannot contain a back-quote or a backslash: " + name);
        }
        return IdentifierQuote.BACKTICK.quote(name);
    }

    @Override
    public String dateTrunc(DateGrain grain, String expression) {
        String unit = grain == DateGrain.WEEK ? "WEEK(MONDAY)" : grain.name();
        return "DATE_TRUNC(" + expression + ", " + unit + ")";
    }

    /** {@code EXTRACT(DAYOFWEEK …)} is 1 for Sunday … 7 for Saturday. */
    @Override
    public String isoDayOfWeek(String expression) {
        return "(MOD(EXTRACT(DAYOFWEEK FROM " + expression + ") + 5, 7) + 1)";
    }

    @Override
    public String currentDate() {
        return "CURRENT_DATE()";
    }

    /** No OFFSET without LIMIT; the largest INT64 keeps every row. */
    @Override
    public String noOpRowClause() {
        return "LIMIT 9223372036854775807";
    }

    @Override
    public String caseInsensitiveLike(String expression, String pattern) {
        return "LOWER(" + expression + ") LIKE LOWER(" + pattern + ")";
    }

    @Override
    public String stringLiteral(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public void configureParser(CCJSqlParser parser) {
        parser.withDialect(AbstractJSqlParser.Dialect.BIGQUERY);
    }
}
