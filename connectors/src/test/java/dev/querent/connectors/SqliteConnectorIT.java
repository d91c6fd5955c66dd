package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.connectors.sqlite.SqliteConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteConnectorIT extends DataSourceContractIT {

    @Override
    protected boolean estimatesRows() {
        return false;
    }

    private Path dir;

    @Override
    protected DataSourceInterface createFixture() throws Exception {
        dir = Files.createTempDirectory("querent-sqlite-it");
        Path file = dir.resolve("shop.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200), tier VARCHAR(20) NOT NULL, signup_date DATE NOT NULL)");
            st.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY,"
                    + " customer_id INTEGER NOT NULL REFERENCES customers (customer_id),"
                    + " reference VARCHAR(20) NOT NULL, status VARCHAR(20) NOT NULL, order_date DATE NOT NULL,"
                    + " amount DECIMAL(12,2) NOT NULL)");
            st.execute(VIEW_SQL);
            for (String insert : fixtureInserts()) {
                st.execute(insert);
            }
        }
        return new SqliteConnector(file);
    }

    @Override
    protected void dropFixture() throws Exception {
        TestFiles.deleteRecursively(dir);
    }

    @Override
    protected DataSourceInterface unreachableDataSource() {
        return new SqliteConnector(dir.resolve("missing.sqlite"));
    }

    @Override
    protected String expectedDefaultSchema() {
        return "main";
    }

    @Override
    protected boolean supportsComments() {
        return false;
    }

    @Test
    void connectingToAMissingFileDoesNotCreateIt() {
        try (DataSourceInterface missing = unreachableDataSource()) {
            missing.testConnection();
        }

        assertThat(dir.resolve("missing.sqlite")).doesNotExist();
    }

    @Test
    void sessionCannotAttachOtherFiles() throws SQLException {
        try (Connection session = ((SqliteConnector) dataSource).openSession();
                Statement st = session.createStatement()) {
            assertThatThrownBy(() -> st.execute("ATTACH DATABASE '" + dir.resolve("other.sqlite") + "' AS other"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(dir.resolve("other.sqlite")).doesNotExist();
    }
}
