package dev.querent.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GoldQueriesTest {
    @Test
    void expandsADefogCellLikeItsEvaluator() {
        assertThat(dev.querent.core.bench.DefogQueries.expand(
                        "SELECT {a.id, a.name}, count(*) FROM a GROUP BY {};SELECT 1;"))
                .containsExactlyInAnyOrder(
                        "SELECT a.id, count(*) FROM a GROUP BY a.id",
                        "SELECT  a.name, count(*) FROM a GROUP BY  a.name",
                        "SELECT a.id,  a.name, count(*) FROM a GROUP BY a.id,  a.name",
                        "SELECT 1");
    }

    @Test
    void takesTheDialectFromTheFileName() {
        assertThat(GoldQueries.defogDialect(Path.of("questions_gen_postgres.csv")))
                .contains(Dialect.POSTGRESQL);
        assertThat(GoldQueries.defogDialect(Path.of("idk.csv"))).contains(Dialect.POSTGRESQL);
        assertThat(GoldQueries.defogDialect(Path.of("idk_bigquery.csv"))).contains(Dialect.BIGQUERY);
        assertThat(GoldQueries.defogDialect(Path.of("instruct_basic_tsql.csv"))).isEmpty();
    }
}
