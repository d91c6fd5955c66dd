package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import dev.querent.core.sql.internal.SqlScanner.Kind;
import dev.querent.core.sql.internal.SqlScanner.Scan;
import dev.querent.core.sql.internal.SqlScanner.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Top;

/**
 * Gives an accepted query a row limit while keeping the user's text.
 *
 * <p>Re-rendering the AST would change what runs in ways nobody reviewed (JSqlParser normalises
 * spacing, quoting and some syntax), so the limit goes into the original text: appended when the
 * query has none, its number replaced when it is too high, or, when neither can be done exactly, the
 * whole query wrapped as {@code SELECT * FROM (...) AS q LIMIT n}. Every rewrite is parsed again
 * and accepted only if the new top-level limit is really there and the rest of the statement is
 * unchanged, which catches, for example, a trailing comment swallowing the LIMIT.
 */
public final class LimitRewriter {
    /**
     * @param sql the text to execute
     * @param limitAdded whether the query had no row limit of its own
     */
    public record Limited(String sql, boolean limitAdded) {}

    private sealed interface Existing {}

    private record NoLimit() implements Existing {}

    /**
     * A LIMIT/FETCH/TOP literal, of any size (MySQL takes up to 2^64 - 1, more than a {@code long});
     * {@code token} is its number in the text, when it could be found.
     */
    private record Literal(BigInteger value, Optional<Token> token) implements Existing {}

    /** LIMIT ALL / NULL, or OFFSET alone: no bound, but no room to append one either. */
    private record Unbounded() implements Existing {}

    /** An expression or parameter: its value is unknown until execution. */
    private record Computed() implements Existing {}

    private final Scan scan;
    private final Dialect dialect;
    private final Select original;
    private final String body;
    private String originalRendering;

    private LimitRewriter(Scan scan, Dialect dialect, Select original) {
        this.scan = scan;
        this.dialect = dialect;
        this.original = original;
        this.body = body(scan);
    }

    /** The limited text, or empty when no rewrite could be confirmed by the parser. */
    public static Optional<Limited> enforce(Scan scan, Dialect dialect, Select query, int defaultLimit, int maxLimit) {
        return new LimitRewriter(scan, dialect, query).enforce(defaultLimit, maxLimit);
    }

    private Optional<Limited> enforce(int defaultLimit, int maxLimit) {
        return switch (existing()) {
            case NoLimit n -> append(defaultLimit).or(() -> wrap(defaultLimit)).map(s -> new Limited(s, true));
            case Unbounded u -> wrap(defaultLimit).map(s -> new Limited(s, true));
            case Computed c -> wrap(maxLimit).map(s -> new Limited(s, false));
            case Literal l
            when l.value().signum() >= 0 && l.value().compareTo(BigInteger.valueOf(maxLimit)) <= 0 ->
                Optional.of(new Limited(body, false));
            case Literal l ->
                l.token()
                        .flatMap(t -> replace(t, maxLimit))
                        .or(() -> wrap(maxLimit))
                        .map(s -> new Limited(s, false));
        };
    }

    private Existing existing() {
        Select holder = limitHolder(original);
        Limit limit = holder.getLimit();
        Fetch fetch = holder.getFetch();
        Top top = holder instanceof PlainSelect ps ? ps.getTop() : null;
        if (limit != null) {
            if (limit.isLimitAll() || limit.isLimitNull() || limit.getRowCount() == null) {
                return new Unbounded();
            }
            return literal(limit.getRowCount(), "limit");
        }
        if (fetch != null) {
            if (fetch.getExpression() == null) {
                return fetch.getFetchJdbcParameter() != null
                        ? new Computed()
                        : new Literal(BigInteger.valueOf(fetch.getRowCount()), Optional.empty());
            }
            return literal(fetch.getExpression(), "fetch");
        }
        if (top != null && holder == original) {
            return top.isPercentage() || top.isWithTies() ? new Computed() : literal(top.getExpression(), "top");
        }
        return holder.getOffset() != null ? new Unbounded() : new NoLimit();
    }

    /**
     * The select whose LIMIT/FETCH/OFFSET is the statement's own. JSqlParser binds a trailing LIMIT
     * of an unparenthesised set operation without ORDER BY to its last branch, but every supported
     * engine applies it to the whole set operation, so there it is read from that branch. A query
     * that is one parenthesised select is limited by the select inside.
     */
    private static Select limitHolder(Select s) {
        if (hasRowClause(s)) {
            return s;
        }
        if (s instanceof SetOperationList so
                && so.getSelects().getLast() instanceof PlainSelect last
                && hasRowClause(last)) {
            return last;
        }
        if (s instanceof ParenthesedSelect p && p.getSelect() != null && hasRowClause(limitHolder(p.getSelect()))) {
            return limitHolder(p.getSelect());
        }
        return s;
    }

    private static boolean hasRowClause(Select s) {
        return s.getLimit() != null || s.getFetch() != null || s.getOffset() != null;
    }

    private Existing literal(Expression e, String keyword) {
        if (e instanceof SignedExpression signed && signed.getSign() == '-') {
            // SQLite reads a negative LIMIT as no limit at all.
            return new Unbounded();
        }
        if (!(e instanceof LongValue v)) {
            return new Computed();
        }
        BigInteger value = v.getBigIntegerValue();
        return new Literal(value, numberAfter(keyword, value));
    }

