package dev.querent.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.MetadataMigrations;
import dev.querent.agents.store.SecretCipher;
import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.ExecutionSummary;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.RowSink;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SafeSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Registration rules: only the connector's own keys, secrets never as settings, a connection test
 * before anything is stored, and stored secrets never sent to a changed target.
 */
class DataSourceServiceTest {
    @TempDir
    Path dir;

    private final RecordingFactory network = new RecordingFactory();
    private DataSourceStore store;
    private DataSourceService service;
    private Path sources;

    @BeforeEach
    void setUp() throws Exception {
        SQLiteDataSource meta = new SQLiteDataSource();
        meta.setUrl("jdbc:sqlite:" + dir.resolve("meta.db") + "?foreign_keys=on");
        MetadataMigrations.migrate(meta);
        store = new DataSourceStore(Jdbi.create(meta), Clock.systemUTC());
        sources = Files.createDirectories(dir.resolve("sources"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sources.resolve("shop.sqlite"))) {
            c.createStatement().execute("CREATE TABLE t (id INTEGER)");
        }
        service = new DataSourceService(
                store,
                new ConnectorRegistry(List.of(
                        network,
                        new SqliteConnectorFactory(SourcePolicy.allowingFilesIn(sources)
                                .withProtectedPaths(List.of(dir.resolve("meta.db")))))),
                new SecretCipher(SecretCipher.newKey()));
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private static Map<String, String> target(String host) {
        return Map.of("host", host, "database", "shop", "user", "reader");
    }

    private ErrorCode refused(Runnable call) {
        QuerentException e = catchThrowableOfType(QuerentException.class, call::run);
        assertThat(e).isNotNull();
        return e.code();
    }

    @Test
    void unknownSettingKeysAreRefused() {
        Map<String, String> settings = new HashMap<>(target("db.example"));
        settings.put("socketFactory", "org.example.Evil");
        assertThat(refused(() -> service.create("x", "fake", settings, Map.of("password", "pw"))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused(() -> service.create("x", "fake", target("db.example"), Map.of("token", "t"))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(store.list()).isEmpty();
        assertThat(network.opened).isEmpty();
    }

    @Test
    void secretsInSettingsAreRefusedNotStoredInClear() {
        Map<String, String> settings = new HashMap<>(target("db.example"));
        settings.put("password", "typed-in-the-wrong-box");
        QuerentException e =
                catchThrowableOfType(QuerentException.class, () -> service.create("x", "fake", settings, Map.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.getMessage()).doesNotContain("typed-in-the-wrong-box");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aFailingConnectionTestStoresNothing() {
        network.failing = true;
        assertThat(refused(() -> service.create("x", "fake", target("db.example"), Map.of("password", "pw"))))
                .isEqualTo(ErrorCode.CONNECTION_TEST_FAILED);
        assertThat(refused(() -> service.create(
                        "x",
                        "sqlite",
                        Map.of("path", sources.resolve("missing.sqlite").toString()),
                        Map.of())))
                .isEqualTo(ErrorCode.CONNECTION_TEST_FAILED);
        assertThat(refused(() -> service.create(
                        "x", "sqlite", Map.of("path", dir.resolve("meta.db").toString()), Map.of())))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void changingTheTargetWithoutSecretsIsRefusedAndNothingIsSentThere() {
        DataSourceView ds = service.create("pg", "fake", target("db.example"), Map.of("password", "stored-pw"));
        network.opened.clear();

        for (Map<String, String> moved : List.of(
                target("attacker.example"),
                Map.of("host", "db.example", "port", "6543", "database", "shop", "user", "reader"),
                Map.of("host", "db.example", "database", "other", "user", "reader"),
                Map.of("host", "db.example", "database", "shop", "user", "admin"))) {
            QuerentException e =
                    catchThrowableOfType(QuerentException.class, () -> service.update(ds.id(), null, moved, null));
            assertThat(e.code()).as(moved.toString()).isEqualTo(ErrorCode.SECRETS_REQUIRED);
            assertThat(refused(() -> service.update(ds.id(), null, moved, Map.of())))
                    .isEqualTo(ErrorCode.SECRETS_REQUIRED);
        }
        assertThat(network.opened).as("no connection was attempted").isEmpty();
        assertThat(service.get(ds.id()).settings()).containsEntry("host", "db.example");

        // With new secrets the move is allowed, and only the new secret goes to the new host.
        service.update(ds.id(), null, target("new.example"), Map.of("password", "new-pw"));
        assertThat(network.opened).hasSize(1);
        assertThat(network.opened.getFirst().settings()).containsEntry("host", "new.example");
        assertThat(network.opened.getFirst().secrets()).containsExactlyEntriesOf(Map.of("password", "new-pw"));
        service.test(ds.id());
        assertThat(network.opened)
                .allSatisfy(c -> assertThat(c.secrets().values()).doesNotContain("stored-pw"));
    }

    @Test
    void sameTargetKeepsTheStoredSecretsAndRetestsChangedSettings() {
        DataSourceView ds = service.create("pg", "fake", target("db.example"), Map.of("password", "stored-pw"));
        Map<String, String> moreConnections = new HashMap<>(target("db.example"));
        moreConnections.put("max_connections", "8");
        moreConnections.put("port", "5432");
        network.opened.clear();
        service.update(ds.id(), "renamed", moreConnections, null);
        assertThat(network.opened).hasSize(1);
        assertThat(network.opened.getFirst().secrets()).containsEntry("password", "stored-pw");
        assertThat(service.get(ds.id()).name()).isEqualTo("renamed");

        network.failing = true;
        moreConnections.put("max_connections", "9");
        assertThat(refused(() -> service.update(ds.id(), null, moreConnections, null)))
                .isEqualTo(ErrorCode.CONNECTION_TEST_FAILED);
        assertThat(service.get(ds.id()).settings()).containsEntry("max_connections", "8");
    }

    @Test
    void aFileSourceMayMoveWithinTheAllowedDirectory() throws Exception {
        DataSourceView ds = service.create(
                "lite", "sqlite", Map.of("path", sources.resolve("shop.sqlite").toString()), Map.of());
        Files.copy(sources.resolve("shop.sqlite"), sources.resolve("copy.sqlite"));
        service.update(ds.id(), null, Map.of("path", "copy.sqlite"), null);
        assertThat(refused(() -> service.update(ds.id(), null, Map.of("path", "/etc/passwd"), null)))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(service.get(ds.id()).settings()).containsEntry("path", "copy.sqlite");
    }

    /** A network-like connector type that records what it was opened with and never connects. */
    static final class RecordingFactory implements ConnectorFactory {
        final List<DataSourceConfig> opened = new ArrayList<>();
        boolean failing;

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        public List<ConfigField> fields() {
            return List.of(
                    new ConfigField("host", "Host", true, false, null),
                    new ConfigField("port", "Port", false, false, "5432"),
                    new ConfigField("database", "Database", true, false, null),
                    new ConfigField("user", "User", true, false, null),
                    new ConfigField("password", "Password", false, true, null),
                    new ConfigField("max_connections", "Maximum connections", false, false, "4"));
        }

        @Override
        public java.util.Set<String> targetKeys() {
            return java.util.Set.of("host", "port", "database", "user");
        }

        @Override
        public DataSourceInterface open(DataSourceConfig config) {
            opened.add(config);
            boolean fails = failing;
            return new DataSourceInterface() {
                @Override
                public String type() {
                    return "fake";
                }

                @Override
                public Dialect dialect() {
                    return Dialect.POSTGRESQL;
                }

                @Override
                public ConnectionTestResult testConnection() {
                    return fails
                            ? new ConnectionTestResult(false, null, "Could not connect", 1)
                            : new ConnectionTestResult(true, "Fake 1", null, 1);
                }

                @Override
                public SchemaSnapshot getSchema() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ExecutionSummary stream(
                        SafeSql sql, QueryLimits limits, QueryCancellation cancellation, RowSink sink) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ExplainResult explain(SafeSql sql, QueryLimits limits) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {}
            };
        }
    }
}
