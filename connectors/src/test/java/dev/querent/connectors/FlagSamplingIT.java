package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.connectors.sqlite.SqliteConnector;
import dev.querent.core.schema.TableInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Columns named as flags ({@code is_open}, {@code hasParking}) are sampled whatever their type, on the
 * real engines: databases without a boolean type keep flags as 0 and 1, and the planner reads "open
 * businesses" from those samples. A number column named otherwise ({@code island}, {@code amount}) is
 * not sampled, nor is a boolean. A flag-named column whose name is SQL text is sampled as a name (attack test).
 */
class FlagSamplingIT {
    private static final String HOSTILE = "is_x\"; DROP TABLE business; --";
    private static final String DDL = "CREATE TABLE business (id INTEGER, is_open INTEGER, \"hasParking\" INTEGER,"
            + " island INTEGER, amount INTEGER, is_done BOOLEAN, \"is_x\"\"; DROP TABLE business; --\" INTEGER)";
    private static final String ROWS =
            "INSERT INTO business VALUES (1, 1, 0, 1, 10, true, 1), (2, 0, 1, 0, 20, false, 0), (3, 1, 1, 1, 30, true, 1)";

    private Path dir;

    @AfterEach
    void delete() throws Exception {
        TestFiles.deleteRecursively(dir);
    }

    @Test
    void sqlite() throws Exception {
        check("jdbc:sqlite:", "flags.sqlite", SqliteConnector::new);
    }

    @Test
    void duckdb() throws Exception {
        check("jdbc:duckdb:", "flags.duckdb", DuckDbConnector::new);
    }

    private void check(String url, String fileName, Function<Path, DataSourceInterface> connector) throws Exception {
        dir = Files.createTempDirectory("querent-flags-it");
        Path file = dir.resolve(fileName);
        try (Connection c = DriverManager.getConnection(url + file);
                Statement st = c.createStatement()) {
            st.execute(DDL);
            st.execute(ROWS);
        }
        try (DataSourceInterface source = connector.apply(file)) {
            TableInfo business = source.getSchema().table(null, "business").orElseThrow();
            assertThat(business.column("is_open").orElseThrow().sampleValues()).containsExactly("1", "0");
            assertThat(business.column("hasParking").orElseThrow().sampleValues())
                    .containsExactly("1", "0");
            assertThat(business.column(HOSTILE).orElseThrow().sampleValues()).containsExactly("1", "0");
            assertThat(business.column("island").orElseThrow().sampleValues()).isEmpty();
            assertThat(business.column("amount").orElseThrow().sampleValues()).isEmpty();
            assertThat(business.column("is_done").orElseThrow().sampleValues())
                    .as("a boolean is a flag without samples")
                    .isEmpty();
        }
        try (Connection c = DriverManager.getConnection(url + file);
                Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT count(*) FROM business");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }
}
