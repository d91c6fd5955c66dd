package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Functions and catalogs a generated query must not use, by engine.
 *
 * <p>A name dangerous in any supported engine is refused in all of them: the dialect a data source
 * is labelled with can be wrong, and engines borrow each other's functions (DuckDB's postgres and
 * mysql scanners, MySQL-compatible warehouses). The only exceptions are names that are ordinary
 * built-ins in the target engine.
 */
public final class DangerousNames {
    private record Rule(String pattern, String why) {
        boolean matches(String name) {
            return pattern.endsWith("*")
                    ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern);
        }
    }

    private static final List<Rule> FUNCTIONS = List.of(
            // PostgreSQL: server files and programs, sleeping, locks, sessions, settings, sequences, replication.
            new Rule("pg_sleep*", "PostgreSQL: delays the server"),
            new Rule("pg_read_file", "PostgreSQL: reads server files"),
            new Rule("pg_read_binary_file", "PostgreSQL: reads server files"),
            new Rule("pg_ls_*", "PostgreSQL: lists server directories"),
            new Rule("pg_stat_file", "PostgreSQL: inspects server files"),
            new Rule("pg_logdir_ls", "PostgreSQL: lists server logs"),
            new Rule("pg_file_*", "PostgreSQL: writes server files"),
            new Rule("lo_*", "PostgreSQL: large objects read and write server files"),
            new Rule("loread", "PostgreSQL: large objects"),
            new Rule("lowrite", "PostgreSQL: large objects"),
            new Rule("dblink*", "PostgreSQL: runs statements on other servers"),
            new Rule("pg_terminate_backend", "PostgreSQL: kills sessions"),
            new Rule("pg_cancel_backend", "PostgreSQL: cancels sessions"),
            new Rule("pg_reload_conf", "PostgreSQL: reloads the configuration"),
            new Rule("pg_rotate_logfile", "PostgreSQL: rotates logs"),
            new Rule("pg_promote", "PostgreSQL: promotes a standby"),
            new Rule("set_config", "PostgreSQL: changes settings"),
            new Rule("query_to_xml*", "PostgreSQL: runs a query given as text"),
            new Rule("ts_stat", "PostgreSQL: runs a query given as text"),
            new Rule("ts_rewrite", "PostgreSQL: runs a query given as text"),
            new Rule("pg_stat_*", "PostgreSQL: shows other sessions, statistics and server files"),
            new Rule("pg_show_*", "PostgreSQL: shows server configuration and files"),
            new Rule("pg_get_keywords", "PostgreSQL: fingerprints the server"),
            new Rule("current_setting", "shows server configuration"),
            new Rule("pg_current_logfile", "PostgreSQL: names server files"),
            new Rule("table_to_xml*", "PostgreSQL: dumps a table given as text"),
            new Rule("cursor_to_xml*", "PostgreSQL: reads a cursor"),
            new Rule("schema_to_xml*", "PostgreSQL: dumps a schema"),
            new Rule("database_to_xml*", "PostgreSQL: dumps a database"),
            new Rule("pg_advisory*", "PostgreSQL: takes locks"),
            new Rule("pg_try_advisory*", "PostgreSQL: takes locks"),
            new Rule("nextval", "changes a sequence"),
            new Rule("setval", "changes a sequence"),
            new Rule("pg_create_*", "PostgreSQL: creates replication objects"),
            new Rule("pg_drop_*", "PostgreSQL: drops replication objects"),
            new Rule("pg_replication_*", "PostgreSQL: changes replication state"),
            new Rule("pg_logical_emit_message", "PostgreSQL: writes to the WAL"),
            new Rule("pg_switch_wal", "PostgreSQL: switches the WAL"),
            new Rule("pg_switch_xlog", "PostgreSQL: switches the WAL"),
            new Rule("pg_backup_*", "PostgreSQL: controls backups"),
            new Rule("pg_start_backup", "PostgreSQL: controls backups"),
            new Rule("pg_stop_backup", "PostgreSQL: controls backups"),
            new Rule("pg_stat_reset*", "PostgreSQL: resets statistics"),
            new Rule("pg_import_system_collations", "PostgreSQL: writes the catalog"),
            new Rule("pg_notify", "PostgreSQL: sends notifications"),
            new Rule("txid_current*", "PostgreSQL: assigns a transaction id"),
            new Rule("pg_current_xact_id*", "PostgreSQL: assigns a transaction id"),
            // MySQL.
            new Rule("sleep", "MySQL: delays the server"),
            new Rule("benchmark", "MySQL: burns server CPU"),
            new Rule("load_file", "MySQL: reads server files"),
            new Rule("get_lock", "MySQL: takes locks"),
            new Rule("release_lock", "MySQL: releases locks"),
            new Rule("release_all_locks", "MySQL: releases locks"),
            new Rule("sys_exec", "MySQL UDF: runs programs"),
            new Rule("sys_eval", "MySQL UDF: runs programs"),
            new Rule("master_pos_wait", "MySQL: blocks on replication"),
            new Rule("source_pos_wait", "MySQL: blocks on replication"),
            new Rule("wait_for_executed_gtid_set", "MySQL: blocks on replication"),
            new Rule("wait_until_sql_thread_after_gtids", "MySQL: blocks on replication"),
            // DuckDB: files, URLs, other databases, secrets.
            new Rule("read_csv*", "DuckDB: reads files and URLs"),
            new Rule("read_parquet", "DuckDB: reads files and URLs"),
            new Rule("parquet_*", "DuckDB: reads files and URLs"),
            new Rule("read_json*", "DuckDB: reads files and URLs"),
            new Rule("read_ndjson*", "DuckDB: reads files and URLs"),
            new Rule("read_text", "DuckDB: reads files and URLs"),
            new Rule("read_blob", "DuckDB: reads files and URLs"),
            new Rule("read_xlsx", "DuckDB: reads files"),
            new Rule("st_read*", "DuckDB: reads files"),
            new Rule("glob", "DuckDB: lists files"),
            new Rule("sniff_csv", "DuckDB: reads files"),
            new Rule("query", "DuckDB: runs a query given as text"),
            new Rule("query_table", "DuckDB: reads a table named by text"),
            new Rule("json_execute_serialized_sql", "DuckDB: runs a query given as text"),
            new Rule("json_deserialize_sql", "DuckDB: turns text into a query"),
            new Rule("getvariable", "DuckDB: reads session variables"),
            new Rule("duckdb_*", "DuckDB: shows settings, extensions, secrets and other databases"),
            new Rule("checkpoint", "DuckDB: writes the database file"),
            new Rule("force_checkpoint", "DuckDB: writes the database file"),
            new Rule("iceberg_*", "DuckDB: reads files and URLs"),
            new Rule("delta_scan", "DuckDB: reads files and URLs"),
            new Rule("postgres_*", "DuckDB: reads other databases"),
            new Rule("mysql_*", "DuckDB: reads other databases"),
            new Rule("sqlite_scan", "DuckDB: reads other databases"),
            new Rule("sqlite_attach", "DuckDB: attaches other databases"),
            new Rule("duckdb_secrets", "DuckDB: lists credentials"),
            new Rule("which_secret", "DuckDB: reveals credentials"),
            new Rule("getenv", "DuckDB: reads the environment"),
            // SQLite.
            new Rule("load_extension", "SQLite: loads native code"),
            new Rule("readfile", "SQLite: reads files"),
            new Rule("writefile", "SQLite: writes files"),
            new Rule("fts3_tokenizer", "SQLite: registers native code"),
            new Rule("edit", "SQLite: starts an editor"),
            new Rule("fsdir", "SQLite: lists files"),
            new Rule("zipfile", "SQLite: reads archives"),
            new Rule("pragma_*", "SQLite: pragma functions expose and change settings"),
            new Rule("sqlite_stmt", "SQLite: shows the connection's statements"),
            new Rule("sqlite_dbpage", "SQLite: reads raw database pages"),
            // Snowflake and BigQuery.
            new Rule("system$*", "Snowflake: system functions act on the account"),
            new Rule("external_query", "BigQuery: runs statements on other databases"),
            new Rule("result_scan", "Snowflake: reads other queries' results"));

    /**
     * Table-valued functions callable without parentheses, so they appear as table names: SQLite's
     * eponymous pragma tables ({@code FROM pragma_database_list}) and DuckDB's secret listing.
     */
    private static final List<Rule> BARE_TABLE_FUNCTIONS = List.of(
            new Rule("pragma_*", "SQLite: pragma functions expose and change settings"),
            new Rule("duckdb_secrets", "DuckDB: lists credentials"),
            new Rule("sqlite_stmt", "SQLite: shows the connection's statements"),
            new Rule("sqlite_dbpage", "SQLite: reads raw database pages"),
            new Rule("fsdir", "SQLite: lists files"),
            new Rule("zipfile", "SQLite: reads archives"));

    /** Built-ins of the target engine that share a name with a dangerous function elsewhere. */
    private static final Map<Dialect, Set<String>> BUILT_INS = Map.of(Dialect.SQLITE, Set.of("glob"));

    private record Catalog(String schema, String table) {
        boolean matches(String schemaOrNull, String name) {
            boolean tableMatches =
                    table.endsWith("*") ? name.startsWith(table.substring(0, table.length() - 1)) : table.equals(name);
            return tableMatches && (schema == null || schema.equals(schemaOrNull));
        }
    }

    /**
     * Catalogs holding credentials, other sessions' statements or server configuration; a name
     * ending in {@code *} matches every name it begins.
     * PostgreSQL's {@code pg_catalog} comes first on every search path, so its names match
     * unqualified too.
     */
    private static final List<Catalog> CATALOGS = List.of(
            new Catalog(null, "pg_shadow"),
            new Catalog(null, "pg_authid"),
            new Catalog(null, "pg_auth_members"),
            new Catalog(null, "pg_user_mapping"),
            new Catalog(null, "pg_user_mappings"),
            new Catalog(null, "pg_hba_file_rules"),
            new Catalog(null, "pg_ident_file_mappings"),
            new Catalog(null, "pg_file_settings"),
            new Catalog(null, "pg_db_role_setting"),
            new Catalog(null, "pg_stat_*"),
            new Catalog(null, "pg_statio_*"),
            new Catalog(null, "pg_settings"),
            new Catalog(null, "pg_locks"),
            new Catalog(null, "pg_prepared_xacts"),
            new Catalog(null, "pg_replication_slots"),
            new Catalog(null, "pg_backend_memory_contexts"),
            new Catalog(null, "pg_shmem_allocations"),
            new Catalog(null, "pg_stat_statements"),
            new Catalog(null, "pg_statistic"),
            new Catalog(null, "pg_largeobject"),
            new Catalog(null, "pg_subscription"),
            new Catalog(null, "pg_config"),
            new Catalog("mysql", "*"),
            new Catalog("performance_schema", "*"),
            new Catalog("sys", "*"),
            new Catalog("information_schema", "processlist"),
            new Catalog("information_schema", "user_privileges"),
            new Catalog("information_schema", "global_variables"),
            new Catalog("information_schema", "session_variables"),
            new Catalog("information_schema", "system_variables"),
            new Catalog("information_schema", "global_status"),
            new Catalog("information_schema", "session_status"),
            new Catalog("information_schema", "user_statistics"),
            new Catalog("information_schema", "client_statistics"),
            new Catalog("information_schema", "innodb_trx"),
            new Catalog("information_schema", "innodb_locks"),
            new Catalog("information_schema", "innodb_lock_waits"),
            new Catalog("account_usage", "*"),
            new Catalog("information_schema", "jobs"),
            new Catalog("information_schema", "jobs_by_user"),
            new Catalog("information_schema", "jobs_by_project"),
            new Catalog("information_schema", "jobs_by_organization"));

    private DangerousNames() {}

    /** Why calling {@code name} (unquoted, any case, without its schema) is refused, if it is. */
    public static Optional<String> function(String name, Dialect dialect) {
        String n = name.toLowerCase(Locale.ROOT);
        if (BUILT_INS.getOrDefault(dialect, Set.of()).contains(n)) {
            return Optional.empty();
        }
        return FUNCTIONS.stream().filter(r -> r.matches(n)).map(Rule::why).findFirst();
    }

    /** Why reading {@code name} as a table is refused because it is really a function, if it is. */
    public static Optional<String> bareTableFunction(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return BARE_TABLE_FUNCTIONS.stream()
                .filter(r -> r.matches(n))
                .map(Rule::why)
                .findFirst();
    }

    /** Whether reading table {@code name} in {@code schemaOrNull} (unquoted, any case) is refused. */
    public static boolean sensitiveCatalog(String schemaOrNull, String name) {
        String s = schemaOrNull == null ? null : schemaOrNull.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        return CATALOGS.stream().anyMatch(c -> c.matches(s, n));
    }
}
