package dev.querent.core.dialect;

import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;

/** PostgreSQL: double quotes, unquoted names folded to lower case, {@code date_trunc('unit', x)}. */
public final class PostgresDialect implements SqlDialect {
    @Override
    public IdentifierQuote identifierQuote() {
        return IdentifierQuote.DOUBLE_QUOTE;
    }

    @Override
    public UnquotedCase unquotedCase() {
        return UnquotedCase.LOWER;
    }

    @Override
    public Set<String> pseudoColumns() {
        return Set.of("ctid", "xmin", "xmax", "cmin", "cmax", "tableoid", "oid");
    }

    @Override
    public void configureParser(CCJSqlParser parser) {
        parser.withDialect(AbstractJSqlParser.Dialect.POSTGRESQL);
    }
}
