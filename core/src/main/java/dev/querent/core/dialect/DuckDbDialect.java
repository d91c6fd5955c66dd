package dev.querent.core.dialect;

import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * DuckDB: PostgreSQL's syntax for what Querent writes, but names keep their case and match
 * regardless of it; JSqlParser reads it with its PostgreSQL grammar.
 */
public final class DuckDbDialect implements SqlDialect {
    @Override
    public IdentifierQuote identifierQuote() {
        return IdentifierQuote.DOUBLE_QUOTE;
    }

    @Override
    public UnquotedCase unquotedCase() {
        return UnquotedCase.INSENSITIVE;
    }

    @Override
    public Set<String> pseudoColumns() {
        return Set.of("rowid");
    }

    @Override
    public void configureParser(CCJSqlParser parser) {
        parser.withDialect(AbstractJSqlParser.Dialect.POSTGRESQL);
    }
}
