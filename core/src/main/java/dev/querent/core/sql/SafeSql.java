package dev.querent.core.sql;

import dev.querent.core.Dialect;
import java.util.List;
import java.util.Objects;

/**
 * A statement the {@link SqlGuard} accepted: exactly one read-only query, for one dialect, with a
 * row limit. Its constructor is package-private on purpose: nothing outside the guard can make one,
 * so an API that takes {@code SafeSql} cannot be handed unchecked text.
 */
public final class SafeSql {
    private final String sql;
    private final Dialect dialect;
    private final boolean limitAdded;
    private final List<String> tables;

    SafeSql(String sql, Dialect dialect, boolean limitAdded, List<String> tables) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.limitAdded = limitAdded;
        this.tables = List.copyOf(tables);
    }

    /**
     * The text to execute: the input exactly as written, without a trailing semicolon (and whatever
     * followed it) or trailing whitespace, with a row limit, never re-rendered by the parser.
     *
     * <ul>
     *   <li>No LIMIT, FETCH FIRST or TOP: {@code LIMIT defaultLimit} is appended (on a new line when
     *       the input ends in a line comment).
     *   <li>A literal limit up to the policy's maximum: unchanged.
     *   <li>A literal limit above it: that number is replaced by the maximum.
     *   <li>A limit that is not a plain number (an expression, a parameter, {@code LIMIT ALL},
     *       {@code OFFSET} alone), or any case where the edits above do not parse back to the same
     *       statement: the input is wrapped as {@code SELECT * FROM (<input>) AS q LIMIT n}, with the
     *       input on lines of its own.
     * </ul>
     */
    public String sql() {
        return sql;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether the query had no row limit of its own, so the guard applied the default one. */
    public boolean limitAdded() {
        return limitAdded;
    }

    /**
     * The tables the statement reads, each once in order of appearance: qualified as written (e.g.
     * {@code sales.orders}), identifier quotes removed, CTE names and derived-table aliases left out.
     */
    public List<String> tables() {
        return tables;
    }

    @Override
    public String toString() {
        return sql;
    }
}
