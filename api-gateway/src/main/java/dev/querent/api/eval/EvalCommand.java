package dev.querent.api.eval;

import dev.querent.agents.ChatEvents;
import dev.querent.agents.Chats;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.trust.ConfidenceModel;
import dev.querent.agents.trust.ConfidenceModel.SourceModel;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        if (opts.containsKey("fit")) {
            fit(opts);
            return;
        }
        if (opts.containsKey("patterns")) {
            patterns(opts);
            return;
        }
        Path bench = Path.of(System.getenv().getOrDefault("QUERENT_BENCH_DIR", "../shared/bench"));
        EvalEngine engine = EvalEngine.from(opts, System.getenv());
        boolean onSqlite = engine.kind() == EvalEngine.Kind.SQLITE;
        Path set = Path.of(opts.getOrDefault(
                "set",
                bench.resolve("defog/questions/" + engine.kind().defogSet()).toString()));
        Path sqliteDir = Path.of(opts.getOrDefault(
                        "databases",
                        bench.resolve(onSqlite ? "defog/sqlite" : "defog/pg_dumps")
                                .toString()))
                .toAbsolutePath()
                .normalize();
        DefogLoader loader = onSqlite
                ? null
                : new DefogLoader(
                        engine,
                        engine.kind() == EvalEngine.Kind.POSTGRESQL ? engine : postgresSource(opts),
                        sqliteDir,
                        System.out);
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
        // Sets name databases that exist only as PostgreSQL dumps; on SQLite those questions are
        // skipped, and said so.
        java.util.Set<String> missing = new java.util.TreeSet<>();
        questions.removeIf(q -> {
            boolean absent = onSqlite
                    ? !Files.isRegularFile(JsonQuestionSets.sqliteFile(sqliteDir, q.db()))
                    : !loader.has(q.db());
            if (absent) {
                missing.add(q.db());
            }
            return absent;
        });
        if (!missing.isEmpty()) {
            System.out.println("skipped the questions over " + missing + ": no " + (onSqlite ? "SQLite file" : "dump")
                    + " in " + sqliteDir);
        }
        if (opts.containsKey("limit")) {
            int n = Integer.parseInt(opts.get("limit"));
            if (questions.size() > n) {
                questions = new ArrayList<>(questions.subList(0, n));
            }
        }
        if (loader != null) {
            for (String db :
                    new java.util.TreeSet<>(questions.stream().map(Question::db).toList())) {
                loader.ensure(db);
            }
        }
        Path dataDir = Files.createTempDirectory("querent-eval");
        String model = opts.getOrDefault("model", "environment");
        StandInModel standIn = standIn(model, questions);
        ConfigurableApplicationContext ctx = boot(dataDir, onSqlite ? sqliteDir.toString() : "", standIn, model);
        try {
            DataSourceService dataSources = ctx.getBean(DataSourceService.class);
            Map<String, DataSourceId> sources = new LinkedHashMap<>();
            for (Question q : questions) {
                sources.computeIfAbsent(q.db(), db -> {
                    if (loader == null) {
                        return dataSources
                                .create(
                                        db,
                                        "sqlite",
                                        Map.of(
                                                "path",
                                                JsonQuestionSets.sqliteFile(sqliteDir, db)
                                                        .toString()),
                                        Map.of())
                                .id();
                    }
                    DefogLoader.Source s = loader.source(db);
                    return dataSources
                            .create(db, s.type(), s.settings(), s.secrets())
                            .id();
                });
            }
            sources.forEach((db, id) -> SCHEMAS.put(db, dataSources.schema(id)));
            EvalRunner runner =
                    runner(ctx, JsonQuestionSets.rule(set), engine.kind().label());
            Files.createDirectories(out);
            // Resumable: every result is appended to results.jsonl as it completes; a run started again
            // with the same --out skips the questions already there.
            Path journal = out.resolve("results.jsonl");
            List<Result> results = new ArrayList<>(readJournal(journal));
            java.util.Set<String> done = new java.util.HashSet<>();
            results.forEach(r -> done.add(r.db() + "#" + r.index()));
            List<Question> todo = questions.stream()
                    .filter(q -> !done.contains(q.db() + "#" + q.index()))
                    .toList();
            if (!results.isEmpty()) {
                System.out.println("resuming: " + results.size() + " results already in " + journal);
            }
            int total = results.size() + todo.size();
            Progress progress = new Progress(total, results);
            int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "1"));
            runner.run(todo, sources, concurrency, r -> {
                results.add(r);
                append(journal, r);
                progress.update(r);
            });
            progress.finish();
            results.sort(java.util.Comparator.comparing(Result::db).thenComparingInt(Result::index));
            Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(results));
            String md =
                    EvalReport.markdown("querent eval: " + set.getFileName() + " (" + total + " questions)", results);
            Files.writeString(out.resolve("summary.md"), md);
            System.out.println();
            System.out.println(md);
            System.out.println("results: " + out.toAbsolutePath());
        } finally {
            ctx.close();
            if (standIn != null) {
                standIn.close();
            }
        }
    }

    /** Schemas of the run's databases, for perturbations that need one (a wrong join key). */
    private static final Map<String, dev.querent.core.schema.SchemaSnapshot> SCHEMAS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The perturbing stand-in's answer: for half of the questions (by a hash of the question,
     * independent of the split) a plausible wrong variant of the gold query, else the gold query.
     */
    static String perturbedOrGold(Question q) {
        String gold = q.gold().getFirst();
        byte[] h = QuestionSet.hash(q);
        if ((h[1] & 1) == 1) {
            return gold;
        }
        var schema = SCHEMAS.get(q.db());
        var dialect = schema == null ? dev.querent.core.Dialect.SQLITE : schema.dialect();
        return Perturber.pick(gold, dialect, schema, q.index())
                .map(Perturber.Perturbation::sql)
                .orElse(gold);
    }

    /** A runner over the booted product's pipeline, judging by {@code rule}. */
    private static EvalRunner runner(ConfigurableApplicationContext ctx, RowMatch.Rule rule, String engine) {
        return new EvalRunner(
                ctx.getBean(Orchestrator.class),
                ctx.getBean(Chats.class),
                ctx.getBean(DataSourceService.class),
                ctx.getBean(SqlGuard.class),
                ctx.getBean(ChatEvents.class),
                rule,
                engine);
    }

    /**
     * For {@code --engine mariadb}: the PostgreSQL server the defog data is loaded into first and
     * copied from ({@code --load-from-url}, {@code --load-from-user}, {@code --load-from-password},
     * else {@code QUERENT_TEST_PG_*}).
     */
    static EvalEngine postgresSource(Map<String, String> opts) {
        Map<String, String> pg = new java.util.HashMap<>();
        pg.put("engine", "postgresql");
        for (String k : List.of("url", "user", "password")) {
            if (opts.containsKey("load-from-" + k)) {
                pg.put("engine-" + k, opts.get("load-from-" + k));
            }
        }
        try {
            return EvalEngine.from(pg, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine mariadb copies the defog data from PostgreSQL: "
                    + e.getMessage().replace("--engine-", "--load-from-"));
        }
    }

    /** The product, in {@code dataDir}, on a random port, with the model {@code --model} asks for. */
    static ConfigurableApplicationContext boot(Path dataDir, String allowedDirs, StandInModel standIn, String model) {
        List<String> appArgs = new ArrayList<>(List.of(
                "--server.port=0",
                "--querent.data-dir=" + dataDir,
                "--querent.metadata.url=",
                "--querent.demo.enabled=false",
                "--querent.sources.allowed-dirs=" + allowedDirs,
                "--logging.level.root=WARN"));
        if (standIn != null) {
            appArgs.addAll(List.of(
                    "--querent.llm.provider=openai",
                    "--querent.llm.base-url=" + standIn.baseUrl(),
                    "--querent.llm.model=" + standIn.name(),
                    "--querent.llm.api-key=",
                    "--querent.llm.candidates=1"));
        } else if (model.equals("none")) {
            appArgs.add("--querent.llm.provider=none");
        }
        return new SpringApplication(QuerentApplication.class).run(appArgs.toArray(String[]::new));
    }

    /**
     * {@code --patterns DATA_DIR [--source NAME]}: the verified patterns of a Querent data directory
     * as a regression set, run on a copy of it ({@link PatternRegression}). Exits with status 1 when
     * any pattern's answer changed.
     */
    private static void patterns(Map<String, String> opts) throws Exception {
        Path original = Path.of(opts.get("patterns")).toAbsolutePath().normalize();
        if (!Files.isDirectory(original)) {
            throw new IllegalArgumentException(
                    "--patterns needs a Querent data directory; " + original + " is not one");
        }
        Path copy = Files.createTempDirectory("querent-eval-patterns");
        try (var files = Files.walk(original)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = original.relativize(f);
                if (rel.startsWith("eval")) {
                    continue; // earlier evaluation output
                }
                Path target = copy.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String allowed = original.resolve("sources") + "," + System.getenv().getOrDefault("QUERENT_ALLOWED_DIRS", "");
        String model = opts.getOrDefault("model", "environment");
        Path out = Path.of(opts.getOrDefault(
                "out",
                ".data/eval/patterns-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        List<Result> results = new ArrayList<>();
        ConfigurableApplicationContext ctx = boot(copy, allowed, null, model);
        try {
            DataSourceService dataSources = ctx.getBean(DataSourceService.class);
            EvalRunner runner = runner(ctx, RowMatch.Rule.DEFOG, null);
            new PatternRegression(ctx.getBean(dev.querent.knowledge.PatternStore.class), dataSources, runner)
                    .run(opts.get("source"), r -> {
                        results.add(r);
                        System.out.printf("[%d] %-11s %s%n", results.size(), r.match(), r.question());
                    });
        } finally {
            ctx.close();
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(results));
        String md = EvalReport.markdown(
                "querent eval --patterns " + original + " (" + results.size() + " patterns)", results);
        Files.writeString(out.resolve("summary.md"), md);
        System.out.println(md);
        if (results.isEmpty()) {
            System.out.println("no verified patterns found in " + original);
        } else if (PatternRegression.passed(results)) {
            System.out.println("PASS: every verified pattern's question still gets its rows.");
        } else {
            System.out.println("FAIL: " + PatternRegression.failures(results)
                    + " (GOLD_FAILED: the pattern's own SQL no longer runs). Results: " + out.toAbsolutePath());
            System.exit(1);
        }
    }

    /**
     * The stand-in model {@code --model} names, or null for {@code none} and {@code environment}
     * (whatever {@code QUERENT_LLM_*} configures). {@code oracle} answers every question with its
     * first gold query.
     */
    static StandInModel standIn(String model, List<Question> questions) throws java.io.IOException {
        return switch (model) {
            case "environment", "none" -> null;
            case "oracle" -> {
                Map<String, String> gold = new java.util.HashMap<>();
                questions.forEach(q -> gold.putIfAbsent(q.question(), q.gold().getFirst()));
                yield new StandInModel("querent-eval-oracle", q -> java.util.Optional.ofNullable(gold.get(q)));
            }
            case "perturbing" -> {
                Map<String, Question> byText = new java.util.HashMap<>();
                questions.forEach(q -> byText.putIfAbsent(q.question(), q));
                yield new StandInModel(
                        "querent-eval-perturbing",
                        text -> java.util.Optional.ofNullable(byText.get(text)).map(EvalCommand::perturbedOrGold));
            }
            default ->
                throw new IllegalArgumentException(
                        "--model is environment (default), none, oracle or perturbing, not " + model);
        };
    }

    /**
     * Per source, the highest confidence its model can give any answer, and whether that stays below
     * the precision target (then none of its answers is ever trusted, whatever its signals).
     */
    static String ceilings(ConfidenceModel model, double target) {
        StringBuilder md = new StringBuilder("\nHighest confidence each source's model can give an answer:");
        model.ceilings().forEach((source, c) -> {
            md.append(String.format(
                    java.util.Locale.ROOT,
                    " %s %.3f%s;",
                    source,
                    c,
                    c < target ? " (below the target: none of its answers can be trusted)" : ""));
        });
        md.setLength(md.length() - 1);
        return md.append(".\n").toString();
    }

    /**
     * {@code --fit "A.json B.json …" [--out DIR] [--target P]}: fits the confidence model on the dev
     * half of the pooled results, reports it on the test half, writes {@code calibration.json},
     * {@code calibration.md} and {@code precision-coverage.svg}.
     */
    private static void fit(Map<String, String> opts) throws Exception {
        List<Result> pooled = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String f : opts.get("fit").trim().split("\\s+")) {
            pooled.addAll(read(Path.of(f)));
            names.add(f);
        }
        double target = Double.parseDouble(opts.getOrDefault("target", "0.9"));
        Path out = Path.of(opts.getOrDefault("out", ".data/eval/calibration"));
        List<CalibrationFit.Row> rows = CalibrationFit.rows(pooled);
        // Routing evidence only from the configured model's own run: a stand-in is not that model.
        List<CalibrationFit.Row> routing = new ArrayList<>();
        if (opts.containsKey("routing-model")) {
            rows.stream().filter(r -> r.source().equals("RULES")).forEach(routing::add);
            CalibrationFit.rows(read(Path.of(opts.get("routing-model")))).stream()
                    .filter(r -> r.source().equals("LLM"))
                    .forEach(routing::add);
        }
        List<String> fittedOn = new ArrayList<>();
        Map<String, List<CalibrationFit.Row>> elsewhere = fittedElsewhere(opts, pooled, fittedOn);
        Map<String, SourceModel> kept = keptSources(opts, fittedOn);
        fittedOn.add((fittedOn.isEmpty() ? "" : "other sources: ") + "dev half of " + String.join(", ", names));
        var calibration = CalibrationFit.fit(rows, String.join("; ", fittedOn), routing, elsewhere, kept);
        var model = new ConfidenceModel(calibration);
        int testQuestions = (int) pooled.stream()
                .filter(r -> "test".equals(r.split()) && !r.match().equals("GOLD_FAILED"))
                .count();
        List<CalibrationFit.Scored> test = CalibrationFit.score(rows, model, "test");
        List<CalibrationFit.Scored> dev = CalibrationFit.score(rows, model, "dev");
        StringBuilder md = new StringBuilder("# Confidence calibration\n\n");
        md.append("Fitted on the dev half (")
                .append(dev.size())
                .append(" answers), reported on the test half (")
                .append(test.size())
                .append(" answers of ")
                .append(testQuestions)
                .append(" questions) of: ")
                .append(String.join(", ", names))
                .append(
                        "\n\n| half | source | answers | ECE | precision ≥ target | trusted coverage |\n|---|---|---|---|---|---|\n");
        for (var half : List.of(Map.entry("test", test), Map.entry("dev", dev))) {
            Map<String, List<CalibrationFit.Scored>> bySource = new java.util.TreeMap<>();
            bySource.put("all", half.getValue());
            half.getValue().forEach(s -> bySource.computeIfAbsent(s.source(), k -> new ArrayList<>())
                    .add(s));
            bySource.forEach((source, ss) -> {
                double[] at = CalibrationFit.atTarget(ss, Math.max(1, ss.size()), target);
                md.append(String.format(
                        java.util.Locale.ROOT,
                        "| %s | %s | %d | %.3f | %s | %.0f of %d answers |%n",
                        half.getKey(),
                        source,
                        ss.size(),
                        CalibrationFit.ece(ss),
                        Double.isNaN(at[0]) ? "–" : String.format(java.util.Locale.ROOT, "%.3f", at[0]),
                        at[2],
                        ss.size()));
            });
        }
        double[] overall = CalibrationFit.atTarget(test, Math.max(1, testQuestions), target);
        md.append(String.format(
                java.util.Locale.ROOT,
                "%nAt precision target %.2f on the test half: %.0f trusted answers, precision %.3f, coverage %.1f %% of"
                        + " the questions.%n%nRules preferred over the model for shapes: %s%n",
                target,
                overall[2],
                overall[0],
                100 * overall[1],
                calibration.rulesPreferred()));
        md.append(ceilings(model, target));
        Files.createDirectories(out);
        Files.writeString(out.resolve("calibration.json"), JSON.writeValueAsString(calibration));
        Files.writeString(out.resolve("calibration.md"), md.toString());
        Files.writeString(
                out.resolve("precision-coverage.svg"),
                CalibrationFit.svg(
                        CalibrationFit.curve(test, Math.max(1, testQuestions)),
                        "Precision–coverage, test half, pooled runs"));
        System.out.println(md);
        System.out.println("calibration: " + out.toAbsolutePath());
    }

    /**
     * {@code --fit-source SOURCE=RUN[,RUN…] …}: the answers each source is fitted on instead of the dev
     * half — a source tuned on the dev half is over-confident on the other, so it is fitted on runs
     * over questions it was never tuned on, never on a question of the pooled runs' test half.
     */
    private static Map<String, List<CalibrationFit.Row>> fittedElsewhere(
            Map<String, String> opts, List<Result> pooled, List<String> fittedOn) throws Exception {
        Set<String> reported = new HashSet<>();
        pooled.stream().filter(r -> "test".equals(r.split())).forEach(r -> reported.add(r.db() + "\0" + r.question()));
        Map<String, List<CalibrationFit.Row>> elsewhere = new LinkedHashMap<>();
        for (String spec : opts.getOrDefault("fit-source", "").trim().split("\\s+")) {
            if (spec.isEmpty()) {
                continue;
            }
            String[] parts = spec.split("=", 2);
            if (parts.length != 2 || parts[1].isBlank()) {
                throw new IllegalArgumentException("--fit-source is SOURCE=RUN[,RUN…], e.g. RULES=unseen/results.json");
            }
            List<Result> runs = new ArrayList<>();
            for (String f : parts[1].split(",")) {
                runs.addAll(read(Path.of(f)));
            }
            runs.removeIf(r -> reported.contains(r.db() + "\0" + r.question()));
            elsewhere.put(parts[0], CalibrationFit.rows(runs));
            fittedOn.add(
                    parts[0] + ": every answer of " + parts[1].replace(",", ", ") + " (no question of the test half)");
        }
        return elsewhere;
    }

    /**
     * {@code --keep-source SOURCE,…}: sources whose model is kept from the calibration the product
     * runs with ({@code QUERENT_CALIBRATION_FILE} when set, else the shipped one) instead of refitted.
     */
    private static Map<String, SourceModel> keptSources(Map<String, String> opts, List<String> fittedOn) {
        Map<String, SourceModel> kept = new LinkedHashMap<>();
        String wanted = opts.getOrDefault("keep-source", "");
        if (wanted.isBlank()) {
            return kept;
        }
        var current = ConfidenceModel.loadOrShipped(System.getenv("QUERENT_CALIBRATION_FILE"))
                .calibration();
        for (String name : wanted.split(",")) {
            String source = name.strip();
            if (source.isEmpty()) {
                continue;
            }
            SourceModel m = current.sources().get(source);
            if (m == null) {
                throw new IllegalArgumentException(
                        "--keep-source " + source + ": the current calibration has no such source; it has "
                                + current.sources().keySet());
            }
            kept.put(source, m);
            fittedOn.add(source + ": kept from the current calibration (" + current.fittedOn() + ")");
        }
        return kept;
    }

    private static final JsonMapper LINES = JsonMapper.builder().build();

    private static List<Result> readJournal(Path journal) throws java.io.IOException {
        if (!Files.exists(journal)) {
            return List.of();
        }
        List<Result> rs = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            if (!line.isBlank()) {
                try {
                    rs.add(LINES.readValue(line, Result.class));
                } catch (RuntimeException e) {
                    // A line cut short by an interrupted run: that question runs again.
                }
            }
        }
        return rs;
    }

    private static synchronized void append(Path journal, Result r) {
        try {
            Files.writeString(
                    journal,
                    LINES.writeValueAsString(r) + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A one-line progress bar on a terminal; one line per question otherwise. */
    static final class Progress {
        private final int total;
        private final boolean terminal = System.console() != null;
        private final long started = System.nanoTime();
        private int seen;
        private int exact;
        private int answered;
        private final int resumed;

        Progress(int total, List<Result> already) {
            this.total = total;
            this.resumed = already.size();
            already.forEach(this::count);
        }

        private void count(Result r) {
            seen++;
            exact += r.match().equals("EXACT") ? 1 : 0;
            answered += r.match().equals("UNANSWERED") || r.match().equals("GOLD_FAILED") ? 0 : 1;
        }

        synchronized void update(Result r) {
            count(r);
            if (!terminal) {
                System.out.printf("[%d/%d] %-11s %s%n", seen, total, r.match(), r.question());
                return;
            }
            int width = 30;
            int filled = total == 0 ? width : seen * width / total;
            double secs = (System.nanoTime() - started) / 1e9;
            int fresh = seen - resumed;
            long eta = fresh == 0 ? 0 : Math.round(secs / fresh * (total - seen));
            System.out.printf(
                    "\r[%s%s] %d/%d  answered %d  exact %d  eta %ds   ",
                    "#".repeat(filled), ".".repeat(width - filled), seen, total, answered, exact, eta);
            System.out.flush();
        }

        void finish() {
            if (terminal) {
                System.out.println();
            }
        }
    }

    private static List<Result> read(Path path) throws Exception {
        Path file = resultsFile(path);
        try {
            return JSON.readValue(Files.readString(file), new TypeReference<List<Result>>() {});
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not the results.json of a querent eval run");
        }
    }

    /** A run's results: the file itself, or {@code results.json} in a run's output directory. */
    static Path resultsFile(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("results.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no eval results at " + path + " (give a run's --out directory or its results.json)");
        }
        return file;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a
                        + "; usage: querent eval [--set CSV] [--databases DIR] [--db NAME] [--split dev|test] [--limit N] [--out DIR]"
                        + " [--concurrency N]"
                        + " [--model environment|none|oracle|perturbing]"
                        + " [--engine sqlite|postgresql|mariadb [--engine-url JDBC_URL] [--engine-user U]"
                        + " [--engine-password P]]"
                        + " | querent eval --patterns DATA_DIR [--source NAME]"
                        + " | querent eval --fit A.json B.json … [--routing-model M.json]"
                        + " [--fit-source SOURCE=RUN,…] [--keep-source SOURCE,…] [--out DIR] [--target P]"
                        + " | querent eval --compare A B (run directories or their results.json)"
                        + " | querent eval --validator [--sets spider,bird,defog] [--split dev|test] [--out DIR]");
            }
            String key = a.substring(2);
            if (key.equals("fit")) {
                StringBuilder files = new StringBuilder();
                while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    files.append(args[++i]).append(' ');
                }
                opts.put(key, files.toString().trim());
            } else if (key.equals("compare")) {
                if (i + 2 >= args.length) {
                    throw new IllegalArgumentException("--compare needs two runs: --compare BEFORE AFTER");
                }
                opts.put(key, args[i + 1] + " " + args[i + 2]);
                i += 2;
            } else if (key.equals("validator")) {
                opts.put(key, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
                opts.put(key, args[++i]);
            }
        }
        return opts;
    }
}
