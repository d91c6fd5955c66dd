package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.mysql.MySqlConnectorFactory;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Attacks that need something listening: the connection test as a port scanner (a closed port, a
 * silent port and a port answering with another protocol's banner must look the same), and huge
 * values on real PostgreSQL and MariaDB servers ({@code QUERENT_TEST_PG_URL},
 * {@code QUERENT_TEST_MYSQL_URL}; skipped without them, failing under {@code CI=true}).
 */
class DataSourceAttackIT {
    private static final String BANNER = "SSH-2.0-OpenSSH_9.6 very-secret-banner";
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 1_000, 16L << 20);
    private static final SourcePolicy FAST = SourcePolicy.defaults().withConnectTimeout(Duration.ofSeconds(2));

    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Accepts connections; sends {@code greeting} (if any) and then holds them open in silence. */
    private int listening(String greeting) throws IOException {
        ServerSocket server = new ServerSocket(0);
        closeables.add(server);
        Thread.ofVirtual().start(() -> {
            List<Socket> held = new ArrayList<>();
            try {
                while (!server.isClosed()) {
                    Socket s = server.accept();
                    held.add(s);
                    if (greeting != null) {
                        OutputStream out = s.getOutputStream();
                        out.write((greeting + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // closed at the end of the test
            } finally {
                held.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // best effort
                    }
                });
            }
        });
        return server.getLocalPort();
    }

    private static Map<String, String> target(int port) {
        return new HashMap<>(Map.of(
                "host",
                "127.0.0.1",
                "port",
                Integer.toString(port),
                "database",
                "db",
                "user",
                "u",
                "ssl_mode",
                "DISABLED"));
    }

    private static String testMessage(ConnectorFactory factory, Map<String, String> settings) {
        settings = new HashMap<>(settings);
        if (factory.type().equals("postgresql")) {
            settings.remove("ssl_mode");
        }
        try (DataSourceInterface ds = factory.open(new DataSourceConfig(
                DataSourceId.random(), factory.type(), "scan", settings, Map.of("password", "pw")))) {
            ConnectionTestResult result = ds.testConnection();
            assertThat(result.ok()).isFalse();
            return result.error();
        }
    }

    private void portsLookAlike(ConnectorFactory factory) throws IOException {
        int closed = closedPort();
        int banner = listening(BANNER);
        int silent = listening(null);
        int http = listening("HTTP/1.1 400 Bad Request\r\nServer: secret-httpd/1.0\r\n");

        Map<Integer, String> messages = new HashMap<>();
        for (int port : List.of(closed, banner, silent, http)) {
            messages.put(port, testMessage(factory, target(port)).replace(Integer.toString(port), "PORT"));
        }
        assertThat(messages.values()).as(messages.toString()).containsOnly(messages.get(closed));
        assertThat(messages.get(closed)).startsWith("Could not connect to 127.0.0.1:PORT");
        assertThat(messages.values())
                .noneMatch(m -> m.contains("SSH") || m.contains("secret") || m.contains("refused"));
    }

    @Test
    void postgresConnectionTestIsNoPortScanner() throws IOException {
        portsLookAlike(new PostgresConnectorFactory(FAST));
    }

    @Test
    void mysqlConnectionTestIsNoPortScanner() throws IOException {
        portsLookAlike(new MySqlConnectorFactory(FAST));
    }

    @Test
    void unreachableQueriesDoNotLeakTheDriverMessageEither() throws IOException {
        int banner = listening(BANNER);
        Map<String, String> settings = target(banner);
        settings.remove("ssl_mode");
        try (DataSourceInterface ds = new PostgresConnectorFactory(FAST)
                .open(new DataSourceConfig(DataSourceId.random(), "postgresql", "scan", settings, Map.of()))) {
            QuerentException e = catchThrowableOfType(QuerentException.class, ds::getSchema);
            assertThat(e.code()).isEqualTo(ErrorCode.DATA_SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).doesNotContain("SSH", "secret").contains("Could not connect");
            assertThat(e.details()).isEmpty();
        }
    }

    // --- real servers -------------------------------------------------------------------------

    static Map<String, String> endpoint(String prefix, int defaultPort) {
        String url = System.getenv(prefix + "_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + prefix + "_URL is not set");
            }
            Assumptions.abort(prefix + "_URL not set");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>();
        settings.put("host", uri.getHost());
        settings.put("port", Integer.toString(uri.getPort() == -1 ? defaultPort : uri.getPort()));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        settings.put("database", path.isEmpty() ? "mysql" : path);
        settings.put("user", System.getenv(prefix + "_USER"));
        return settings;
    }

    static Map<String, String> password(String prefix) {
        String pw = System.getenv(prefix + "_PASSWORD");
        return pw == null ? Map.of() : Map.of("password", pw);
    }

    @Test
    void postgresRefusesAHugeValueBeforeItReachesTheHeap() {
        Map<String, String> settings = endpoint("QUERENT_TEST_PG", 5432);
        try (DataSourceInterface pg = new PostgresConnectorFactory(SourcePolicy.defaults())
                .open(new DataSourceConfig(
                        DataSourceId.random(), "postgresql", "big", settings, password("QUERENT_TEST_PG")))) {
            QuerentException e = catchThrowableOfType(
                    QuerentException.class,
                    () -> pg.executeQuery(
                            guard.require(
                                    // The guard refuses repeat('x', 700000000) itself; an aggregate of
                                    // small pieces still builds 700 MB, which the driver must refuse.
                                    "SELECT string_agg(repeat('x', 100000), '') AS big FROM generate_series(1, 7000)",
                                    pg.dialect(),
                                    null),
                            LIMITS,
                            QueryCancellation.none()));
            assertThat(e).isNotNull();
            assertThat(e.code()).isIn(ErrorCode.RESULT_TOO_LARGE, ErrorCode.QUERY_TIMEOUT);
            // The pool recovers: the broken connection was dropped.
            assertThat(pg.testConnection().ok()).isTrue();
            assertThat(pg.executeQuery(
                                    guard.require("SELECT repeat('x', 1000) AS small", pg.dialect(), null),
                                    LIMITS,
                                    QueryCancellation.none())
                            .rows())
                    .hasSize(1);
        }
    }

    @Test
    void postgresWrongPasswordSaysAuthenticationFailed() {
        Map<String, String> settings = endpoint("QUERENT_TEST_PG", 5432);
        try (DataSourceInterface pg = new PostgresConnectorFactory(FAST)
                .open(new DataSourceConfig(
                        DataSourceId.random(), "postgresql", "auth", settings, Map.of("password", "wrong-pw")))) {
            ConnectionTestResult r = pg.testConnection();
            Assumptions.assumeFalse(r.ok(), "the test server trusts local connections");
            assertThat(r.error()).startsWith("Authentication failed");
        }
    }

    @Test
    void mariaDbRefusesARowLargerThanItsPacketBound() {
        Map<String, String> settings = endpoint("QUERENT_TEST_MYSQL", 3306);
        settings.put("ssl_mode", "DISABLED");
        SourcePolicy small = SourcePolicy.defaults().withMaxResultBytes(256 * 1024);
        try (DataSourceInterface my = new MySqlConnectorFactory(small)
                .open(new DataSourceConfig(
                        DataSourceId.random(), "mysql", "big", settings, password("QUERENT_TEST_MYSQL")))) {
            QuerentException e = catchThrowableOfType(
                    QuerentException.class,
                    () -> my.executeQuery(
                            // 40 pieces the guard allows, one 4 MB row the packet bound must refuse.
                            guard.require(
                                    "SELECT CONCAT("
                                            + String.join(
                                                    ", ", java.util.Collections.nCopies(40, "REPEAT('x', 100000)"))
                                            + ") AS big",
                                    my.dialect(),
                                    null),
                            LIMITS,
                            QueryCancellation.none()));
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.RESULT_TOO_LARGE);
            assertThat(my.executeQuery(
                                    guard.require("SELECT REPEAT('x', 1000) AS small", my.dialect(), null),
                                    LIMITS,
                                    QueryCancellation.none())
                            .rows())
                    .hasSize(1);
        }
    }
}
