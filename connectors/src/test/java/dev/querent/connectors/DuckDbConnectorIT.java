package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.connectors.duckdb.DuckDbConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DuckDbConnectorIT extends DataSourceContractIT {
    private Path dir;

    @Override
    protected DataSourceInterface createFixture() throws Exception {
        dir = Files.createTempDirectory("querent-duckdb-it");
        Path file = dir.resolve("shop.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement st = c.createStatement()) {
            for (String sql : duckDbFixture()) {
                st.execute(sql);
            }
        }
        return new DuckDbConnector(file);
    }

    @Override
    protected void dropFixture() throws Exception {
        TestFiles.deleteRecursively(dir);
    }

    @Override
    protected DataSourceInterface unreachableDataSource() {
        return new DuckDbConnector(dir.resolve("missing.duckdb"));
    }

    @Override
    protected String expectedDefaultSchema() {
        return "main";
    }

    @Override
    protected boolean supportsComments() {
        return true;
    }

    @Test
    void sessionCannotReachFilesOrLoosenItsConfiguration() throws SQLException {
        try (Connection session = ((DuckDbConnector) dataSource).openSession();
                Statement st = session.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM read_csv('/etc/hosts')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.execute("COPY customers TO '" + dir.resolve("leak.csv") + "'"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.execute("ATTACH '" + dir.resolve("other.duckdb") + "' AS other"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.execute("SET enable_external_access = true"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
