package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.duckdb.DuckDbConnectorFactory;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {
    private static final java.nio.file.Path FILES =
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "querent-registry-test");
    private static final SourcePolicy POLICY = SourcePolicy.allowingFilesIn(FILES);
    private final ConnectorRegistry registry = new ConnectorRegistry(List.of(
            new SqliteConnectorFactory(POLICY),
            new DuckDbConnectorFactory(POLICY),
            new PostgresConnectorFactory(POLICY)));

    private static DataSourceConfig config(String type, Map<String, String> settings) {
        return new DataSourceConfig(DataSourceId.random(), type, "test", settings, Map.of());
    }

    private static Map<String, String> postgres(String key, String value) {
        Map<String, String> settings =
                new HashMap<>(Map.of("host", "127.0.0.1", "port", "1", "database", "db", "user", "u"));
        settings.put(key, value);
        return settings;
    }

    private ErrorCode openFails(DataSourceConfig config) {
        return catchThrowableOfType(QuerentException.class, () -> registry.open(config))
                .code();
    }

    @Test
    void knowsEachTypeWithItsDialectAndFields() {
        assertThat(registry.factories())
                .extracting(ConnectorFactory::type)
                .containsExactly("sqlite", "duckdb", "postgresql");
        assertThat(registry.factory("sqlite").dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(registry.factory("duckdb").dialect()).isEqualTo(Dialect.DUCKDB);
        assertThat(registry.factory("postgresql").dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(registry.factory("duckdb").fields())
                .extracting(ConfigField::key)
                .containsExactly("path");
        assertThat(registry.factory("postgresql").fields())
                .extracting(ConfigField::key)
                .containsExactly(
                        "host", "port", "database", "user", "password", "sslmode", "schemas", "max_connections");
        assertThat(registry.factory("postgresql").fields())
                .filteredOn(ConfigField::secret)
                .extracting(ConfigField::key)
                .containsExactly("password");
    }

    @Test
    void refusesTwoFactoriesOfOneType() {
        assertThatThrownBy(() ->
                        new ConnectorRegistry(List.of(new SqliteConnectorFactory(), new SqliteConnectorFactory())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTypeHasItsOwnCode() {
        assertThat(openFails(config("oracle", Map.of()))).isEqualTo(ErrorCode.UNKNOWN_DATA_SOURCE_TYPE);
    }

    @Test
    void invalidSettingsFailValidation() {
        assertThat(openFails(config("sqlite", Map.of()))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("duckdb", Map.of("path", " ")))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("duckdb", Map.of("path", "/tmp/x.duckdb;session_init_sql_file=/tmp/evil.sql"))))
                .as("URL options smuggled in a path")
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("sqlite", Map.of("path", "/tmp/x.db?mode=rw"))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("sqlite", Map.of("path", ":memory:")))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("postgresql", postgres("port", "99999")))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("postgresql", postgres("port", "five")))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("postgresql", postgres("sslmode", "sometimes"))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(openFails(config("postgresql", postgres("schemas", "public, my schema"))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        Map<String, String> noHost = postgres("host", "");
        assertThat(openFails(config("postgresql", noHost))).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void openingDoesNotConnect() {
        try (DataSourceInterface pg = registry.open(config("postgresql", postgres("schemas", "sales,public")));
                DataSourceInterface duck = registry.open(config(
                        "duckdb",
                        Map.of("path", FILES.resolve("nonexistent/x.duckdb").toString())));
                DataSourceInterface lite = registry.open(config(
                        "sqlite",
                        Map.of("path", FILES.resolve("nonexistent/x.db").toString())))) {
            assertThat(pg.type()).isEqualTo("postgresql");
            assertThat(duck.dialect()).isEqualTo(Dialect.DUCKDB);
            assertThat(lite.dialect()).isEqualTo(Dialect.SQLITE);
        }
    }
}
