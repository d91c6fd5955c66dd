package dev.querent.connectors.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceContractIT;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared contract on Snowflake: the official JDBC driver, pointed at {@link SnowflakeFake},
 * which speaks Snowflake's REST protocol over an in-memory-sized DuckDB opened read-only (as the
 * read-only role sees the warehouse). Login, query, abort, type mapping and errors all go through
 * the driver.
 */
class SnowflakeConnectorIT extends DataSourceContractIT {
    static final String DATABASE = "QUERENT_TEST";
    static final String SCHEMA = "SHOP";
    static final String PASSWORD = "fake-password";

    private SnowflakeFake fake;

    @Override
    protected DataSourceInterface createFixture() throws Exception {
        List<String> fixture = duckDbFixture();
        fake = new SnowflakeFake(DATABASE, SCHEMA, PASSWORD, fixture);
        return open(Map.of());
    }

    SnowflakeConnector open(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "account", "querent-test",
                "database", DATABASE,
                "schema", SCHEMA,
                "user", "QUERENT",
                "warehouse", "FAKE_WH",
                "role", "QUERENT_READER",
                "endpoint", fake.endpoint()));
        settings.putAll(extra);
        return new SnowflakeConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(), "snowflake", "shop", settings, Map.of("password", PASSWORD)));
    }

    /** The fake answers from DuckDB, so SQL in this dialect's own date functions is not judged here. */
    @Override
    protected boolean runsTheDialectsOwnEngine() {
        return false;
    }

    @Override
    protected void dropFixture() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    @Override
    protected DataSourceInterface unreachableDataSource() {
        return new SnowflakeConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(),
                        "snowflake",
                        "gone",
                        Map.of(
                                "account", "querent-test",
                                "database", DATABASE,
                                "schema", SCHEMA,
                                "user", "QUERENT",
                                "endpoint", "http://127.0.0.1:1"),
                        Map.of("password", PASSWORD)));
    }

    @Override
    protected String expectedDefaultSchema() {
        return SCHEMA;
    }

    @Override
    protected boolean supportsComments() {
        return true;
    }

    @Test
    void loginCarriesTheQueryTagAndJsonResultsAndExecutionsTheStatementTimeout() {
        int before = fake.statements.size();
        dataSource.executeQuery(
                safe("SELECT count(*) FROM customers"),
                new QueryLimits(Duration.ofSeconds(17), 10, 100_000),
                QueryCancellation.none());

        String login = fake.logins.getLast().toString();
        assertThat(login).contains("QUERY_TAG").contains("querent").contains("JDBC_QUERY_RESULT_FORMAT");
        assertThat(fake.statements.subList(before, fake.statements.size()))
                .contains("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 17");
    }

    @Test
    void mapsSnowflakeTypesToPortableValues() {
        var result = dataSource.executeQuery(
                safe("SELECT signup_date, customer_id, name, customer_id > 2 AS late, customer_id / 2 AS half,"
                        + " CAST(customer_id AS DECIMAL(10,2)) AS exact FROM customers WHERE customer_id = 3"),
                new QueryLimits(Duration.ofSeconds(30), 10, 100_000),
                QueryCancellation.none());

        assertThat(result.rows().getFirst())
                .containsExactly("2023-06-30", 3L, "Grace Hopper", true, 1.5, new java.math.BigDecimal("3.00"));
        assertThat(result.columns())
                .extracting(c -> c.type())
                .containsExactly("DATE", "NUMBER", "VARCHAR", "BOOLEAN", "DOUBLE", "NUMBER");
    }

    @Test
    void requestsCarryTheSessionTokenAndEndWithALogout() {
        int before = fake.requests.size();
        dataSource.testConnection();

        assertThat(fake.requests.subList(before, fake.requests.size()))
                .anyMatch(r -> r.startsWith("POST /session/v1/login-request"))
                .anyMatch(r -> r.startsWith("POST /queries/v1/query-request"))
                .anyMatch(r -> r.startsWith("POST /session?delete=true"));
    }

    @Test
    void aWrongPasswordFailsTheConnectionTest() {
        SnowflakeConnector wrong = new SnowflakeConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(),
                        "snowflake",
                        "x",
                        Map.of(
                                "account",
                                "querent-test",
                                "database",
                                DATABASE,
                                "schema",
                                SCHEMA,
                                "user",
                                "QUERENT",
                                "endpoint",
                                fake.endpoint()),
                        Map.of("password", "wrong")));

        var result = wrong.testConnection();
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("Incorrect username or password");
    }
}
