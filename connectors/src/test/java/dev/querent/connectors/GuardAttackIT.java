package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.connectors.mysql.MySqlConnectorFactory;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.connectors.sqlite.SqliteConnector;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.GuardVerdict;
import dev.querent.core.sql.SqlGuard;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The exploits of the attack run, against real engines: each is refused by the guard, and ordinary
 * queries using allowed built-ins are accepted and return their rows through the connector. For
 * PostgreSQL the IT first shows, on a raw superuser connection, that the exploit really leaks
 * without the guard. The PostgreSQL, DuckDB and SQLite allow-lists are also checked against the
 * engines' own function catalogs. PostgreSQL and MariaDB come from {@code QUERENT_TEST_PG_URL} and
 * {@code QUERENT_TEST_MYSQL_URL} (skipped without them, failing under {@code CI=true}).
 */
class GuardAttackIT {
    private static final SqlGuard GUARD = new SqlGuard(GuardPolicy.defaults());
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 1_000, 1_000_000);

    private static final String FIXTURE_TABLE = "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY,"
            + " name VARCHAR(100) NOT NULL, tier VARCHAR(20) NOT NULL, signup_date DATE NOT NULL)";
    private static final List<String> FIXTURE_ROWS = List.of(
            "INSERT INTO customers VALUES (1, 'Ada Lovelace', 'gold', '2023-01-15')",
            "INSERT INTO customers VALUES (2, 'Alan Turing', 'silver', '2023-03-02')",
            "INSERT INTO customers VALUES (3, 'Grace Hopper', 'gold', '2024-06-30')");

    private static final List<String> POSTGRES_EXPLOITS = List.of(
            "SELECT * FROM ts_stat('SELECT to_tsvector(pg_read_file(''/etc/passwd''))')",
            "SELECT word FROM ts_stat('SELECT to_tsvector(rolname || '' '' || coalesce(rolpassword, '''')) FROM pg_authid')",
            "SELECT * FROM ts_stat('SELECT to_tsvector(f) FROM pg_ls_dir(''/'') AS f')",
            "SELECT * FROM pg_catalog.ts_stat('SELECT to_tsvector(query) FROM pg_stat_activity')",
            "SELECT ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery, to_tsquery(pg_read_file(''/etc/hostname''))')",
            "SELECT query FROM pg_stat_get_activity(NULL)",
            "SELECT * FROM pg_show_all_file_settings()",
            "SELECT query_to_xml('SELECT * FROM pg_authid', true, true, '')",
            "SELECT xpath('//text()', query_to_xml('SELECT rolpassword FROM pg_authid', true, true, ''))",
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT * FROM pg_ls_dir('/')",
            "SELECT current_setting('data_directory')",
            "SELECT name, setting FROM pg_settings",
            "SELECT rolpassword FROM pg_authid",
            "SELECT \"ts_stat\"('SELECT 1')",
            "SELECT TS_STAT /* c */ ('SELECT 1')",
            "SELECT CAST(x AS numeric(ts_stat('SELECT 1'))) FROM customers",
            "SELECT repeat('x', 700000000)",
            "SELECT lpad('x', (SELECT 700000000), 'y')");

    private static final List<String> MYSQL_EXPLOITS = List.of(
            "SELECT REPEAT('x', 700000000)",
            "SELECT LOAD_FILE('/etc/passwd')",
            "SELECT `load_file`('/etc/passwd')",
            "SELECT SLEEP(5)",
            "SELECT BENCHMARK(100000000, MD5('a'))",
            "SELECT GET_LOCK('x', 10)",
            "SELECT EXTRACTVALUE(1, CONCAT(0x7e, (SELECT USER())))",
            "SELECT @@datadir",
            "SELECT * FROM information_schema.processlist",
            "SELECT * FROM information_schema.global_variables",
            "SELECT user, password FROM mysql.user",
            "SELECT VERSION()",
            "SELECT name FROM customers PROCEDURE ANALYSE()");

    private static final List<String> SQLITE_EXPLOITS = List.of(
            "SELECT zeroblob(700000000)",
            "SELECT readfile('/etc/passwd')",
            "SELECT load_extension('/tmp/evil.so')",
            "SELECT * FROM pragma_database_list",
            "SELECT * FROM pragma_table_info('customers')",
            "SELECT sqlite_version()",
            "SELECT writefile('/tmp/querent-x', 'y')");

    private static final List<String> DUCKDB_EXPLOITS = List.of(
            "SELECT repeat('x', 700000000)",
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_csv_auto('/etc/passwd')",
            "SELECT * FROM '/etc/passwd'",
            "SELECT * FROM read_text('/etc/passwd')",
            "SELECT * FROM glob('/*')",
            "SELECT * FROM query('SELECT * FROM duckdb_settings()')",
            "SELECT * FROM duckdb_settings()",
            "SELECT current_setting('home_directory')",
            "SELECT getenv('HOME')",
            "SELECT * FROM sqlite_scan('/tmp/other.db', 't')");

    // --- PostgreSQL -----------------------------------------------------------------------------

    @Test
    void postgresExploitsLeakWithoutTheGuardAndAreRefusedByIt() throws Exception {
        String url = env("QUERENT_TEST_PG_URL", "PostgreSQL");
        String user = System.getenv().getOrDefault("QUERENT_TEST_PG_USER", "postgres");
        String password = System.getenv("QUERENT_TEST_PG_PASSWORD");
        String schema = "querent_attack_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection raw = DriverManager.getConnection(url, user, password);
                Statement st = raw.createStatement()) {
            // The attack is real: on the same server, without the guard, ts_stat runs the SQL in its literal.
            try (ResultSet rs = st.executeQuery(POSTGRES_EXPLOITS.getFirst())) {
                StringBuilder words = new StringBuilder();
                while (rs.next()) {
                    words.append(rs.getString(1)).append(' ');
                }
                assertThat(words.toString()).as("ts_stat leaks /etc/passwd").contains("root");
            }
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path = " + schema);
            st.execute(FIXTURE_TABLE);
            for (String insert : FIXTURE_ROWS) {
                st.execute(insert);
            }
        }
        try {
            assertRefused(POSTGRES_EXPLOITS, Dialect.POSTGRESQL);
            URI uri = URI.create(url.substring("jdbc:".length()));
            Map<String, String> settings = new HashMap<>();
            settings.put("host", uri.getHost());
            settings.put("port", Integer.toString(uri.getPort() == -1 ? 5432 : uri.getPort()));
            settings.put("database", uri.getPath().substring(1));
            settings.put("user", user);
            settings.put("schemas", schema);
            try (DataSourceInterface pg = new PostgresConnectorFactory()
                    .open(new DataSourceConfig(
                            DataSourceId.random(),
                            "postgresql",
                            "attack",
                            settings,
                            password == null ? Map.of() : Map.of("password", password)))) {
                assertOrdinaryQueriesRun(
                        pg,
                        Map.of(
                                "SELECT upper(name), date_trunc('month', signup_date)::date::text, length(tier)"
                                        + " FROM customers WHERE customer_id = 1",
                                List.of(List.of("ADA LOVELACE", "2023-01-01", 4)),
                                "SELECT tier, count(*), string_agg(split_part(name, ' ', 1), ',' ORDER BY name)"
                                        + " FROM customers GROUP BY tier ORDER BY tier",
                                List.of(List.of("gold", 2L, "Ada,Grace"), List.of("silver", 1L, "Alan")),
                                "SELECT name, rank() OVER (ORDER BY signup_date DESC) FROM customers"
                                        + " WHERE coalesce(nullif(tier, 'silver'), 'x') <> 'x' ORDER BY 2",
                                List.of(List.of("Grace Hopper", 1L), List.of("Ada Lovelace", 2L)),
                                "SELECT count(*) FROM generate_series(1, 5) AS g(n) WHERE n % 2 = 1",
                                List.of(List.of(3L))));
            }
            assertListExists(
                    Dialect.POSTGRESQL,
                    names(url, user, password, "SELECT DISTINCT proname FROM pg_proc"),
                    // Grammar, not pg_proc entries.
                    Set.of(
                            "coalesce",
                            "nullif",
                            "greatest",
                            "least",
                            "current_date",
                            "current_time",
                            "current_timestamp",
                            "localtime",
                            "localtimestamp",
                            "grouping"));
        } finally {
            try (Connection raw = DriverManager.getConnection(url, user, password);
                    Statement st = raw.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    // --- MariaDB / MySQL ------------------------------------------------------------------------

    @Test
    void mysqlExploitsAreRefusedAndOrdinaryQueriesRun() throws Exception {
        String url = env("QUERENT_TEST_MYSQL_URL", "MySQL/MariaDB");
        String user = System.getenv().getOrDefault("QUERENT_TEST_MYSQL_USER", "root");
        String password = System.getenv("QUERENT_TEST_MYSQL_PASSWORD");
        String database = "querent_attack_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection raw = DriverManager.getConnection(url, user, password);
                Statement st = raw.createStatement()) {
            st.execute("CREATE DATABASE " + database);
            st.execute("USE " + database);
            st.execute(FIXTURE_TABLE);
            for (String insert : FIXTURE_ROWS) {
                st.execute(insert);
            }
        }
        try {
            assertRefused(MYSQL_EXPLOITS, Dialect.MYSQL);
            URI uri = URI.create(url.substring("jdbc:".length()));
            Map<String, String> settings = new HashMap<>();
            settings.put("host", uri.getHost());
            settings.put("port", Integer.toString(uri.getPort() == -1 ? 3306 : uri.getPort()));
            settings.put("database", database);
            settings.put("user", user);
            settings.put("ssl_mode", "DISABLED");
            try (DataSourceInterface mysql = new MySqlConnectorFactory()
                    .open(new DataSourceConfig(
                            DataSourceId.random(),
                            "mysql",
                            "attack",
                            settings,
                            password == null ? Map.of() : Map.of("password", password)))) {
                assertOrdinaryQueriesRun(
                        mysql,
                        Map.of(
                                "SELECT UPPER(name), DATE_FORMAT(signup_date, '%Y-%m'), YEAR(signup_date)"
                                        + " FROM customers WHERE customer_id = 2",
                                List.of(List.of("ALAN TURING", "2023-03", 2023L)),
                                "SELECT tier, COUNT(*), GROUP_CONCAT(SUBSTRING_INDEX(name, ' ', 1) ORDER BY name)"
                                        + " FROM customers GROUP BY tier ORDER BY tier",
                                List.of(List.of("gold", 2L, "Ada,Grace"), List.of("silver", 1L, "Alan")),
                                "SELECT IF(tier = 'gold', 'G', 'S'), DATEDIFF('2024-01-01', signup_date) FROM customers"
                                        + " WHERE customer_id = 1",
                                List.of(List.of("G", 351L))));
            }
        } finally {
            try (Connection raw = DriverManager.getConnection(url, user, password);
                    Statement st = raw.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    // --- SQLite and DuckDB (in process) ---------------------------------------------------------

    @Test
    void sqliteExploitsAreRefusedAndOrdinaryQueriesRun() throws Exception {
        Path dir = Files.createTempDirectory("querent-attack-sqlite");
        try {
            Path file = dir.resolve("shop.sqlite");
            fill("jdbc:sqlite:" + file);
            assertRefused(SQLITE_EXPLOITS, Dialect.SQLITE);
            try (DataSourceInterface sqlite = new SqliteConnector(file)) {
                assertOrdinaryQueriesRun(
                        sqlite,
                        Map.of(
                                "SELECT upper(name), strftime('%Y-%m', signup_date), iif(tier = 'gold', 1, 0)"
                                        + " FROM customers WHERE customer_id = 3",
                                List.of(List.of("GRACE HOPPER", "2024-06", 1)),
                                "SELECT tier, count(*), round(avg(julianday(signup_date) - julianday('2023-01-01')), 1)"
                                        + " FROM customers GROUP BY tier ORDER BY tier",
                                List.of(List.of("gold", 2, 280.0), List.of("silver", 1, 60.0)),
                                "SELECT count(*) FROM json_each('[1, 2, 3]')",
                                List.of(List.of(3))));
            }
            Set<String> engine =
                    names("jdbc:sqlite:" + file, null, null, "SELECT DISTINCT name FROM pragma_function_list");
            // Table-valued and newer-version functions the catalog of the bundled SQLite does not list.
            assertListExists(Dialect.SQLITE, engine, Set.of("json_each", "json_tree", "if", "unhex", "timediff"));
        } finally {
            TestFiles.deleteRecursively(dir);
        }
    }

    @Test
    void duckdbExploitsAreRefusedAndOrdinaryQueriesRun() throws Exception {
        Path dir = Files.createTempDirectory("querent-attack-duckdb");
        try {
            Path file = dir.resolve("shop.duckdb");
            fill("jdbc:duckdb:" + file);
            assertRefused(DUCKDB_EXPLOITS, Dialect.DUCKDB);
            try (DataSourceInterface duck = new DuckDbConnector(file)) {
                assertOrdinaryQueriesRun(
                        duck,
                        Map.of(
                                "SELECT upper(name), strftime(signup_date, '%Y-%m'), date_part('year', signup_date)"
                                        + " FROM customers WHERE customer_id = 1",
                                List.of(List.of("ADA LOVELACE", "2023-01", 2023L)),
                                "SELECT tier, count(*), string_agg(split_part(name, ' ', 1), ',' ORDER BY name)"
                                        + " FROM customers GROUP BY tier ORDER BY tier",
                                List.of(List.of("gold", 2L, "Ada,Grace"), List.of("silver", 1L, "Alan")),
                                "SELECT count(*), list_sum([1, 2, 3]) FROM range(4)",
                                List.of(List.of(4L, 6L))));
            }
            Set<String> engine =
                    names("jdbc:duckdb:" + file, null, null, "SELECT DISTINCT function_name FROM duckdb_functions()");
            // Grammar the parser rewrites (coalesce, ifnull, percentile_* WITHIN GROUP, current_time...).
            assertListExists(
                    Dialect.DUCKDB,
                    engine,
                    Set.of(
                            "row",
                            "if",
                            "grouping",
                            "coalesce",
                            "ifnull",
                            "percentile_cont",
                            "percentile_disc",
                            "current_time",
                            "current_timestamp",
                            "current_localtime"));
        } finally {
            TestFiles.deleteRecursively(dir);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private static void assertRefused(List<String> exploits, Dialect dialect) {
        for (String sql : exploits) {
            GuardVerdict v = GUARD.check(sql, dialect, null);
            assertThat(v.accepted()).as("%s accepted: %s", dialect, sql).isFalse();
            System.out.printf(
                    "refused [%s] %s -> %s%n", dialect, sql, v.rejections().getFirst());
        }
        System.out.printf("%s: %d/%d attack-run exploits refused%n", dialect, exploits.size(), exploits.size());
    }

    private static void assertOrdinaryQueriesRun(DataSourceInterface ds, Map<String, List<List<Object>>> expected) {
        expected.forEach((sql, rows) -> {
            List<List<Object>> actual = ds.executeQuery(
                            GUARD.require(sql, ds.dialect(), null), LIMITS, QueryCancellation.none())
                    .rows();
            assertThat(normalise(actual)).as(sql).isEqualTo(normalise(rows));
        });
    }

    /** Compares numbers by value whatever the driver's Java type. */
    private static List<List<String>> normalise(List<List<Object>> rows) {
        return rows.stream()
                .map(r -> r.stream()
                        .map(v -> v instanceof Number n
                                ? new java.math.BigDecimal(n.toString())
                                        .stripTrailingZeros()
                                        .toPlainString()
                                : String.valueOf(v))
                        .toList())
                .toList();
    }

    /** Every name on the dialect's list exists in the engine, apart from {@code notInCatalog}. */
    private static void assertListExists(Dialect dialect, Set<String> engine, Set<String> notInCatalog) {
        Set<String> missing = new TreeSet<>();
        for (String name : SqlGuard.allowedFunctions(dialect)) {
            if (!engine.contains(name) && !notInCatalog.contains(name)) {
                missing.add(name);
            }
        }
        System.out.printf(
                "%s allow-list: %d names, %d found in the engine's catalog%n",
                dialect,
                SqlGuard.allowedFunctions(dialect).size(),
                SqlGuard.allowedFunctions(dialect).size() - missing.size() - notInCatalog.size());
        assertThat(missing)
                .as("%s allow-list names the engine does not know", dialect)
                .isEmpty();
    }

    private static Set<String> names(String url, String user, String password, String query) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = user == null
                        ? DriverManager.getConnection(url)
                        : DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                names.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static void fill(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute(FIXTURE_TABLE);
            for (String insert : FIXTURE_ROWS) {
                st.execute(insert);
            }
        }
    }

    private static String env(String name, String engine) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + name + " is not set: .ci/run must start " + engine);
            }
            Assumptions.abort("No " + engine + ": set " + name + " (see .ci/run)");
        }
        return value;
    }
}
