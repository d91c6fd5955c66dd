package dev.querent.core.sql;

import dev.querent.core.Dialect;
import dev.querent.core.sql.internal.SqlParsing;
import dev.querent.core.sql.internal.SqlScanner;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/**
 * Parses SQL exactly as the guard does — the dialect's parser settings, a time-out on pathological
 * input, and the workaround for words JSqlParser reserves that the engines accept as column names
 * ({@code uuid}) — so whatever reads SQL (plans, back-translation, hints) reads every query the guard
 * accepted. Parsing here is for reading; only {@link SqlGuard} makes SQL that may run.
 */
public final class SqlParser {
    private SqlParser() {}

    /**
     * @param dialect how the SQL is written; null reads it with no dialect's extensions (double-quoted
     *     names, as SQLite and standard SQL write them)
     */
    public static Statements parseStatements(String sql, Dialect dialect) throws JSQLParserException {
        Dialect d = dialect == null ? Dialect.SQLITE : dialect;
        return SqlParsing.parse(SqlScanner.scan(sql, d), d);
    }

    /** The one statement {@code sql} holds (trailing semicolons ignored), or empty when it is not exactly one that parses. */
    public static Optional<Statement> parseOne(String sql, Dialect dialect) {
        if (sql == null || sql.isBlank()) {
            return Optional.empty();
        }
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            Statements statements = parseStatements(text, dialect);
            return statements == null || statements.size() != 1
                    ? Optional.empty()
                    : Optional.ofNullable(statements.getFirst());
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }
}
