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
    private final String runAs;

    SafeSql(String sql, Dialect dialect, boolean limitAdded, List<String> tables) {
        this(sql, dialect, limitAdded, tables, null);
    }

    private SafeSql(String sql, Dialect dialect, boolean limitAdded, List<String> tables, String runAs) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.limitAdded = limitAdded;
        this.tables = List.copyOf(tables);
        this.runAs = runAs;
    }

    /** A database role name the engine can be told to run as: a plain identifier. */
    private static final java.util.regex.Pattern ROLE = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    /**
     * The same statement, to run under the database role {@code role} (PostgreSQL {@code SET LOCAL
     * ROLE} inside its read-only transaction), so that the database's own row-level security and
     * grants apply to the user. The text is unchanged; only a plain identifier is accepted.
     */
    public SafeSql runningAs(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new dev.querent.core.QuerentException(
                    dev.querent.core.ErrorCode.VALIDATION_FAILED,
                    "A database role must be a plain identifier (letters, digits, '_', '$'; at most 63).");
        }
        return new SafeSql(sql, dialect, limitAdded, tables, role);
    }

    /** The database role to run as, if one was set. */
    public java.util.Optional<String> runAs() {
        return java.util.Optional.ofNullable(runAs);
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
