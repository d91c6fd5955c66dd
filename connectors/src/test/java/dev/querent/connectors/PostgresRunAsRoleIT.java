package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Running a query as the user's own database role on a real PostgreSQL: the database's row-level
 * security decides the rows, the role ends with the statement's transaction (the pooled connection
 * is itself again), a role name cannot carry SQL, and an engine without roles refuses.
 */
class PostgresRunAsRoleIT {
    private static final String SCHEMA = "querent_runas";
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());

    @Test
    void theDatabasesRowLevelSecurityAppliesToTheUsersRole() throws Exception {
        Map<String, String> settings = DataSourceAttackIT.endpoint("QUERENT_TEST_PG", 5432);
        prepare();
        try (DataSourceInterface pg = new PostgresConnectorFactory(SourcePolicy.defaults())
                .open(new DataSourceConfig(
                        DataSourceId.random(),
                        "postgresql",
                        "rls",
                        settings,
                        DataSourceAttackIT.password("QUERENT_TEST_PG")))) {
            SafeSql all = guard.require("SELECT region FROM " + SCHEMA + ".sales ORDER BY region", pg.dialect(), null);
            assertThat(regions(pg, all)).containsExactly("APAC", "EU", "US");
            assertThat(regions(pg, all.runningAs("querent_rls_eu"))).containsExactly("EU");
            assertThat(regions(pg, all.runningAs("querent_rls_us"))).containsExactly("US");
            // The role ended with its transaction: the same pool answers as the login again.
            assertThat(regions(pg, all)).containsExactly("APAC", "EU", "US");
            // A role the login may not take is an error, not a silent fallback.
            QuerentException e = catchThrowableOfType(
                    QuerentException.class, () -> regions(pg, all.runningAs("querent_rls_missing")));
            assertThat(e).isNotNull();
        }
        for (String bad : List.of("eu\"; DROP TABLE x; --", "eu role", "", "1eu", "a".repeat(64))) {
            SafeSql s = guard.require("SELECT 1", dev.querent.core.Dialect.POSTGRESQL, null);
            QuerentException e = catchThrowableOfType(QuerentException.class, () -> s.runningAs(bad));
            assertThat(e.code()).as(bad).isEqualTo(ErrorCode.VALIDATION_FAILED);
        }
    }

    @Test
    void anEngineWithoutRolesRefusesToRunAsOne() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("querent-runas");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("d.duckdb"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        try (DataSourceInterface duck =
                new dev.querent.connectors.duckdb.DuckDbConnector(dir.resolve("d.duckdb"), 1 << 20)) {
            SafeSql s = guard.require("SELECT 1 AS one", duck.dialect(), null).runningAs("someone");
            QuerentException e = catchThrowableOfType(
                    QuerentException.class,
                    () -> duck.executeQuery(s, QueryLimits.defaults(), QueryCancellation.none()));
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        } finally {
            TestFiles.deleteRecursively(dir);
        }
    }

    private static Set<String> regionsSet(List<List<Object>> rows) {
        Set<String> out = new TreeSet<>();
        rows.forEach(r -> out.add(String.valueOf(r.getFirst())));
        return out;
    }

    private static List<String> regions(DataSourceInterface pg, SafeSql sql) {
        return List.copyOf(regionsSet(pg.executeQuery(sql, QueryLimits.defaults(), QueryCancellation.none())
                .rows()));
    }

    /** Two roles, a table with row-level security, one policy per role (idempotent). */
    private static void prepare() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        System.getenv("QUERENT_TEST_PG_URL"),
                        System.getenv("QUERENT_TEST_PG_USER"),
                        System.getenv("QUERENT_TEST_PG_PASSWORD"));
                Statement s = c.createStatement()) {
            s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'querent_rls_eu')"
                    + " THEN CREATE ROLE querent_rls_eu NOLOGIN; END IF;"
                    + " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'querent_rls_us')"
                    + " THEN CREATE ROLE querent_rls_us NOLOGIN; END IF; END$$");
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".sales (region text NOT NULL, amount int NOT NULL)");
            s.execute("INSERT INTO " + SCHEMA + ".sales VALUES ('EU', 10), ('US', 20), ('APAC', 30)");
            s.execute("ALTER TABLE " + SCHEMA + ".sales ENABLE ROW LEVEL SECURITY");
            s.execute("CREATE POLICY eu ON " + SCHEMA + ".sales FOR SELECT TO querent_rls_eu USING (region = 'EU')");
            s.execute("CREATE POLICY us ON " + SCHEMA + ".sales FOR SELECT TO querent_rls_us USING (region = 'US')");
            s.execute("GRANT USAGE ON SCHEMA " + SCHEMA + " TO querent_rls_eu, querent_rls_us");
            s.execute("GRANT SELECT ON " + SCHEMA + ".sales TO querent_rls_eu, querent_rls_us");
        }
    }
}
