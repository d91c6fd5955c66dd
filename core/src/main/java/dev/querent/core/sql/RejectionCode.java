package dev.querent.core.sql;

/** Why the guard refused a statement. Stable: clients and tests switch on these. */
public enum RejectionCode {
    EMPTY,
    TOO_LONG,
    PARSE_ERROR,
    MULTIPLE_STATEMENTS,
    NOT_A_QUERY,
    DATA_MODIFYING_CTE,
    SELECT_INTO,
    LOCKING_CLAUSE,
    SUSPICIOUS_TEXT,
    DANGEROUS_FUNCTION,
    SYSTEM_CATALOG,
    UNKNOWN_TABLE,
    UNKNOWN_COLUMN,
    /** The row limit could not be written into the statement in a way the parser confirms. */
    LIMIT_UNVERIFIABLE,
    /** Nested deeper than any real query, which would exhaust the stack of recursive AST code. */
    TOO_DEEPLY_NESTED,
    /**
     * A call to a function that is not one of the dialect's ordinary built-ins Querent allows
     * (aggregates, window, string, math, date/time, conversion, conditional, JSON, arrays, regular
     * expressions): an extension, a user-defined routine, or a built-in that reaches beyond the
     * query's own values. Functions known to be dangerous are {@link #DANGEROUS_FUNCTION} instead.
     */
    FUNCTION_NOT_ALLOWED,
    /** The query reads a table or column outside the user's data scope, or the scope cannot be applied to it. */
    OUT_OF_SCOPE
}
