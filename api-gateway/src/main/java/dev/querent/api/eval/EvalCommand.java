package dev.querent.api.eval;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.store.ChatStore;
import dev.querent.api.QuerentApplication;
import dev.querent.api.eval.EvalRunner.Result;
import dev.querent.api.eval.QuestionSet.Question;
import dev.querent.core.DataSourceId;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./querent eval [--set CSV] [--db NAME] [--limit N] [--out DIR]} runs a defog-format
 * question set over its SQLite databases through the real pipeline, in a fresh data directory (no
 * learned patterns), with whatever model the environment configures ({@code QUERENT_LLM_*}; none =
 * the offline generator). Writes {@code results.json} and {@code summary.md}.
 * {@code ./querent eval --compare A.json B.json} lists the questions whose outcome flipped.
 * {@code ./querent eval --validator} runs the {@link ValidatorBench} instead.
 */
public final class EvalCommand {
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvalCommand() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        if (opts.containsKey("validator")) {
            ValidatorBench.main(opts);
            return;
        }
        if (opts.containsKey("compare")) {
            String[] files = opts.get("compare").split(" ", 2);
            List<Result> a = read(Path.of(files[0]));
            List<Result> b = read(Path.of(files[1]));
            List<String> flips = EvalReport.flips(a, b);
            System.out.println(EvalReport.markdown("before: " + files[0], a));
            System.out.println(EvalReport.markdown("after: " + files[1], b));
            System.out.println("## Flipped (" + flips.size() + ")\n");
            flips.forEach(f -> System.out.println("- " + f));
            return;
        }
        Path bench = Path.of(System.getenv().getOrDefault("QUERENT_BENCH_DIR", "../shared/bench"));
        Path set = Path.of(opts.getOrDefault(
                "set", bench.resolve("defog/questions/questions_gen_sqlite.csv").toString()));
        Path sqliteDir = Path.of(opts.getOrDefault(
                        "databases", bench.resolve("defog/sqlite").toString()))
                .toAbsolutePath()
                .normalize();
        Path out = Path.of(opts.getOrDefault(
                "out", ".data/eval/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        List<Question> questions = new ArrayList<>(QuestionSet.read(set));
        if (opts.containsKey("split")) {
            String half = opts.get("split");
            if (!half.equals("dev") && !half.equals("test")) {
                throw new IllegalArgumentException("--split is dev or test");
            }
            questions.removeIf(q -> !QuestionSet.split(q).equals(half));
        }
        if (opts.containsKey("db")) {
            questions.removeIf(q -> !q.db().equals(opts.get("db")));
        }
        // Sets name databases that exist only as PostgreSQL dumps; those questions are skipped, and said so.
        java.util.Set<String> missing = new java.util.TreeSet<>();
        questions.removeIf(q -> {
            boolean absent = !Files.isRegularFile(sqliteDir.resolve(q.db() + ".sqlite"));
            if (absent) {
                missing.add(q.db());
            }
            return absent;
        });
        if (!missing.isEmpty()) {
            System.out.println("skipped the questions over " + missing + ": no SQLite file in " + sqliteDir);
        }
        if (opts.containsKey("limit")) {
            int n = Integer.parseInt(opts.get("limit"));
            if (questions.size() > n) {
                questions = new ArrayList<>(questions.subList(0, n));
            }
        }
        Path dataDir = Files.createTempDirectory("querent-eval");
        ConfigurableApplicationContext ctx = new SpringApplication(QuerentApplication.class)
                .run(
                        "--server.port=0",
                        "--querent.data-dir=" + dataDir,
                        "--querent.demo.enabled=false",
                        "--querent.sources.allowed-dirs=" + sqliteDir,
                        "--logging.level.root=WARN");
        try {
            DataSourceService dataSources = ctx.getBean(DataSourceService.class);
            Map<String, DataSourceId> sources = new LinkedHashMap<>();
            for (Question q : questions) {
                sources.computeIfAbsent(q.db(), db -> dataSources
                        .create(
                                db,
                                "sqlite",
                                Map.of("path", sqliteDir.resolve(db + ".sqlite").toString()),
                                Map.of())
                        .id());
            }
            EvalRunner runner = new EvalRunner(
                    ctx.getBean(Orchestrator.class),
                    ctx.getBean(ChatStore.class),
                    dataSources,
                    ctx.getBean(SqlGuard.class));
            List<Result> results = new ArrayList<>();
            int total = questions.size();
            runner.run(questions, sources, r -> {
                results.add(r);
                System.out.printf("[%d/%d] %-11s %s%n", results.size(), total, r.match(), r.question());
            });
            Files.createDirectories(out);
            Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(results));
            String md =
                    EvalReport.markdown("querent eval: " + set.getFileName() + " (" + total + " questions)", results);
            Files.writeString(out.resolve("summary.md"), md);
            System.out.println();
            System.out.println(md);
            System.out.println("results: " + out.toAbsolutePath());
        } finally {
            ctx.close();
        }
    }

    private static List<Result> read(Path file) throws Exception {
        return JSON.readValue(Files.readString(file), new TypeReference<List<Result>>() {});
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a
                        + "; usage: querent eval [--set CSV] [--databases DIR] [--db NAME] [--split dev|test] [--limit N] [--out DIR]"
                        + " | querent eval --compare A.json B.json"
                        + " | querent eval --validator [--sets spider,bird,defog] [--split dev|test] [--out DIR]");
            }
            String key = a.substring(2);
            if (key.equals("compare")) {
                opts.put(key, args[i + 1] + " " + args[i + 2]);
                i += 2;
            } else if (key.equals("validator")) {
                opts.put(key, "true");
            } else {
                opts.put(key, args[++i]);
            }
        }
        return opts;
    }
}
