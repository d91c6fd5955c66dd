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

    /** The text to execute (the input, re-rendered by the parser, with a LIMIT where it had none). */
    public String sql() {
        return sql;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether the guard added the LIMIT. */
    public boolean limitAdded() {
        return limitAdded;
    }

    /** Names of the tables the statement reads, as written in it. */
    public List<String> tables() {
        return tables;
    }

    @Override
    public String toString() {
        return sql;
    }
}
