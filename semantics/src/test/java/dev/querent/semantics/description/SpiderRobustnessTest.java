package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.querent.core.Dialect;
import dev.querent.semantics.BackTranslation;
import dev.querent.semantics.SqlBackTranslator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** describe() must survive every Spider dev gold query: real SQL written by people, not by us. */
class SpiderRobustnessTest {

    /** JSqlParser rejects a handful of Spider's SQLite-isms; more than this means the parse setup broke. */
    private static final double MAX_UNPARSEABLE_FRACTION = 0.02;

    @Test
    void describesEverySpiderDevGoldQueryWithoutThrowing() throws IOException {
        Optional<Path> gold =
                benchDir().map(d -> d.resolve("spider").resolve("dev_gold.sql")).filter(Files::isRegularFile);
        if (gold.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("shared/bench/spider/dev_gold.sql not found; set QUERENT_BENCH_DIR");
            }
            assumeTrue(false, "Spider bench not available");
        }
        SqlBackTranslator translator = new SqlBackTranslator();
        List<String> unparseable = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int total = 0;
        for (String line : Files.readAllLines(gold.get(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String sql = line.split("\t", 2)[0];
            total++;
            BackTranslation bt = translator.describe(sql, Dialect.SQLITE, null);
            assertThat(bt.text()).isNotBlank().endsWith(".");
            if (!bt.described()) {
                (bt.text().contains("does not parse") ? unparseable : unsupported).add(sql + " -> " + bt.text());
            } else {
                assertThat(bt.concepts()).as(sql).isNotEmpty();
            }
        }

        assertThat(total).isPositive();
        assertThat(unsupported).as("queries the describer failed on").isEmpty();
        assertThat((double) unparseable.size() / total)
                .as("%s", unparseable)
                .isLessThanOrEqualTo(MAX_UNPARSEABLE_FRACTION);
    }

    /** QUERENT_BENCH_DIR, or the nearest {@code shared/bench} above the working directory. */
    private static Optional<Path> benchDir() {
        String env = System.getenv("QUERENT_BENCH_DIR");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("bench");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
