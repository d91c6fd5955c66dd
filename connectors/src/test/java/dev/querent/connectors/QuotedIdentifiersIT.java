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
import java.sql.Statement;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attack test for identifiers a connector writes into its own catalog queries: a table and a column
 * whose names hold a double quote, a back-quote and SQL are introspected, counted and sampled as
 * themselves on the real engines (before the dialect SPI, quoting did not escape every quote).
 */
class QuotedIdentifiersIT {
    private static final String TABLE = "we\"ird`t\" OR 1=1 --";
    private static final String COLUMN = "a\"b`c";
    private static final String DDL =
            "CREATE TABLE \"we\"\"ird`t\"\" OR 1=1 --\" (id INTEGER, \"a\"\"b`c\" VARCHAR(10))";
    private static final String ROWS =
            "INSERT INTO \"we\"\"ird`t\"\" OR 1=1 --\" VALUES (1, 'x'), (2, 'y'), (3, 'x'), (4, NULL)";

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
            st.execute(DDL);
            st.execute(ROWS);
        }
        try (DataSourceInterface source = connector.apply(file)) {
            SchemaSnapshot schema = source.getSchema();
            TableInfo table = schema.tables().stream()
                    .filter(t -> t.name().equals(TABLE))
                    .findFirst()
                    .orElseThrow();
            ColumnInfo column = table.column(COLUMN).orElseThrow();
            assertThat(column.sampleValues()).containsExactly("x", "y");
        }
    }
}
