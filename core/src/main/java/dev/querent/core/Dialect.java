package dev.querent.core;

/** SQL dialects Querent generates, validates and executes. */
public enum Dialect {
    POSTGRESQL("PostgreSQL"),
    MYSQL("MySQL"),
    SQLITE("SQLite"),
    DUCKDB("DuckDB"),
    SNOWFLAKE("Snowflake"),
    BIGQUERY("BigQuery");

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    /** The engine name as people (and Arctic-Text2SQL-R1's prompt) write it. */
    public String displayName() {
        return displayName;
    }
}
