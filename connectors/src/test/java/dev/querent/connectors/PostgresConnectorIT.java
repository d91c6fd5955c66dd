package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.connectors.postgres.PostgresConnector;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.core.DataSourceId;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Runs the contract against a real PostgreSQL: the server named by {@code QUERENT_TEST_PG_URL}
 * ({@code _USER}, {@code _PASSWORD}) when set, else a Testcontainers one when Docker is available.
 * Without either the tests are skipped, except under {@code CI=true}, where they fail. Each run
 * works in its own schema, dropped afterwards, so runs neither collide nor leave anything behind.
 */
class PostgresConnectorIT extends DataSourceContractIT {
    private PostgreSQLContainer container;
    private String url;
    private String user;
    private String password;
    private String schema;

    @Override
    protected DataSourceInterface createFixture() throws Exception {
        resolveEndpoint();
        schema = "querent_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path = " + schema);
            st.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200), tier VARCHAR(20) NOT NULL, signup_date DATE NOT NULL)");
            st.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY,"
                    + " customer_id INTEGER NOT NULL REFERENCES customers (customer_id),"
                    + " reference VARCHAR(20) NOT NULL, status VARCHAR(20) NOT NULL, order_date DATE NOT NULL,"
                    + " amount NUMERIC(12,2) NOT NULL)");
            st.execute(VIEW_SQL);
            st.execute("COMMENT ON TABLE customers IS '" + CUSTOMERS_COMMENT + "'");
            st.execute("COMMENT ON COLUMN customers.tier IS '" + TIER_COMMENT + "'");
            for (String insert : fixtureInserts()) {
                st.execute(insert);
            }
            // Row estimates come from statistics, as on any real server.
            st.execute("ANALYZE customers");
            st.execute("ANALYZE orders");
        }
        return open(endpointSettings(), password);
    }

    private void resolveEndpoint() {
        url = System.getenv("QUERENT_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            user = System.getenv().getOrDefault("QUERENT_TEST_PG_USER", "postgres");
            password = System.getenv("QUERENT_TEST_PG_PASSWORD");
            return;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but PostgreSQL is unavailable: set QUERENT_TEST_PG_URL"
                    + " (and _USER, _PASSWORD) or provide Docker for Testcontainers");
        }
        Assumptions.abort("No PostgreSQL: set QUERENT_TEST_PG_URL or make Docker available");
    }

    private Map<String, String> endpointSettings() {
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>();
        settings.put("host", uri.getHost());
        settings.put("port", Integer.toString(uri.getPort() == -1 ? 5432 : uri.getPort()));
        settings.put("database", uri.getPath().substring(1));
        settings.put("user", user);
        settings.put("schemas", schema);
        return settings;
    }

    private static DataSourceInterface open(Map<String, String> settings, String password) {
        Map<String, String> secrets = password == null ? Map.of() : Map.of("password", password);
        return new PostgresConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "postgresql", "contract", settings, secrets));
    }

    @Override
    protected void dropFixture() throws Exception {
        try {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        } finally {
            if (container != null) {
                container.stop();
            }
        }
    }

    @Override
    protected DataSourceInterface unreachableDataSource() {
        Map<String, String> settings = endpointSettings();
        settings.put("host", "127.0.0.1");
        settings.put("port", "1");
        return open(settings, password);
    }

    @Override
    protected String expectedDefaultSchema() {
        return schema;
    }

    @Override
    protected boolean supportsComments() {
        return true;
    }

    @Test
    void sessionStaysReadOnlyWithAutocommitOn() throws SQLException {
        try (Connection session = ((PostgresConnector) dataSource).openSession()) {
            session.setAutoCommit(true);
            try (Statement st = session.createStatement()) {
                assertThatThrownBy(() -> st.execute("CREATE TABLE querent_probe (id INTEGER)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only");
            }
        }
    }
}
