package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.duckdb.DuckDbConnectorFactory;
import dev.querent.connectors.mysql.MySqlConnectorFactory;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.connectors.sqlite.SqliteConnector;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings an attacker would send: file paths out of the allowed directory (traversal, links, the
 * metadata database, the key), URL injection through host, port, database and user, and network
 * policy. Every one must be refused with {@code VALIDATION_FAILED} before anything connects.
 */
class DataSourceAttackTest {
    private static Path data;
    private static Path sources;
    private static Path outside;
    private static SourcePolicy policy;

    @BeforeAll
    static void layout() throws Exception {
        data = Files.createTempDirectory("querent-attack").toRealPath();
        sources = Files.createDirectories(data.resolve("sources"));
        outside = Files.createDirectories(data.resolve("elsewhere"));
        Files.writeString(data.resolve("querent.db"), "metadata");
        Files.writeString(data.resolve("querent.db-wal"), "wal");
        Files.writeString(data.resolve("secret.key"), "key");
        Files.createDirectories(data.resolve("index"));
        sqlite(sources.resolve("shop.sqlite"));
        sqlite(outside.resolve("other.sqlite"));
        Files.createSymbolicLink(sources.resolve("meta-link.db"), data.resolve("querent.db"));
        Files.createSymbolicLink(sources.resolve("key-link"), data.resolve("secret.key"));
        Files.createSymbolicLink(sources.resolve("up"), data);
        Files.createSymbolicLink(sources.resolve("passwd-link"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(sources.resolve("dangling.db"), outside.resolve("not-yet.db"));
        Files.createSymbolicLink(sources.resolve("other-link.sqlite"), outside.resolve("other.sqlite"));
        Files.createSymbolicLink(outside.resolve("into-sources.sqlite"), sources.resolve("shop.sqlite"));
        policy = SourcePolicy.allowingFilesIn(sources)
                .withProtectedPaths(
                        List.of(data.resolve("querent.db"), data.resolve("secret.key"), data.resolve("index")));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestFiles.deleteRecursively(data);
    }

    private static void sqlite(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE t (id INTEGER)");
        }
    }

    private static DataSourceConfig config(String type, Map<String, String> settings) {
        return new DataSourceConfig(DataSourceId.random(), type, "attack", settings, Map.of());
    }

    private static QuerentException refusal(ConnectorFactory factory, Map<String, String> settings) {
        QuerentException e =
                catchThrowableOfType(QuerentException.class, () -> factory.open(config(factory.type(), settings))
                        .close());
        assertThat(e).as("refused: " + settings).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return e;
    }

    // --- files --------------------------------------------------------------------------------

    static Stream<String> pathsOutside() {
        return Stream.of(
                "/etc/passwd",
                "/etc/shadow",
                "/etc/no-such-file.db",
                "/proc/self/environ",
                "../querent.db",
                "../secret.key",
                "../../../../../../etc/passwd",
                "{sources}/../querent.db",
                "{sources}/../querent.db-wal",
                "{sources}/../querent.db-shm",
                "{sources}/../secret.key",
                "{data}/querent.db",
                "{data}/secret.key",
                "{data}/index/segments_1",
                "{sources}/meta-link.db",
                "{sources}/key-link",
                "{sources}/up/querent.db",
                "{sources}/up/secret.key",
                "{sources}/up/elsewhere/other.sqlite",
                "{sources}/passwd-link",
                "{sources}/dangling.db",
                "{sources}/other-link.sqlite",
                "{sources}",
                "{sources}/.",
                "{elsewhere}/other.sqlite",
                "{elsewhere}/missing.sqlite");
    }

    private static String expand(String path) {
        return path.replace("{sources}", sources.toString())
                .replace("{data}", data.toString())
                .replace("{elsewhere}", outside.toString());
    }

    @ParameterizedTest
    @MethodSource("pathsOutside")
    void sqliteRefusesPathsOutsideTheAllowedDirectory(String path) {
        QuerentException e = refusal(new SqliteConnectorFactory(policy), Map.of("path", expand(path)));
        assertThat(e.getMessage()).contains("inside an allowed directory");
    }

    @ParameterizedTest
    @MethodSource("pathsOutside")
    void duckDbRefusesPathsOutsideTheAllowedDirectory(String path) {
        QuerentException e = refusal(new DuckDbConnectorFactory(policy), Map.of("path", expand(path)));
        assertThat(e.getMessage()).contains("inside an allowed directory");
    }

    @Test
    void theRefusalDoesNotTellWhetherAFileExists() {
        SqliteConnectorFactory f = new SqliteConnectorFactory(policy);
        List<String> messages = new ArrayList<>();
        for (String path : List.of(
                "/etc/passwd",
                "/etc/querent-no-such-file",
                expand("{elsewhere}/other.sqlite"),
                expand("{elsewhere}/missing.sqlite"),
                expand("{data}/querent.db"),
                expand("{data}/querent-missing.db"))) {
            messages.add(refusal(f, Map.of("path", path)).getMessage());
        }
        assertThat(messages).as("one message for existing and missing files").containsOnly(messages.getFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.db?mode=rw", "x.db;init=evil.sql", ":memory:", "file:/etc/passwd", "x\u0000.db"})
    void refusesUrlOptionsAndSpecialNames(String path) {
        refusal(new SqliteConnectorFactory(policy), Map.of("path", path));
        refusal(new DuckDbConnectorFactory(policy), Map.of("path", path));
    }

    @Test
    void noAllowedDirectoryMeansNoFileAtAll() {
        refusal(
                new SqliteConnectorFactory(),
                Map.of("path", sources.resolve("shop.sqlite").toString()));
    }

    @Test
    void acceptsFilesInsideAndOpensTheCanonicalPath() {
        SqliteConnectorFactory f = new SqliteConnectorFactory(policy);
        try (SqliteConnector direct = (SqliteConnector) f.open(config(
                        "sqlite", Map.of("path", sources.resolve("shop.sqlite").toString())));
                SqliteConnector relative = (SqliteConnector) f.open(config("sqlite", Map.of("path", "shop.sqlite")));
                SqliteConnector viaLink = (SqliteConnector) f.open(config(
                        "sqlite",
                        Map.of("path", outside.resolve("into-sources.sqlite").toString())))) {
            assertThat(direct.file()).isEqualTo(sources.resolve("shop.sqlite"));
            assertThat(relative.file()).isEqualTo(sources.resolve("shop.sqlite"));
            assertThat(viaLink.file())
                    .as("a link from outside to a file inside")
                    .isEqualTo(sources.resolve("shop.sqlite"));
            assertThat(direct.testConnection().ok()).isTrue();
        }
    }

    @Test
    void onlyAMissingFileInsideSaysItDoesNotExist() {
        try (DataSourceInterface missing = new SqliteConnectorFactory(policy)
                .open(config(
                        "sqlite",
                        Map.of("path", sources.resolve("missing.sqlite").toString())))) {
            ConnectionTestResult result = missing.testConnection();
            assertThat(result.ok()).isFalse();
            assertThat(result.error()).contains("not found");
        }
    }

    @Test
    void configuringTheDataDirectoryStillProtectsTheMetadataStoreAndKey() {
        SourcePolicy wide = policy.withAllowedDirs(List.of(data));
        SqliteConnectorFactory f = new SqliteConnectorFactory(wide);
        refusal(f, Map.of("path", data.resolve("querent.db").toString()));
        refusal(f, Map.of("path", data.resolve("querent.db-wal").toString()));
        refusal(f, Map.of("path", data.resolve("secret.key").toString()));
        refusal(f, Map.of("path", data.resolve("index/x").toString()));
        f.open(config("sqlite", Map.of("path", outside.resolve("other.sqlite").toString())))
                .close();
    }

    // --- network ------------------------------------------------------------------------------

    private static Map<String, String> network(String key, String value) {
        Map<String, String> s = new HashMap<>(Map.of("host", "db.example.com", "database", "shop", "user", "reader"));
        s.put(key, value);
        return s;
    }

    static Stream<Arguments> networkAttacks() {
        return Stream.of(
                Arguments.of("host", "127.0.0.1:5432/db?user=evil&x="),
                Arguments.of("host", "127.0.0.1/db"),
                Arguments.of(
                        "host",
                        "127.0.0.1?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"),
                Arguments.of("host", "127.0.0.1&sslfactory=x"),
                Arguments.of("host", "host=evil"),
                Arguments.of("host", "127.0.0.1:6543"),
                Arguments.of("host", "evil@127.0.0.1"),
                Arguments.of("host", "127.0.0.1#frag"),
                Arguments.of("host", "127.0.0.1 evil"),
                Arguments.of("host", "127.0.0.1\nevil"),
                Arguments.of("host", "127.0.0.1,evil.example"),
                Arguments.of("host", "[::1]/db"),
                Arguments.of("host", "[::1%eth0]"),
                Arguments.of("host", "-oProxyCommand"),
                Arguments.of("host", "a".repeat(300)),
                Arguments.of("port", "0"),
                Arguments.of("port", "65536"),
                Arguments.of("port", "-1"),
                Arguments.of("port", "+5432"),
                Arguments.of("port", "5432/db"),
                Arguments.of("port", "5432?x=1"),
                Arguments.of("port", "99999999999"),
                Arguments.of("port", "1e3"),
                Arguments.of("database", "db?sslfactory=x"),
                Arguments.of("database", "db&socketFactory=x"),
                Arguments.of("database", "db/other"),
                Arguments.of("database", "db#x"),
                Arguments.of("database", "db;x=1"),
                Arguments.of("database", "d b"),
                Arguments.of("database", "db%3Fx%3D1"),
                Arguments.of("user", "u?password=x"),
                Arguments.of("user", "u&socketFactory=x"),
                Arguments.of("user", "u=x"),
                Arguments.of("user", "u/x"),
                Arguments.of("user", "u x"),
                Arguments.of("user", "u:pw"));
    }

    @ParameterizedTest
    @MethodSource("networkAttacks")
    void postgresRefusesUrlInjection(String key, String value) {
        refusal(new PostgresConnectorFactory(), network(key, value));
    }

    @ParameterizedTest
    @MethodSource("networkAttacks")
    void mysqlRefusesUrlInjection(String key, String value) {
        refusal(new MySqlConnectorFactory(), network(key, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "10.0.0.5", "my_host", "localhost", "db-1.internal.", "[::1]", "::1"})
    void acceptsHostNamesAndAddresses(String host) {
        new PostgresConnectorFactory()
                .open(config("postgresql", network("host", host)))
                .close();
        new MySqlConnectorFactory().open(config("mysql", network("host", host))).close();
    }

    @Test
    void networkPolicyRefusesDeniedAndUnlistedTargets() {
        NetworkPolicy denyLocal = NetworkPolicy.parse("", "127.0.0.0/8, ::1/128, 169.254.0.0/16, *.internal");
        PostgresConnectorFactory pg = new PostgresConnectorFactory(policy.withNetwork(denyLocal));
        refusal(pg, network("host", "127.0.0.1"));
        refusal(pg, network("host", "127.1.2.3"));
        refusal(pg, network("host", "::1"));
        refusal(pg, network("host", "localhost"));
        refusal(pg, network("host", "169.254.169.254"));
        refusal(pg, network("host", "db.internal"));
        pg.open(config("postgresql", network("host", "10.1.2.3"))).close();

        NetworkPolicy allowCorp = NetworkPolicy.parse("10.0.0.0/8, *.corp.example", "10.9.0.0/16");
        MySqlConnectorFactory my = new MySqlConnectorFactory(policy.withNetwork(allowCorp));
        refusal(my, network("host", "192.168.1.1"));
        refusal(my, network("host", "10.9.1.1"));
        refusal(my, network("host", "127.0.0.1"));
        my.open(config("mysql", network("host", "10.1.2.3"))).close();
        my.open(config("mysql", network("host", "db.corp.example"))).close();

        assertThatThrownBy(() -> NetworkPolicy.parse("10.0.0.0/33", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkPolicy.parse("", "http://x/")).isInstanceOf(IllegalArgumentException.class);
    }
}
