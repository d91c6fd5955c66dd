package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.bench.BenchSchemas;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.testing.BenchDir;
import dev.querent.core.testing.GoldChecks;
import dev.querent.core.testing.GoldQueries;
import dev.querent.core.testing.GoldQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Zero false positives: every gold query of Spider, BIRD mini-dev and defog sql-eval is a
 * legitimate read-only query, so the guard must accept each one for its dialect, and (for Spider
 * and BIRD, whose schemas are published) must find each table and column in the schema.
 */
class GoldQueriesAcceptedTest {
    private static final SqlGuard GUARD = new SqlGuard(GuardPolicy.defaults());

    private static Path bench;

    @BeforeAll
    static void locateBench() {
        bench = BenchDir.require();
    }

    @Test
    void spiderGoldAccepted() {
        assertAllAccepted(GoldQueries.spider(bench), q -> null);
    }

    @Test
    void spiderGoldMatchesItsSchemas() {
        assertAllAccepted(GoldQueries.spider(bench), schemas(BenchSchemas.SPIDER_TABLES, Dialect.SQLITE));
    }

    @Test
    void birdSqliteGoldAccepted() {
        assertAllAccepted(GoldQueries.birdSqlite(bench), q -> null);
    }

    @Test
    void birdSqliteGoldMatchesItsSchemas() {
        assertAllAccepted(GoldQueries.birdSqlite(bench), schemas(BenchSchemas.BIRD_TABLES, Dialect.SQLITE));
    }

    @Test
    void birdMysqlGoldAccepted() {
        assertAllAccepted(GoldQueries.birdMysql(bench), q -> null);
    }

    @Test
    void birdMysqlGoldMatchesItsSchemas() {
        assertAllAccepted(GoldQueries.birdMysql(bench), schemas(BenchSchemas.BIRD_TABLES, Dialect.MYSQL));
    }

    @Test
    void birdPostgresqlGoldAccepted() {
        assertAllAccepted(GoldQueries.birdPostgresql(bench), q -> null);
    }

    @Test
    void birdPostgresqlGoldMatchesItsSchemas() {
        assertAllAccepted(GoldQueries.birdPostgresql(bench), schemas(BenchSchemas.BIRD_TABLES, Dialect.POSTGRESQL));
    }

    @TestFactory
    Stream<DynamicTest> defogGoldAccepted() {
        return GoldQueries.defogFiles(bench).stream()
                .map(csv -> DynamicTest.dynamicTest(
                        csv.getFileName().toString(),
                        () -> assertAllAccepted(GoldQueries.defog(bench, csv), q -> null)));
    }

    private Function<GoldQuery, SchemaSnapshot> schemas(String tablesJson, Dialect dialect) {
        Map<String, SchemaSnapshot> byDb = BenchSchemas.load(bench.resolve(tablesJson), dialect);
        return q -> {
            SchemaSnapshot s = byDb.get(q.dbId());
            assertThat(s).as("schema of %s for %s", q.dbId(), q.source()).isNotNull();
            return s;
        };
    }

    private static void assertAllAccepted(List<GoldQuery> queries, Function<GoldQuery, SchemaSnapshot> schemaOf) {
        GoldChecks.assertEvery(queries, "accepted", q -> {
            GuardVerdict v = GUARD.check(q.sql(), q.dialect(), schemaOf.apply(q));
            return v.accepted()
                    ? null
                    : v.rejections().stream()
                            .map(r -> r.code() + ": " + r.message())
                            .collect(Collectors.joining("; "));
        });
    }
}
