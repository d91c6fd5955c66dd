package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import dev.querent.core.sql.Rejection;
import dev.querent.core.sql.RejectionCode;
import dev.querent.core.sql.internal.SqlScanner.Kind;
import dev.querent.core.sql.internal.SqlScanner.Scan;
import dev.querent.core.sql.internal.SqlScanner.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names the reason for a statement the parser could not read. The statement is refused either way;
 * the tokens only choose the most useful code (a COPY or PRAGMA is "not a query", not a syntax
 * error), so this can never let anything through.
 */
public final class ParseFailures {
    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge", "upsert", "replace");

    private ParseFailures() {}

    public static Rejection classify(Scan scan, Dialect dialect, String parserMessage) {
        List<Token> code = scan.code();
        List<String> words = code.stream()
                .map(t -> t.kind() == Kind.WORD ? scan.text(t).toLowerCase(Locale.ROOT) : "")
                .toList();
        Token first = code.getFirst();
        if (!scan.isSymbol(first, '(') && !QUERY_STARTS.contains(words.getFirst())) {
            return notAQuery(scan.text(first));
        }
        if (words.getFirst().equals("with") && words.stream().anyMatch(WRITES::contains)) {
            return new Rejection(RejectionCode.DATA_MODIFYING_CTE, "only SELECT may appear in WITH");
        }
        if (words.contains("into")) {
            return new Rejection(RejectionCode.SELECT_INTO, "SELECT ... INTO writes a table, file or variable");
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            String next = words.get(i + 1);
            boolean forLock = words.get(i).equals("for")
                    && Set.of("update", "share", "no", "key").contains(next);
            boolean lockIn = words.get(i).equals("lock") && next.equals("in");
            if (forLock || lockIn) {
                return new Rejection(RejectionCode.LOCKING_CLAUSE, "locking clauses are not allowed in queries");
            }
        }
        if (parserMessage != null && parserMessage.contains("StackOverflowError")) {
            return new Rejection(RejectionCode.TOO_DEEPLY_NESTED, "the statement is nested too deeply for the parser");
        }
        String firstLine = parserMessage == null
                ? ""
                : parserMessage.lines().findFirst().orElse("").strip();
        // JSqlParser prefixes the message with the exception's class name.
        firstLine = firstLine.replaceFirst("^[\\w.$]+Exception: ", "");
        return new Rejection(
                RejectionCode.PARSE_ERROR,
                "the statement could not be parsed as " + dialect.displayName() + " SQL"
                        + (firstLine.isEmpty() ? "" : ": " + firstLine));
    }

    public static Rejection notAQuery(String firstWord) {
        return new Rejection(
                RejectionCode.NOT_A_QUERY,
                firstWord.toUpperCase(Locale.ROOT)
                        + " statements are not allowed; only read-only queries"
                        + " (SELECT, WITH ... SELECT, UNION/INTERSECT/EXCEPT, VALUES)");
    }
}
