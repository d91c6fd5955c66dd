package dev.querent.core;

import dev.querent.core.dialect.BigQueryDialect;
import dev.querent.core.dialect.DuckDbDialect;
import dev.querent.core.dialect.MySqlDialect;
import dev.querent.core.dialect.PostgresDialect;
import dev.querent.core.dialect.SnowflakeDialect;
import dev.querent.core.dialect.SqlDialect;
import dev.querent.core.dialect.SqliteDialect;

/**
 * SQL dialects Querent generates, validates and executes. What differs between them (quoting,
 * reserved words, type families, date functions, literals, limits, parser settings) is asked of
 * {@link #sql()}, never decided by a switch on the constant.
 */
public enum Dialect {
    POSTGRESQL("PostgreSQL", new PostgresDialect()),
    MYSQL("MySQL", new MySqlDialect()),
    SQLITE("SQLite", new SqliteDialect()),
    DUCKDB("DuckDB", new DuckDbDialect()),
    SNOWFLAKE("Snowflake", new SnowflakeDialect()),
    BIGQUERY("BigQuery", new BigQueryDialect());

    private final String displayName;
    private final SqlDialect sql;

    Dialect(String displayName, SqlDialect sql) {
        this.displayName = displayName;
        this.sql = sql;
    }

    /** The engine name as people (and Arctic-Text2SQL-R1's prompt) write it. */
    public String displayName() {
        return displayName;
    }

    /** What this engine writes and reads differently from the others. */
    public SqlDialect sql() {
        return sql;
    }
}
