package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.mysql.MySqlConnector;
import dev.querent.connectors.mysql.MySqlConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.DataScope;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.SqlGuard;
import dev.querent.core.sql.TableScope;
import dev.querent.core.sql.UserAttributes;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the contract against a real MySQL or MariaDB server: the one named by
 * {@code QUERENT_TEST_MYSQL_URL} (e.g. {@code jdbc:mysql://127.0.0.1:3306/}, with {@code _USER} and
 * {@code _PASSWORD}), as {@code .ci/run} starts it. Without it the tests are skipped, except under
 * {@code CI=true}, where they fail. Each run works in its own database, dropped afterwards.
 */
class MySqlConnectorIT extends DataSourceContractIT {
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 1_000, 1_000_000);

    private String url;
    private String user;
    private String password;
    private String database;

    @Override
    protected DataSourceInterface createFixture() throws Exception {
        resolveEndpoint();
        database = "querent_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
            st.execute("USE " + database);
            st.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200), tier VARCHAR(20) NOT NULL COMMENT '" + TIER_COMMENT + "',"
                    + " signup_date DATE NOT NULL) ENGINE=InnoDB COMMENT='" + CUSTOMERS_COMMENT + "'");
            st.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,"
                    + " reference VARCHAR(20) NOT NULL, status VARCHAR(20) NOT NULL, order_date DATE NOT NULL,"
                    + " amount DECIMAL(12,2) NOT NULL,"
                    + " FOREIGN KEY (customer_id) REFERENCES customers (customer_id)) ENGINE=InnoDB");
            st.execute(VIEW_SQL);
            for (String insert : fixtureInserts()) {
                st.execute(insert);
            }
            // A write hidden in a function: the driver lets a SELECT through, so only the engine can refuse it.
            st.execute("CREATE FUNCTION querent_write_probe() RETURNS INTEGER MODIFIES SQL DATA BEGIN"
                    + " INSERT INTO customers VALUES (98, 'Eve', NULL, 'gold', '2024-01-01'); RETURN 1; END");
            // Row estimates come from InnoDB's statistics, as on any real server.
            st.execute("ANALYZE TABLE customers, orders");
        }
        return open(endpointSettings(), password);
    }

    private void resolveEndpoint() {
        url = System.getenv("QUERENT_TEST_MYSQL_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(
                        "CI=true but QUERENT_TEST_MYSQL_URL is not set: .ci/run must start MariaDB");
            }
            Assumptions.abort("No MySQL/MariaDB: set QUERENT_TEST_MYSQL_URL (see .ci/run)");
        }
        user = System.getenv().getOrDefault("QUERENT_TEST_MYSQL_USER", "root");
        password = System.getenv("QUERENT_TEST_MYSQL_PASSWORD");
    }

    private Map<String, String> endpointSettings() {
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>();
        settings.put("host", uri.getHost());
        settings.put("port", Integer.toString(uri.getPort() == -1 ? 3306 : uri.getPort()));
        settings.put("database", database);
        settings.put("user", user);
        // Test servers run without certificates.
        settings.put("ssl_mode", "DISABLED");
        return settings;
    }

    private static DataSourceInterface open(Map<String, String> settings, String password) {
        Map<String, String> secrets = password == null ? Map.of() : Map.of("password", password);
        return new MySqlConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "mysql", "contract", settings, secrets));
    }

    @Override
    protected void dropFixture() throws Exception {
        if (database != null) {
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database);
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
        return database;
    }

    @Override
    protected boolean supportsComments() {
        return true;
    }

    /**
     * Connector/J refuses statements it does not recognise as reads on a read-only connection before
     * they reach the server; this proves the server refuses the rest (error 1792) on its own.
     */
    @Test
    void engineRefusesWritesTheDriverLetsThrough() throws SQLException {
        for (boolean autoCommit : new boolean[] {false, true}) {
            try (Connection session = ((MySqlConnector) dataSource).openSession()) {
                session.setAutoCommit(autoCommit);
                try (Statement st = session.createStatement()) {
                    // The server may send the result's columns before the error, so read the row too.
                    SQLException refused = catchThrowableOfType(SQLException.class, () -> {
                        try (ResultSet rs = st.executeQuery("SELECT querent_write_probe()")) {
                            rs.next();
                        }
                    });
                    assertThat((Throwable) refused)
                            .as("autocommit %s", autoCommit)
                            .isNotNull();
                    assertThat(refused.getErrorCode()).isEqualTo(1792);
                    assertThat(refused.getMessage()).contains("READ ONLY");
                }
            }
        }
        assertThat(dataSource
                        .executeQuery(safe("SELECT count(*) FROM customers"), LIMITS, QueryCancellation.none())
                        .rows())
                .containsExactly(List.of(5L));
    }

    @Test
    void readsOfEveryShapeGetPastTheDriverCheck() {
        for (String sql : List.of(
                "(SELECT customer_id FROM customers) UNION (SELECT customer_id FROM orders)",
                "/* why */ SELECT customer_id FROM customers",
                "WITH c AS (SELECT customer_id FROM customers) SELECT customer_id FROM c")) {
            assertThat(dataSource
                            .executeQuery(safe(sql), LIMITS, QueryCancellation.none())
                            .rows())
                    .as(sql)
                    .hasSize(5);
        }
    }

    /**
     * MySQL reads a backslash in a string literal as an escape. A data scope's attribute holding
     * one is written so the server reads exactly that value (a Windows login matches its row), and
     * one that tries to end the literal never widens the rows: refused, or bound as one literal.
     */
    @Test
    void rowFilterAttributesWithBackslashesAreReadAsWritten() throws SQLException {
        try (Connection c = DriverManager.getConnection(url + database, user, password);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS scoped_notes (owner VARCHAR(40) NOT NULL, note VARCHAR(40))");
            st.execute("DELETE FROM scoped_notes");
            st.execute("INSERT INTO scoped_notes VALUES ('CORP\\\\alice', 'mine'), ('CORP\\\\bob', 'theirs')");
        }
        DataScope scope = DataScope.unrestricted()
                .withTable("scoped_notes", TableScope.all().withRowFilter("owner = :user.login"));
        SchemaSnapshot schema = dataSource.getSchema();
        SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
        String count = "SELECT count(*) FROM scoped_notes";

        SafeSql alice = guard.require(
                count, dataSource.dialect(), schema, scope, UserAttributes.of(Map.of("login", "CORP\\alice")));
        assertThat(dataSource
                        .executeQuery(alice, LIMITS, QueryCancellation.none())
                        .rows())
                .as(alice.sql())
                .containsExactly(List.of(1L));

        for (String hostile : List.of("CORP\\alice\\' OR 1=1 -- ", "CORP\\", "\\' OR owner <> '", "\\\\' OR 1=1 #")) {
            try {
                SafeSql safe = guard.require(
                        count, dataSource.dialect(), schema, scope, UserAttributes.of(Map.of("login", hostile)));
                assertThat(dataSource
                                .executeQuery(safe, LIMITS, QueryCancellation.none())
                                .rows())
                        .as(safe.sql())
                        .containsExactly(List.of(0L));
            } catch (QuerentException refused) {
                assertThat(refused.getMessage()).contains("could not be bound to the user's attributes safely");
            }
        }
    }

    @Test
    void introspectionLeavesTheSqlModeAsItFoundIt() throws SQLException {
        dataSource.getSchema();

        try (Connection session = ((MySqlConnector) dataSource).openSession();
                Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            assertThat(rs.getString(1)).doesNotContain("ANSI_QUOTES");
        }
    }
}
