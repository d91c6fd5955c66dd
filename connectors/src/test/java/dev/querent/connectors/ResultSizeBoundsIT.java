package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.connectors.sqlite.SqliteConnector;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A query that builds one enormous value must fail in the engine (or the driver) with a clean
 * error, never by materialising the value in the JVM: the file engines are bounded by
 * {@code SQLITE_LIMIT_LENGTH} and DuckDB's {@code memory_limit}.
 */
class ResultSizeBoundsIT {
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 1_000, 16L << 20);

    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
    private Path dir;

    @BeforeEach
    void createDir() throws Exception {
        dir = Files.createTempDirectory("querent-size-it");
    }

    @AfterEach
    void deleteDir() throws Exception {
        TestFiles.deleteRecursively(dir);
    }

    @Test
    void sqliteRefusesToBuildAValueBeyondItsLengthLimit() throws Exception {
        Path file = dir.resolve("t.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            st.execute("INSERT INTO t VALUES (1)");
        }
        try (SqliteConnector sqlite = new SqliteConnector(file, 2L << 20)) {
            QuerentException e = catchThrowableOfType(
                    QuerentException.class,
                    () -> sqlite.executeQuery(
                            guard.require(
                                    "SELECT printf('%.*c', 700000000, 'x') AS big FROM t", sqlite.dialect(), null),
                            LIMITS,
                            QueryCancellation.none()));

            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.RESULT_TOO_LARGE);
            // A value under the bound still reads.
            assertThat(sqlite.executeQuery(
                                    guard.require(
                                            "SELECT length(printf('%.*c', 1000, 'x')) AS n FROM t",
                                            sqlite.dialect(), null),
                                    LIMITS,
                                    QueryCancellation.none())
                            .rows())
                    .hasSize(1);
        }
    }

    /**
     * DuckDB's {@code memory_limit} bounds its buffer manager (joins, sorts, aggregates); it does
     * not bound one scalar value (a {@code repeat('x', 700000000)} is built outside it, and
     * DuckDB's JDBC driver converts a whole chunk before the row loop sees it), so only the limit
     * itself is checked here.
     */
    @Test
    void duckDbRunsUnderAMemoryLimit() throws Exception {
        Path file = dir.resolve("t.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        }
        try (DuckDbConnector duck = new DuckDbConnector(file, 2L << 20);
                Connection session = duck.openSession();
                Statement st = session.createStatement();
                var rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("256.0 MiB");
        }
    }
}
