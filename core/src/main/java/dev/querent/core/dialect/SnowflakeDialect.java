package dev.querent.core.dialect;

import java.util.Locale;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;

/** Snowflake: double quotes, unquoted names folded to upper case, backslash escapes in strings. */
public final class SnowflakeDialect implements SqlDialect {
    @Override
    public IdentifierQuote identifierQuote() {
        return IdentifierQuote.DOUBLE_QUOTE;
    }

    @Override
    public UnquotedCase unquotedCase() {
        return UnquotedCase.UPPER;
    }

    @Override
    public String dateTrunc(DateGrain grain, String expression) {
        return "DATE_TRUNC('" + grain.name().toLowerCase(Locale.ROOT) + "', " + expression + ")";
    }

    /** Unlike {@code DAYOFWEEK}, independent of the {@code WEEK_START} session parameter. */
    @Override
    public String isoDayOfWeek(String expression) {
        return "DAYOFWEEKISO(" + expression + ")";
    }

    /** Snowflake reads backslash escape sequences in single-quoted strings, so a backslash is doubled. */
    @Override
    public String stringLiteral(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public void configureParser(CCJSqlParser parser) {
        parser.withDialect(AbstractJSqlParser.Dialect.SNOWFLAKE);
    }
}
