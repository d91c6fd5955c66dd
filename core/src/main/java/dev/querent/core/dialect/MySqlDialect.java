package dev.querent.core.dialect;

import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * MySQL and MariaDB: back-quotes, double quotes for strings, backslash escapes in strings, no
 * {@code date_trunc}.
 */
public final class MySqlDialect implements SqlDialect {
    @Override
    public IdentifierQuote identifierQuote() {
        return IdentifierQuote.BACKTICK;
    }

    @Override
    public UnquotedCase unquotedCase() {
        return UnquotedCase.INSENSITIVE;
    }

    @Override
    public String dateTrunc(DateGrain grain, String expression) {
        String x = expression;
        return switch (grain) {
            case DAY -> "DATE(" + x + ")";
            case WEEK -> "DATE_SUB(DATE(" + x + "), INTERVAL WEEKDAY(" + x + ") DAY)";
            case MONTH -> "DATE_FORMAT(" + x + ", '%Y-%m-01')";
            case QUARTER -> "MAKEDATE(YEAR(" + x + "), 1) + INTERVAL (QUARTER(" + x + ") - 1) QUARTER";
            case YEAR -> "DATE_FORMAT(" + x + ", '%Y-01-01')";
        };
    }

    /** {@code WEEKDAY} is 0 for Monday … 6 for Sunday. */
    @Override
    public String isoDayOfWeek(String expression) {
        return "(WEEKDAY(" + expression + ") + 1)";
    }

    /** {@code SELECT … FROM DUAL}: a one-row table with no columns, never in the catalog. */
    @Override
    public Set<String> dummyTables() {
        return Set.of("dual");
    }

    /** MySQL has no OFFSET without LIMIT; the largest LIMIT is the documented way to say "all rows". */
    @Override
    public String noOpRowClause() {
        return "LIMIT 9223372036854775807";
    }

    /** LIKE follows the column's collation, case-insensitive by default. */
    @Override
    public String caseInsensitiveLike(String expression, String pattern) {
        return expression + " LIKE " + pattern;
    }

    /** A backslash escapes the next character unless NO_BACKSLASH_ESCAPES is set, so it is doubled. */
    @Override
    public String stringLiteral(String text) {
        return "'" + text.replace("'", "''").replace("\\", "\\\\") + "'";
    }

    @Override
    public boolean readsUnknownDoubleQuotedNameAsString() {
        return true;
    }

    @Override
    public void configureParser(CCJSqlParser parser) {
        parser.withDialect(AbstractJSqlParser.Dialect.MYSQL);
    }
}
