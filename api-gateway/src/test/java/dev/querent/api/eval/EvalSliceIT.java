package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.querent.api.eval.EvalRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code querent eval} as a command, on a small slice of the defog set in {@code ../shared/bench}:
 * with the oracle stand-in model every answer must come back with the gold rows (anything less is
 * something the pipeline loses around a perfect model), and every answer carries a trust label.
 */
class EvalSliceIT {
    @Test
    void theOracleSliceIsAnsweredWithTheGoldRows() throws Exception {
        Path bench = Path.of(System.getenv().getOrDefault("QUERENT_BENCH_DIR", "../../shared/bench"));
        if (!Files.isDirectory(bench.resolve("defog/sqlite"))) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("the defog bench is not at " + bench.toAbsolutePath() + "; set QUERENT_BENCH_DIR");
            }
            assumeTrue(false, "defog bench not available");
        }
        Path out = Files.createTempDirectory("eval-slice");
        EvalCommand.main(new String[] {
            "--set", bench.resolve("defog/questions/questions_gen_sqlite.csv").toString(),
            "--databases", bench.resolve("defog/sqlite").toString(),
            "--db", "restaurants",
            "--limit", "12",
            "--model", "oracle",
            "--concurrency", "2",
            "--out", out.toString()
        });
        List<Result> results = JsonMapper.builder()
                .build()
                .readValue(Files.readString(out.resolve("results.json")), new TypeReference<List<Result>>() {});
        assertThat(results).hasSize(12);
        assertThat(results).filteredOn(r -> !r.match().equals("GOLD_FAILED")).allSatisfy(r -> {
            assertThat(r.match()).as(r.question()).isEqualTo("EXACT");
            assertThat(r.source()).isEqualTo("LLM");
            assertThat(r.trust()).isIn("TRUSTED", "UNVERIFIED");
            assertThat(r.tokens()).isPositive();
        });
        assertThat(Files.readString(out.resolve("summary.md"))).contains("## By source");
    }
}
