package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.connectors.sqlite.SqliteConnector;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attack test for identifiers a connector writes into its own catalog queries: a table and a column
 * whose names hold a double quote, a back-quote and SQL are introspected, counted and sampled as
 * themselves on the real engines (before the dialect SPI, quoting did not escape every quote).
 *
 * <p>Columns named as flags ({@code is_open}, {@code hasParking}, and one whose name is SQL text) are
 * sampled whatever their type, as databases without a boolean type keep flags as 0 and 1 and the
 * planner reads "open businesses" from the samples; a number named otherwise ({@code island}, {@code
 * amount}) is not, nor is a boolean.
 */
class QuotedIdentifiersIT {
    private static final String TABLE = "we\"ird`t\" OR 1=1 --";
    private static final String COLUMN = "a\"b`c";
    private static final String DDL =
            "CREATE TABLE \"we\"\"ird`t\"\" OR 1=1 --\" (id INTEGER, \"a\"\"b`c\" VARCHAR(10))";
    private static final String ROWS =
            "INSERT INTO \"we\"\"ird`t\"\" OR 1=1 --\" VALUES (1, 'x'), (2, 'y'), (3, 'x'), (4, NULL)";
    private static final String FLAG = "is_x\"; DROP TABLE business; --";
    private static final String FLAGS_DDL = "CREATE TABLE business (id INTEGER, is_open INTEGER, \"hasParking\""
            + " INTEGER, island INTEGER, amount INTEGER, is_done BOOLEAN, \"is_x\"\"; DROP TABLE business; --\" INTEGER)";
    private static final String FLAG_ROWS = "INSERT INTO business VALUES (1, 1, 0, 1, 10, true, 1),"
            + " (2, 0, 1, 0, 20, false, 0), (3, 1, 1, 1, 30, true, 1)";

    private Path dir;

    @AfterEach
    void delete() throws Exception {
        TestFiles.deleteRecursively(dir);
    }

    @Test
    void sqlite() throws Exception {
        check("jdbc:sqlite:", "odd.sqlite", SqliteConnector::new);
    }

    @Test
    void duckdb() throws Exception {
        check("jdbc:duckdb:", "odd.duckdb", DuckDbConnector::new);
    }

    private void check(String url, String fileName, Function<Path, DataSourceInterface> connector) throws Exception {
        dir = Files.createTempDirectory("querent-quoted-it");
        Path file = dir.resolve(fileName);
        try (Connection c = DriverManager.getConnection(url + file);
                Statement st = c.createStatement()) {
            for (String sql : List.of(DDL, ROWS, FLAGS_DDL, FLAG_ROWS)) {
                st.execute(sql);
            }
        }
        try (DataSourceInterface source = connector.apply(file)) {
            SchemaSnapshot schema = source.getSchema();
            TableInfo table = schema.tables().stream()
                    .filter(t -> t.name().equals(TABLE))
                    .findFirst()
                    .orElseThrow();
            ColumnInfo column = table.column(COLUMN).orElseThrow();
            assertThat(column.sampleValues()).containsExactly("x", "y");

            TableInfo business = schema.table(null, "business").orElseThrow();
            assertThat(business.column("is_open").orElseThrow().sampleValues()).containsExactly("1", "0");
            assertThat(business.column("hasParking").orElseThrow().sampleValues())
                    .containsExactly("1", "0");
            assertThat(business.column(FLAG).orElseThrow().sampleValues()).containsExactly("1", "0");
            assertThat(business.column("island").orElseThrow().sampleValues()).isEmpty();
            assertThat(business.column("amount").orElseThrow().sampleValues()).isEmpty();
            assertThat(business.column("is_done").orElseThrow().sampleValues()).isEmpty();
        }
        try (Connection c = DriverManager.getConnection(url + file);
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("SELECT count(*) FROM business")) {
            rows.next();
            assertThat(rows.getInt(1))
                    .as("the flag named as SQL text dropped nothing")
                    .isEqualTo(3);
        }
    }
}
