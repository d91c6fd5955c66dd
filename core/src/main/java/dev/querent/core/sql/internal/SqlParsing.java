package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import dev.querent.core.sql.internal.SqlScanner.Scan;
import dev.querent.core.sql.internal.SqlScanner.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;

/** Runs JSqlParser configured for one dialect. */
public final class SqlParsing {
    /** Bounds the parser's backtracking on pathological input; ordinary statements take well under 50 ms. */
    private static final long PARSE_TIMEOUT_MILLIS = 3_000;

    /**
     * JSqlParser enforces its time-out by running the parse on another thread; virtual threads make
     * that hand-off cheap and need no shutdown.
     */
    private static final ExecutorService PARSER_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * Words JSqlParser 5.4 reserves that the engines accept as plain column names (BIRD uses a
     * column {@code uuid}).
     */
    private static final Set<String> PARSER_ONLY_KEYWORDS = Set.of("uuid", "map", "prior");

    /**
     * Interval units JSqlParser 5.4 accepts after {@code INTERVAL expr} but not after a
     * parenthesised {@code INTERVAL (expr)}, which MySQL allows.
     */
    private static final Set<String> IDENTIFIER_INTERVAL_UNITS = Set.of("quarter", "week");

    private SqlParsing() {}

    /**
     * Parses {@code scan}'s text. When that fails, parses it once more with the parser-only
     * keywords above quoted and odd interval units replaced: the statement's structure, calls and
     * names are unchanged, and what executes is still the original text.
     */
    public static Statements parse(Scan scan, Dialect dialect) throws JSQLParserException {
        try {
            return parse(scan.text(), dialect);
        } catch (JSQLParserException first) {
            String workaround = workaroundText(scan, dialect);
            if (isTimeout(first) || workaround.equals(scan.text())) {
                throw first;
            }
            try {
                return parse(workaround, dialect);
            } catch (JSQLParserException ignored) {
                throw first;
            }
        }
    }

    private static Statements parse(String text, Dialect dialect) throws JSQLParserException {
        try {
            return parse(text, dialect, false);
        } catch (JSQLParserException simple) {
            if (isTimeout(simple)) {
                throw simple;
            }
            // Like CCJSqlParserUtil: the cheaper grammar first, the backtracking one when needed.
            return parse(text, dialect, true);
        }
    }

    private static Statements parse(String text, Dialect dialect, boolean complex) throws JSQLParserException {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(text);
        dialect.sql().configureParser(parser);
        parser.withTimeOut(PARSE_TIMEOUT_MILLIS).withAllowComplexParsing(complex);
        return CCJSqlParserUtil.parseStatements(parser, PARSER_THREADS);
    }

    private static boolean isTimeout(JSQLParserException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String workaroundText(Scan scan, Dialect dialect) {
        List<Token> code = scan.code();
        StringBuilder out = new StringBuilder(scan.text());
        // Right to left, so earlier offsets stay valid.
        for (int i = code.size() - 1; i >= 0; i--) {
            Token t = code.get(i);
            String word = scan.text(t).toLowerCase(Locale.ROOT);
            if (t.kind() != SqlScanner.Kind.WORD) {
                continue;
            }
            Token previous = i > 0 ? code.get(i - 1) : null;
            Token next = i + 1 < code.size() ? code.get(i + 1) : null;
            if (PARSER_ONLY_KEYWORDS.contains(word)
                    && (previous == null || !scan.isSymbol(previous, '.'))
                    && (next == null || !(scan.isSymbol(next, '(') || next.kind() == SqlScanner.Kind.STRING))) {
                out.replace(t.start(), t.end(), dialect.sql().quoteIdentifier(scan.text(t)));
            } else if (IDENTIFIER_INTERVAL_UNITS.contains(word)
                    && previous != null
                    && scan.isSymbol(previous, ')')
                    && isIntervalOperand(code, i - 1, scan)) {
                out.replace(t.start(), t.end(), "DAY");
            }
        }
        return out.toString();
    }

    /** Whether the parenthesis closing at {@code close} opened right after {@code INTERVAL}. */
    private static boolean isIntervalOperand(List<Token> code, int close, Scan scan) {
        int depth = code.get(close).depth();
        for (int j = close - 1; j >= 0; j--) {
            Token t = code.get(j);
            if (t.depth() == depth && scan.isSymbol(t, '(')) {
                return j > 0 && scan.isWord(code.get(j - 1), "interval");
            }
        }
        return false;
    }
}
