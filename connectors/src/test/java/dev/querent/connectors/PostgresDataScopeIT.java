package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.core.DataSourceId;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Data scopes on the PostgreSQL named by {@code QUERENT_TEST_PG_URL} ({@code _USER},
 * {@code _PASSWORD}); skipped without it, except under {@code CI=true}, where it fails. The real
 * data and the pre-filtered copy live in two schemas of their own, dropped afterwards.
 */
class PostgresDataScopeIT extends DataScopeContractIT {
    private final String prefix =
            "querent_scope_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String realSchema = prefix + "_real";
    private final String copySchema = prefix + "_copy";
    private String url;
    private String user;
    private String password;

    @Override
    protected DataSourceInterface createReal(List<String> statements) throws Exception {
        resolveEndpoint();
        create(realSchema, statements);
        return open(realSchema);
    }

    @Override
    protected DataSourceInterface createCopy(List<String> statements) throws Exception {
        create(copySchema, statements);
        return open(copySchema);
    }

    @Override
    protected String realSchemaName() {
        return realSchema;
    }

    @Override
    protected String copySchemaName() {
        return copySchema;
    }

    /**
     * Shows that {@link #errorsCannotRevealFilteredRows} tests something: on this engine a plain
     * derived table with the same filter lets the attack read another region's value in the error.
     */
    @Test
    void withoutTheFenceTheErrorAttackLeaks() throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute("SET search_path = " + realSchema);
            assertThatThrownBy(() -> st.executeQuery(UNFENCED_ATTACK)).hasMessageContaining("us-secret-");
        }
    }

    private void resolveEndpoint() {
        url = System.getenv("QUERENT_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            user = System.getenv().getOrDefault("QUERENT_TEST_PG_USER", "postgres");
            password = System.getenv("QUERENT_TEST_PG_PASSWORD");
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but PostgreSQL is unavailable: set QUERENT_TEST_PG_URL");
        }
        Assumptions.abort("No PostgreSQL: set QUERENT_TEST_PG_URL");
    }

    private void create(String schema, List<String> statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path = " + schema);
            for (String sql : statements) {
                st.execute(sql);
            }
            st.execute("ANALYZE");
        }
    }

    private DataSourceInterface open(String schema) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>();
        settings.put("host", uri.getHost());
        settings.put("port", Integer.toString(uri.getPort() == -1 ? 5432 : uri.getPort()));
        settings.put("database", uri.getPath().substring(1));
        settings.put("user", user);
        settings.put("schemas", schema);
        Map<String, String> secrets = password == null ? Map.of() : Map.of("password", password);
        return new PostgresConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "postgresql", "scope", settings, secrets));
    }

    @Override
    protected void dropFixtures() throws Exception {
        if (url == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + realSchema + " CASCADE");
            st.execute("DROP SCHEMA IF EXISTS " + copySchema + " CASCADE");
        }
    }
}