    /**
     * Why the statement's own OFFSET cannot run anywhere, if it cannot: a number beyond 64 bits, which
     * no engine takes (the LIMIT itself is lowered to the maximum instead).
     */
    public static Optional<String> offsetOutOfRange(Select query) {
        Select holder = limitHolder(query);
        List<Expression> offsets = new ArrayList<>();
        if (holder.getOffset() != null) {
            offsets.add(holder.getOffset().getOffset());
        }
        if (holder.getLimit() != null) {
            offsets.add(holder.getLimit().getOffset());
        }
        BigInteger most = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (Expression e : offsets) {
            if (e instanceof LongValue v && v.getBigIntegerValue().compareTo(most) > 0) {
                return Optional.of(
                        "OFFSET " + v.getStringValue() + " is larger than any engine accepts (at most " + most + ")");
            }
        }
        return Optional.empty();
    }

    /** The number token of the last LIMIT/FETCH/TOP clause outside parentheses. */
    private Optional<Token> numberAfter(String keyword, BigInteger value) {
        List<Token> code =
                scan.code().stream().filter(t -> t.end() <= body.length()).toList();
        for (int i = code.size() - 1; i >= 0; i--) {
            Token t = code.get(i);
            if (t.depth() != 0 || !scan.isWord(t, keyword)) {
                continue;
            }
            for (int j = i + 1; j < code.size() && j <= i + 4; j++) {
                Token n = code.get(j);
                if (n.kind() == Kind.NUMBER && scan.text(n).equals(value.toString())) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<String> append(int limit) {
        // After a trailing "-- comment" the clause must start on a new line or it is commented out.
        String separator = endsInLineComment() ? "\n" : " ";
        String candidate = body + separator + dialect.sql().limit(limit);
        return confirm(candidate, limit, s -> limitHolder(s).setLimit(null));
    }

    private Optional<String> replace(Token number, int limit) {
        String candidate = body.substring(0, number.start()) + limit + body.substring(number.end());
        Select before = limitHolder(original);
        return confirm(candidate, limit, s -> {
            Select holder = limitHolder(s);
            if (holder.getLimit() != null) {
                holder.getLimit().setRowCount(before.getLimit().getRowCount());
            } else if (holder.getFetch() != null) {
                holder.getFetch().setExpression(before.getFetch().getExpression());
            } else if (holder instanceof PlainSelect ps && ps.getTop() != null) {
                ps.getTop().setExpression(((PlainSelect) before).getTop().getExpression());
            }
        });
    }

    private Optional<String> wrap(int limit) {
        String candidate =
                "SELECT * FROM (\n" + body + "\n) AS q " + dialect.sql().limit(limit);
        Optional<Select> reparsed = parse(candidate);
        if (reparsed.isEmpty()
                || !(reparsed.get() instanceof PlainSelect outer)
                || outer.getLimit() == null
                || !hasLimit(outer, limit)) {
            return Optional.empty();
        }
        Select wrapped = wrappedQuery(outer.getFromItem());
        return wrapped != null && sameAsOriginal(wrapped) ? Optional.of(candidate) : Optional.empty();
    }

    private static Select wrappedQuery(FromItem from) {
        // "FROM ((SELECT ...)) AS q": JSqlParser keeps the query's own parentheses as a FROM group.
        if (from instanceof ParenthesedFromItem group
                && (group.getJoins() == null || group.getJoins().isEmpty())
                && group.getFromItem() instanceof Select inner) {
            return inner;
        }
        return from instanceof ParenthesedSelect p ? p.getSelect() : null;
    }

    /**
     * Parses {@code candidate}, checks its top-level limit is {@code limit}, undoes the change with
     * {@code restore} and compares the result with the original statement.
     */
    private Optional<String> confirm(String candidate, int limit, Consumer<Select> restore) {
        Optional<Select> reparsed = parse(candidate);
        if (reparsed.isEmpty()
                || reparsed.get().getClass() != original.getClass()
                || !hasLimit(reparsed.get(), limit)) {
            return Optional.empty();
        }
        restore.accept(reparsed.get());
        return sameAsOriginal(reparsed.get()) ? Optional.of(candidate) : Optional.empty();
    }

    private boolean sameAsOriginal(Select reparsed) {
        if (originalRendering == null) {
            originalRendering = original.toString();
        }
        return reparsed.toString().equals(originalRendering);
    }

    private static boolean hasLimit(Select statement, long limit) {
        Select s = limitHolder(statement);
        if (s.getLimit() != null) {
            return isNumber(s.getLimit().getRowCount(), limit);
        }
        if (s.getFetch() != null) {
            return isNumber(s.getFetch().getExpression(), limit);
        }
        return s instanceof PlainSelect ps
                && ps.getTop() != null
                && isNumber(ps.getTop().getExpression(), limit);
    }

    private static boolean isNumber(Expression e, long value) {
        return e instanceof LongValue v && v.getBigIntegerValue().equals(BigInteger.valueOf(value));
    }

    private Optional<Select> parse(String candidate) {
        Scan rescanned = SqlScanner.scan(candidate, dialect);
        try {
            Statements statements = SqlParsing.parse(rescanned, dialect);
            return statements.size() == 1 && statements.getFirst() instanceof Select s
                    ? Optional.of(s)
                    : Optional.empty();
        } catch (JSQLParserException e) {
            return Optional.empty();
        }
    }

    private boolean endsInLineComment() {
        List<Token> inBody =
                scan.tokens().stream().filter(t -> t.end() <= body.length()).toList();
        return !inBody.isEmpty() && inBody.getLast().kind() == Kind.LINE_COMMENT;
    }

    /** The statement without its trailing semicolon, whatever follows it, and trailing whitespace. */
    static String body(Scan scan) {
        String text = scan.text();
        for (Token t : scan.tokens()) {
            if (scan.isSymbol(t, ';')) {
                text = text.substring(0, t.start());
                break;
            }
        }
        return text.stripTrailing();
    }
}
