package dev.querent.core.dialect;

/** What an engine does to the case of an identifier written without quotes. */
public enum UnquotedCase {
    /** Folds it to lower case (PostgreSQL): {@code Name} means {@code name}. */
    LOWER,
    /** Folds it to upper case (Snowflake): {@code Name} means {@code NAME}. */
    UPPER,
    /** Keeps it, and matches names regardless of case (SQLite, MySQL columns, DuckDB, BigQuery columns). */
    INSENSITIVE
}
