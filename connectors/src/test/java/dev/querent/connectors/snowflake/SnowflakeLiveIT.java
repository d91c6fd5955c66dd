package dev.querent.connectors.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.QueryResult;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Against a real Snowflake account, only when {@code QUERENT_TEST_SNOWFLAKE_ACCOUNT},
 * {@code _USER}, {@code _DATABASE}, {@code _SCHEMA} and either {@code _PASSWORD} or
 * {@code _PRIVATE_KEY_FILE} (PKCS#8 PEM) are set; {@code _WAREHOUSE} and {@code _ROLE} are
 * optional. Runs a query that reads no table, and introspection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnowflakeLiveIT {
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(60), 100, 1_000_000);
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
    private SnowflakeConnector connector;
    private String unavailable;

    @BeforeEach
    void requireCredentials() {
        // Checked per test, so a run without credentials reports skipped tests with this message.
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @BeforeAll
    void open() throws Exception {
        String account = env("ACCOUNT");
        String user = env("USER");
        String database = env("DATABASE");
        String schema = env("SCHEMA");
        String password = env("PASSWORD");
        String keyFile = env("PRIVATE_KEY_FILE");
        if (account == null
                || user == null
                || database == null
                || schema == null
                || (password == null && keyFile == null)) {
            unavailable = "Snowflake live tests skipped: set QUERENT_TEST_SNOWFLAKE_ACCOUNT, _USER, _DATABASE,"
                    + " _SCHEMA and _PASSWORD or _PRIVATE_KEY_FILE (optional _WAREHOUSE, _ROLE) to run them.";
            return;
        }
        Map<String, String> settings =
                new HashMap<>(Map.of("account", account, "user", user, "database", database, "schema", schema));
        if (env("WAREHOUSE") != null) {
            settings.put("warehouse", env("WAREHOUSE"));
        }
        if (env("ROLE") != null) {
            settings.put("role", env("ROLE"));
        }
        Map<String, String> secrets = password != null
                ? Map.of("password", password)
                : Map.of("private_key", Files.readString(Path.of(keyFile)));
        connector = new SnowflakeConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "snowflake", "live", settings, secrets));
    }

    private static String env(String suffix) {
        String value = System.getenv("QUERENT_TEST_SNOWFLAKE_" + suffix);
        return value == null || value.isBlank() ? null : value;
    }

    @Test
    void connects() {
        ConnectionTestResult result = connector.testConnection();

        assertThat(result.ok()).as(result.error()).isTrue();
    }

    @Test
    void runsAQueryThatReadsNoTable() {
        QueryResult result = connector.executeQuery(
                guard.require("SELECT 1 AS one, 'a' AS letter", Dialect.SNOWFLAKE, null),
                LIMITS,
                QueryCancellation.none());

        assertThat(result.rows()).containsExactly(List.of(1L, "a"));
    }

    @Test
    void introspectsTheSchema() {
        assertThat(connector.getSchema().defaultSchema()).isEqualTo(env("SCHEMA"));
    }
}
