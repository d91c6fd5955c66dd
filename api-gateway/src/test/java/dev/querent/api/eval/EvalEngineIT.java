package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.querent.api.eval.EvalRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code querent eval --engine postgresql|mariadb} end to end on real servers: the benchmark loader
 * loads defog's restaurants database (PostgreSQL from its dump; MariaDB copied from that), and a
 * handful of its questions run through the pipeline with the oracle stand-in, read through the
 * product's own PostgreSQL / MySQL data source. Every answer must be EXACT: a guard refusal of gold
 * SQL, a dialect the pipeline gets wrong or data the loader copied wrongly shows up here.
 *
 * <p>Uses {@code QUERENT_TEST_PG_*} and {@code QUERENT_TEST_MYSQL_*} (MariaDB also needs PostgreSQL,
 * its data comes from there); skipped without them, failing under {@code CI=true}.
 */
class EvalEngineIT {
    /** Restaurants: 25 questions, the first 6 of each set run (every gold query of them runs on its engine). */
    private static final int QUESTIONS = 6;

    @Test
    void postgresqlAnswersDefogQuestionsWithTheGoldRows() throws Exception {
        requireEnv("QUERENT_TEST_PG_URL");
        List<Result> results = run("postgresql");

        assertThat(results).hasSize(QUESTIONS).allSatisfy(r -> {
            assertThat(r.match()).as(r.question()).isEqualTo("EXACT");
            assertThat(r.dialect()).isEqualTo("POSTGRESQL");
            assertThat(r.source()).isEqualTo("LLM");
        });
    }

    @Test
    void mariadbAnswersDefogQuestionsWithTheGoldRows() throws Exception {
        requireEnv("QUERENT_TEST_PG_URL");
        requireEnv("QUERENT_TEST_MYSQL_URL");
        List<Result> results = run("mariadb");

        assertThat(results).hasSize(QUESTIONS).allSatisfy(r -> {
            assertThat(r.match()).as(r.question()).isEqualTo("EXACT");
            assertThat(r.dialect()).isEqualTo("MARIADB");
            assertThat(r.source()).isEqualTo("LLM");
        });
    }

    private static List<Result> run(String engine) throws Exception {
        Path bench = Path.of(System.getenv().getOrDefault("QUERENT_BENCH_DIR", "../../shared/bench"));
        if (!Files.isDirectory(bench.resolve("defog/pg_dumps"))) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("the defog bench is not at " + bench.toAbsolutePath() + "; set QUERENT_BENCH_DIR");
            }
            assumeTrue(false, "defog bench not available");
        }
        String set = engine.equals("postgresql") ? "questions_gen_postgres.csv" : "questions_gen_mysql.csv";
        Path out = Files.createTempDirectory("eval-engine");
        List<String> args = new ArrayList<>(List.of(
                "--engine",
                engine,
                "--set",
                bench.resolve("defog/questions/" + set).toString(),
                "--databases",
                bench.resolve("defog/pg_dumps").toString(),
                "--db",
                "restaurants",
                "--limit",
                Integer.toString(QUESTIONS),
                "--model",
                "oracle",
                "--concurrency",
                "2",
                "--out",
                out.toString()));
        EvalCommand.main(args.toArray(String[]::new));
        return JsonMapper.builder()
                .build()
                .readValue(Files.readString(out.resolve("results.json")), new TypeReference<List<Result>>() {});
    }

    private static void requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but " + name + " is not set (.ci/run starts the server and sets it)");
            }
            assumeTrue(false, name + " not set");
        }
    }
}
