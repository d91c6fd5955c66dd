package dev.querent.connectors;

import dev.querent.connectors.duckdb.DuckDbConnectorFactory;
import dev.querent.connectors.internal.AbstractJdbcConnector;
import dev.querent.connectors.mysql.MySqlConnectorFactory;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardPolicy;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code ./querent bench connectors}: for every engine available here, (1) how long the connector
 * takes to introspect a generated schema of many tables (tables, columns, keys, comments, row
 * estimates and the sample values the product reads: exactly {@link DataSourceInterface#getSchema})
 * and (2) what a query costs through the product's path — {@link SqlGuard} with the schema check,
 * then the connector (pooled read-only session, statement timeout, row and size caps, value
 * mapping) — against raw JDBC running the same SQL text on one open connection of the same driver,
 * reading every value with {@code getObject}. Both sides run in the same process, interleaved
 * round by round; figures are medians. A command, not a test.
 *
 * <p>Engines: SQLite and DuckDB (files in a temporary folder), PostgreSQL and MariaDB when
 * {@code QUERENT_TEST_PG_URL} / {@code QUERENT_TEST_MYSQL_URL} are set (a schema / database of
 * their own, dropped afterwards), and the Snowflake and BigQuery protocol fakes with their real
 * drivers (over an in-memory DuckDB; BigQuery has no JDBC, so no raw side).
 *
 * <p>System properties: {@code tables} (default 200), {@code rounds} (default 200 per query),
 * {@code fakeRounds} (default 40, for the two fakes), {@code introspections} (default 5), {@code engines} (comma-separated names or prefixes, e.g.
 * {@code sqlite,duckdb}; default all).
 */
public final class ConnectorBenchmark {
    static final int TABLES = Integer.getInteger("tables", 200);
    static final int ROWS = 20;
    static final int BIG_ROWS = 2_000;
    private static final int ROUNDS = Integer.getInteger("rounds", 200);
    private static final int GUARD_WARMUP = 2_000;
    private static boolean guardWarm;
    private static final int FAKE_ROUNDS = Integer.getInteger("fakeRounds", 40);
    private static final int INTROSPECTIONS = Integer.getInteger("introspections", 5);
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 10_000, 100_000_000);

    /** The queries both sides run, with their LIMIT written out so the guard leaves them as they are. */
    static final Map<String, String> QUERIES = queries();

    private static Map<String, String> queries() {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put("one row by key", "SELECT id, name, amount FROM t010 WHERE id = 7 LIMIT 10");
        q.put(
                "join + group (5 rows)",
                "SELECT b.category, COUNT(*) AS n, SUM(b.amount) AS total FROM t001 b JOIN t000 a ON b.parent_id = a.id"
                        + " GROUP BY b.category ORDER BY b.category LIMIT 100");
        q.put(
                "1,000 rows × 12 columns",
                "SELECT id, parent_id, name, category, status, amount, quantity, created, shipped, score, note, code"
                        + " FROM t000 ORDER BY id LIMIT 1000");
        return q;
    }

    /** One engine holding the generated schema: the product's connector and, where JDBC exists, a raw connection. */
    public interface Target extends AutoCloseable {
        String name();

        DataSourceInterface connector();

        /** A plain connection of the same driver to the same data, or null (no JDBC: BigQuery). */
        Connection raw() throws SQLException;

        @Override
        void close() throws Exception;
    }

    private ConnectorBenchmark() {}

    /** The generated schema in portable SQL: {@link #TABLES} tables of 12 columns, each keyed to the one before. */
    public static List<String> schema() {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < TABLES; t++) {
            String name = table(t);
            out.add("CREATE TABLE " + name + " (id INTEGER PRIMARY KEY, parent_id INTEGER"
                    + (t == 0 ? "" : " REFERENCES " + table(t - 1) + " (id)")
                    + ", name VARCHAR(40) NOT NULL, category VARCHAR(20) NOT NULL, status VARCHAR(20),"
                    + " amount DECIMAL(12,2), quantity INTEGER, created DATE, shipped DATE, score DOUBLE PRECISION,"
                    + " note VARCHAR(100), code VARCHAR(10))");
            int rows = t == 0 ? BIG_ROWS : ROWS;
            StringBuilder insert = null;
            for (int r = 1; r <= rows; r++) {
                if (insert == null) {
                    insert = new StringBuilder("INSERT INTO " + name + " VALUES ");
                } else {
                    insert.append(", ");
                }
                LocalDate created = LocalDate.of(2024, 1, 1).plusDays(r % 365);
                insert.append(String.format(
                        Locale.ROOT,
                        "(%d, %s, 'item %d-%d', '%s', '%s', %d.%02d, %d, '%s', '%s', %.4f, 'note %d', 'C%03d')",
                        r,
                        t == 0 ? "NULL" : Integer.toString(r % ROWS + 1),
                        t,
                        r,
                        List.of("alpha", "beta", "gamma", "delta", "epsilon").get(r % 5),
                        List.of("open", "shipped", "closed").get(r % 3),
                        r * 3,
                        r % 100,
                        r % 17,
                        created,
                        created.plusDays(3),
                        r / 3.0,
                        r,
                        r % 1000));
                if (r % 500 == 0 || r == rows) {
                    out.add(insert.toString());
                    insert = null;
                }
            }
        }
        return out;
    }

    static String table(int t) {
        return String.format(Locale.ROOT, "t%03d", t);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("querent-bench-connectors");
        List<String> schema = schema();
        System.out.printf(
                "Generated schema: %d tables × 12 columns (%d columns), a foreign key per table, %d rows in t000,"
                        + " %d in the others; %d introspections after 1 warm-up, %d rounds per query after %d warm-up"
                        + " (the fakes: %d after %d).%n%n",
                TABLES,
                TABLES * 12,
                BIG_ROWS,
                ROWS,
                INTROSPECTIONS,
                ROUNDS,
                ROUNDS / 5,
                Math.min(ROUNDS, FAKE_ROUNDS),
                Math.min(ROUNDS, FAKE_ROUNDS) / 5);
        List<String> rows = new ArrayList<>();
        List<String> only = List.of(System.getProperty("engines", "").split(","));
        for (String engine :
                List.of("SQLite", "DuckDB", "PostgreSQL", "MariaDB", "Snowflake (fake)", "BigQuery (fake)")) {
            if (!only.equals(List.of(""))
                    && only.stream().noneMatch(o -> engine.toLowerCase(Locale.ROOT)
                            .startsWith(o.strip().toLowerCase(Locale.ROOT)))) {
                continue;
            }
            Target target;
            try {
                target = open(engine, dir, schema);
            } catch (Unavailable e) {
                System.out.println(engine + ": skipped (" + e.getMessage() + ")");
                continue;
            }
            try (target) {
                rows.addAll(measure(target));
            }
        }
        System.out.println();
        System.out.println(
                "| engine | introspection (median) | tables / columns seen | query | raw JDBC p50 | guard p50"
                        + " | connector p50 | guard + connector p50 | ratio to raw |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static List<String> measure(Target target) throws Exception {
        DataSourceInterface connector = target.connector();
        SchemaSnapshot snapshot = connector.getSchema(); // warm-up
        long[] introspection = new long[INTROSPECTIONS];
        for (int i = 0; i < INTROSPECTIONS; i++) {
            long t0 = System.nanoTime();
            snapshot = connector.getSchema();
            introspection[i] = System.nanoTime() - t0;
        }
        int columns =
                snapshot.tables().stream().mapToInt(t -> t.columns().size()).sum();
        String intro = ms(median(introspection));
        System.out.printf(
                "%s: introspection %s (%d tables, %d columns)%n",
                target.name(), intro, snapshot.tables().size(), columns);
        SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
        if (!guardWarm) {
            // The first engine measured would otherwise pay for compiling the parser and the guard.
            for (int i = 0; i < GUARD_WARMUP; i++) {
                for (String sql : QUERIES.values()) {
                    guard.require(sql, connector.dialect(), snapshot);
                }
            }
            guardWarm = true;
        }
        List<String> rows = new ArrayList<>();
        boolean first = true;
        try (Connection raw = target.raw()) {
            for (var q : QUERIES.entrySet()) {
                String sql = q.getValue();
                // The fakes answer over HTTP in ~100 ms; fewer rounds keep the run short.
                int rounds = target.name().contains("fake") ? Math.min(ROUNDS, FAKE_ROUNDS) : ROUNDS;
                long[] viaRaw = new long[rounds];
                long[] viaGuard = new long[rounds];
                long[] viaConnector = new long[rounds];
                long[] viaProduct = new long[rounds];
                int expected = -1;
                for (int i = -rounds / 5; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    int n = raw == null ? -1 : rawRows(raw, sql);
                    long t1 = System.nanoTime();
                    var safe = guard.require(sql, connector.dialect(), snapshot);
                    long t2 = System.nanoTime();
                    var result = connector.executeQuery(safe, LIMITS, QueryCancellation.none());
                    long t3 = System.nanoTime();
                    if (raw != null && n != result.rows().size()) {
                        throw new IllegalStateException(target.name() + ": raw JDBC read " + n + " rows, the connector "
                                + result.rows().size() + " for " + sql);
                    }
                    expected = result.rows().size();
                    if (i >= 0) {
                        viaRaw[i] = t1 - t0;
                        viaGuard[i] = t2 - t1;
                        viaConnector[i] = t3 - t2;
                        viaProduct[i] = t3 - t1;
                    }
                }
                long r = median(viaRaw);
                long g = median(viaGuard);
                long c = median(viaConnector);
                long p = median(viaProduct);
                String ratio = raw == null ? "–" : String.format(Locale.ROOT, "%.1f×", (double) p / r);
                System.out.printf(
                        "  %-26s %5d rows  raw %s  guard %s  connector %s  both %s  %s%n",
                        q.getKey(), expected, raw == null ? "–" : ms(r), ms(g), ms(c), ms(p), ratio);
                rows.add(String.format(
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                        first ? target.name() : "",
                        first ? intro : "",
                        first ? snapshot.tables().size() + " / " + columns : "",
                        q.getKey(),
                        raw == null ? "–" : ms(r),
                        ms(g),
                        ms(c),
                        ms(p),
                        ratio));
                first = false;
            }
        }
        return rows;
    }

    private static int rawRows(Connection raw, String sql) throws SQLException {
        int n = 0;
        try (Statement st = raw.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                n++;
            }
        }
        return n;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 100
                ? String.format(Locale.ROOT, "%,.0f ms", ms)
                : ms >= 1
                        ? String.format(Locale.ROOT, "%.2f ms", ms)
                        : String.format(Locale.ROOT, "%.0f µs", ms * 1000);
    }

    // ---- the engines ----

    private static Target open(String engine, Path dir, List<String> schema) throws Exception {
        return switch (engine) {
            case "SQLite" ->
                file(
                        "SQLite",
                        "sqlite",
                        dir.resolve("bench.sqlite"),
                        schema,
                        new SqliteConnectorFactory(SourcePolicy.allowingFilesIn(dir)));
            case "DuckDB" ->
                file(
                        "DuckDB",
                        "duckdb",
                        dir.resolve("bench.duckdb"),
                        schema,
                        new DuckDbConnectorFactory(SourcePolicy.allowingFilesIn(dir)));
            case "PostgreSQL" -> postgres(schema);
            case "MariaDB" -> mariadb(schema);
            case "Snowflake (fake)" -> dev.querent.connectors.snowflake.SnowflakeBenchTarget.open(schema);
            case "BigQuery (fake)" -> dev.querent.connectors.bigquery.BigQueryBenchTarget.open(schema);
            default -> throw new IllegalArgumentException(engine);
        };
    }

    private static void load(Connection c, List<String> schema) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String sql : schema) {
                st.execute(sql);
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static Target file(String name, String type, Path file, List<String> schema, ConnectorFactory factory)
            throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:" + type + ":" + file)) {
            load(c, schema);
        }
        DataSourceInterface connector = factory.open(
                new DataSourceConfig(DataSourceId.random(), type, name, Map.of("path", file.toString()), Map.of()));
        return new Target() {
            public String name() {
                return name;
            }

            public DataSourceInterface connector() {
                return connector;
            }

            public Connection raw() throws SQLException {
                if (type.equals("duckdb")) {
                    // A second database instance could not open the file beside the connector's read-only one:
                    // a plain connection on the connector's own instance, with none of its per-query work.
                    return ((AbstractJdbcConnector) connector).openSession();
                }
                return DriverManager.getConnection("jdbc:sqlite:" + file);
            }

            public void close() {
                connector.close();
            }
        };
    }

    private static Target postgres(List<String> schema) throws Exception {
        String url = env("QUERENT_TEST_PG_URL");
        String user = System.getenv().getOrDefault("QUERENT_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("QUERENT_TEST_PG_PASSWORD", "");
        String ns =
                "querent_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + ns);
            st.execute("SET search_path = " + ns);
            load(c, schema);
            st.execute("ANALYZE");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>(Map.of(
                "host", uri.getHost(),
                "port", Integer.toString(uri.getPort() == -1 ? 5432 : uri.getPort()),
                "database", uri.getPath().substring(1),
                "user", user,
                "schemas", ns));
        DataSourceInterface connector = new PostgresConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(), "postgresql", "bench", settings, Map.of("password", password)));
        return new Target() {
            public String name() {
                return "PostgreSQL";
            }

            public DataSourceInterface connector() {
                return connector;
            }

            public Connection raw() throws SQLException {
                Connection c = DriverManager.getConnection(url, user, password);
                try (Statement st = c.createStatement()) {
                    st.execute("SET search_path = " + ns);
                }
                return c;
            }

            public void close() throws Exception {
                connector.close();
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + ns + " CASCADE");
                }
            }
        };
    }

    private static Target mariadb(List<String> schema) throws Exception {
        String url = env("QUERENT_TEST_MYSQL_URL");
        String user = System.getenv().getOrDefault("QUERENT_TEST_MYSQL_USER", "root");
        String password = System.getenv().getOrDefault("QUERENT_TEST_MYSQL_PASSWORD", "");
        String db =
                "querent_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslMode", "DISABLED");
        try (Connection c = DriverManager.getConnection(url, p);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
            st.execute("USE " + db);
            load(c, schema);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>(Map.of(
                "host",
                uri.getHost(),
                "port",
                Integer.toString(uri.getPort() == -1 ? 3306 : uri.getPort()),
                "database",
                db,
                "user",
                user,
                "ssl_mode",
                "DISABLED"));
        DataSourceInterface connector = new MySqlConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(), "mysql", "bench", settings, Map.of("password", password)));
        String base = url.endsWith("/") ? url : url + "/";
        return new Target() {
            public String name() {
                return "MariaDB";
            }

            public DataSourceInterface connector() {
                return connector;
            }

            public Connection raw() throws SQLException {
                return DriverManager.getConnection(base + db, p);
            }

            public void close() throws Exception {
                connector.close();
                try (Connection c = DriverManager.getConnection(url, p);
                        Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE " + db);
                }
            }
        };
    }

    private static String env(String name) throws Unavailable {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new Unavailable(name + " not set");
        }
        return v;
    }
}
