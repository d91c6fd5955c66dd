package dev.querent.core.dialect;

import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * SQLite: no date type (dates are ISO text, truncated with {@code strftime}), booleans are 1 and 0,
 * names match regardless of case, and back-quotes and brackets quote identifiers as well as double
 * quotes.
 */
public final class SqliteDialect implements SqlDialect {
    @Override
    public IdentifierQuote identifierQuote() {
        return IdentifierQuote.DOUBLE_QUOTE;
    }

    @Override
    public Set<IdentifierQuote> acceptedIdentifierQuotes() {
        return Set.of(IdentifierQuote.DOUBLE_QUOTE, IdentifierQuote.BACKTICK);
    }

    @Override
    public UnquotedCase unquotedCase() {
        return UnquotedCase.INSENSITIVE;
    }

    /** A declared DATE is a name only: the text stored may hold a time of day. */
    @Override
    public boolean holdsWholeDays(String declaredType) {
        return false;
    }

    @Override
    public Set<String> pseudoColumns() {
        return Set.of("rowid", "_rowid_", "oid");
    }

    @Override
    public String dateTrunc(DateGrain grain, String expression) {
        String x = expression;
        return switch (grain) {
            case DAY -> "date(" + x + ")";
            case WEEK -> "date(" + x + ", 'weekday 0', '-6 days')";
            case MONTH -> "strftime('%Y-%m-01', " + x + ")";
            case QUARTER ->
                "printf('%s-%02d-01', strftime('%Y', " + x + "), ((CAST(strftime('%m', " + x
                        + ") AS INTEGER) - 1) / 3) * 3 + 1)";
            case YEAR -> "strftime('%Y-01-01', " + x + ")";
        };
    }

    /** {@code %w} is 0 for Sunday; {@code %u} (1 Monday … 7 Sunday) is missing from older SQLite. */
    @Override
    public String isoDayOfWeek(String expression) {
        return "((CAST(strftime('%w', " + expression + ") AS INTEGER) + 6) % 7 + 1)";
    }

    @Override
    public String currentDate() {
        return "date('now')";
    }

    /** SQLite reads a negative LIMIT as none; the OFFSET alone would not parse. */
    @Override
    public String noOpRowClause() {
        return "LIMIT -1 OFFSET 0";
    }

    /** SQLite's LIKE already ignores the case of ASCII letters. */
    @Override
    public String caseInsensitiveLike(String expression, String pattern) {
        return expression + " LIKE " + pattern;
    }

    @Override
    public String booleanLiteral(boolean value) {
        return value ? "1" : "0";
    }

    /** Dates are stored as ISO text, which a plain string compares with correctly. */
    @Override
    public String dateLiteral(String isoText, boolean timestamp) {
        return stringLiteral(isoText);
    }

    @Override
    public boolean readsUnknownDoubleQuotedNameAsString() {
        return true;
    }

    @Override
    public void configureParser(CCJSqlParser parser) {
        parser.withSquareBracketQuotation(true);
    }
}
