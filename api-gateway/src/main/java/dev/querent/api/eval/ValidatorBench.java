package dev.querent.api.eval;

import dev.querent.agents.validation.ValidatorAgent;
import dev.querent.api.config.QuerentConfiguration;
import dev.querent.api.eval.Perturber.Perturbation;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.SourcePolicy;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.bench.BenchQuestions;
import dev.querent.core.bench.BenchQuestions.BenchQuestion;
import dev.querent.core.bench.BenchSchemas;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import dev.querent.semantics.Agreement;
import dev.querent.semantics.AgreementScorer;
import dev.querent.semantics.Concept;
import dev.querent.semantics.DefinedTerms;
import dev.querent.semantics.SqlBackTranslator;
import dev.querent.semantics.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code querent eval --validator [--sets spider,bird,defog] [--split dev|test] [--out DIR]}: how
 * well the Validator's meaning check tells right SQL from wrong SQL, without a model or a database.
 * Every gold query is checked against its question (it should agree), and so is every wrong variant
 * {@link Perturber} makes of it (each should be flagged). Reports, per set and per kind of mistake,
 * the false-flag rate on gold, the catch rate on wrong SQL and the AUC of the agreement score.
 */
public final class ValidatorBench {
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The label of gold rows; wrong rows carry their perturbation kind. */
    static final String GOLD = "gold";

    /**
     * One checked query.
     *
     * @param kind {@link #GOLD} or a {@link Perturber} kind
     * @param picked whether this is the one variant {@link Perturber#pick} chose for its gold query
     *     (the balanced set, one wrong per right, the headline figures use)
     * @param described false when the SQL could not be back-translated
     * @param sqlConcepts what the back-translation found in the SQL, to see why a row was (not) flagged
     */
    public record Row(
            String set,
            String db,
            String split,
            String question,
            String kind,
            boolean picked,
            String sql,
            boolean described,
            double score,
            Verdict verdict,
            List<Concept> missing,
            List<Concept> extra,
            List<Concept> sqlConcepts) {
        boolean flagged() {
            return verdict != Verdict.AGREES;
        }

        boolean gold() {
            return GOLD.equals(kind);
        }
    }

    /**
     * A gold question of one set with the schema it runs on.
     *
     * @param instructions what the set asks with the question (defog's {@code instructions}), "" when
     *     nothing: the check reads them as the product does, its defined terms and its hints
     */
    record Case(
            String set,
            String db,
            String question,
            String instructions,
            String sql,
            Dialect dialect,
            SchemaSnapshot schema) {}

    private final ValidatorAgent validator;

    ValidatorBench() {
        // The guard is not used by the meaning check; the agent is built exactly as the application builds it.
        this.validator = new ValidatorAgent(
                new SqlGuard(GuardPolicy.defaults()), new SqlBackTranslator(), new AgreementScorer());
    }

    static void main(Map<String, String> opts) throws Exception {
        Path bench = Path.of(System.getenv().getOrDefault("QUERENT_BENCH_DIR", "../shared/bench"));
        List<String> sets =
                List.of(opts.getOrDefault("sets", "spider,bird,defog").split(","));
        String split = opts.get("split");
        if (split != null && !split.equals("dev") && !split.equals("test")) {
            throw new IllegalArgumentException("--split is dev or test");
        }
        Path out = Path.of(opts.getOrDefault("out", ".data/eval/validator"));
        List<Case> cases = new ArrayList<>();
        for (String set : sets) {
            cases.addAll(cases(bench, set.strip()));
        }
        if (split != null) {
            cases.removeIf(c -> !QuestionSet.split(c.db(), c.question()).equals(split));
        }
        List<Row> rows = new ValidatorBench().run(cases);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(rows));
        String title = "Validator perturbation benchmark: " + String.join(", ", sets) + " ("
                + (split == null ? "all questions" : split + " half") + ")";
        String md = markdown(title, rows);
        Files.writeString(out.resolve("summary.md"), md);
        System.out.println(md);
        System.out.println("results: " + out.toAbsolutePath());
    }

    static List<Case> cases(Path bench, String set) {
        return switch (set) {
            case "spider" -> {
                Map<String, SchemaSnapshot> schemas =
                        BenchSchemas.load(bench.resolve(BenchSchemas.SPIDER_TABLES), Dialect.SQLITE);
                yield BenchQuestions.spider(bench.resolve(BenchQuestions.SPIDER_DEV)).stream()
                        .map(q -> new Case(set, q.db(), q.question(), "", q.sql(), Dialect.SQLITE, schemas.get(q.db())))
                        .toList();
            }
            case "bird" -> {
                Map<String, SchemaSnapshot> schemas =
                        BenchSchemas.load(bench.resolve(BenchSchemas.BIRD_TABLES), Dialect.SQLITE);
                yield BenchQuestions.bird(bench.resolve(BenchQuestions.BIRD_SQLITE)).stream()
                        .map(q -> new Case(
                                set, q.db(), birdQuestion(q), "", q.sql(), Dialect.SQLITE, schemas.get(q.db())))
                        .toList();
            }
            case "defog" -> defogCases(bench);
            default -> throw new IllegalArgumentException("--sets takes spider, bird and defog, not " + set);
        };
    }

    /** BIRD pairs each question with evidence (definitions the asker supplies); the model and the check see both. */
    private static String birdQuestion(BenchQuestion q) {
        return q.evidence().isEmpty() ? q.question() : q.question() + " " + q.evidence();
    }

    /** Defog's SQLite questions, with each database's schema introspected as a data source would be. */
    private static List<Case> defogCases(Path bench) {
        Path csv = bench.resolve("defog/questions/questions_gen_sqlite.csv");
        Path dir = bench.resolve("defog/sqlite");
        List<QuestionSet.Question> questions;
        try {
            questions = QuestionSet.read(csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, SchemaSnapshot> schemas = new HashMap<>();
        List<Case> out = new ArrayList<>();
        for (QuestionSet.Question q : questions) {
            Path file = dir.resolve(q.db() + ".sqlite");
            if (!Files.isRegularFile(file) || q.gold().isEmpty()) {
                continue;
            }
            SchemaSnapshot schema = schemas.computeIfAbsent(q.db(), db -> introspect(file));
            out.add(new Case(
                    "defog", q.db(), q.question(), q.instructions(), q.gold().getFirst(), Dialect.SQLITE, schema));
        }
        return out;
    }

    /** The schema a SQLite data source over {@code file} would report, sample values included. */
    private static SchemaSnapshot introspect(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        ConnectorRegistry registry = QuerentConfiguration.connectors(SourcePolicy.allowingFilesIn(dir));
        DataSourceConfig config = new DataSourceConfig(
                DataSourceId.random(),
                "sqlite",
                file.getFileName().toString(),
                Map.of("path", file.toAbsolutePath().normalize().toString()),
                Map.of());
        try (DataSourceInterface source = registry.open(config)) {
            return source.getSchema();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the schema of " + file, e);
        }
    }

    List<Row> run(List<Case> cases) {
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            String split = QuestionSet.split(c.db(), c.question());
            String asked = DefinedTerms.expanded(c.question(), c.instructions()); // once for every variant
            rows.add(check(c, asked, split, GOLD, false, c.sql()));
            long seed = (c.db() + "\u0000" + c.question()).hashCode();
            Perturbation picked =
                    Perturber.pick(c.sql(), c.dialect(), c.schema(), seed).orElse(null);
            for (Perturbation p : Perturber.all(c.sql(), c.dialect(), c.schema())) {
                rows.add(check(c, asked, split, p.kind(), p.equals(picked), p.sql()));
            }
        }
        return rows;
    }

    private Row check(Case c, String asked, String split, String kind, boolean picked, String sql) {
        ValidatorAgent.Meaning m = validator.meaning(asked, c.instructions(), sql, c.schema());
        Agreement a = m.agreement();
        return new Row(
                c.set(),
                c.db(),
                split,
                c.question(),
                kind,
                picked,
                sql,
                m.translation().described(),
                a.score(),
                a.verdict(),
                a.missingFromSql(),
                a.extraInSql(),
                List.copyOf(m.translation().concepts()));
    }

    /** The figures of one group of rows. */
    record Figures(int gold, int goldFlagged, int goldUndescribed, int wrong, int wrongFlagged, double auc) {
        static Figures of(List<Row> rows, Predicate<Row> wrongRows) {
            List<Row> gold = rows.stream().filter(Row::gold).toList();
            List<Row> wrong =
                    rows.stream().filter(r -> !r.gold()).filter(wrongRows).toList();
            return new Figures(
                    gold.size(),
                    (int) gold.stream().filter(Row::flagged).count(),
                    (int) gold.stream().filter(r -> !r.described()).count(),
                    wrong.size(),
                    (int) wrong.stream().filter(Row::flagged).count(),
                    ValidatorBench.auc(gold, wrong));
        }
    }

    /** Probability that a gold query scores above a wrong one (ties count half); NaN when either side is empty. */
    static double auc(List<Row> positives, List<Row> negatives) {
        if (positives.isEmpty() || negatives.isEmpty()) {
            return Double.NaN;
        }
        List<double[]> all = new ArrayList<>();
        positives.forEach(r -> all.add(new double[] {r.score(), 1}));
        negatives.forEach(r -> all.add(new double[] {r.score(), 0}));
        all.sort(Comparator.comparingDouble(x -> x[0]));
        double rankSum = 0;
        int i = 0;
        while (i < all.size()) {
            int j = i;
            while (j < all.size() && all.get(j)[0] == all.get(i)[0]) {
                j++;
            }
            double midRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (all.get(k)[1] == 1) {
                    rankSum += midRank;
                }
            }
            i = j;
        }
        double p = positives.size();
        double n = negatives.size();
        return (rankSum - p * (p + 1) / 2) / (p * n);
    }

    static String markdown(String title, List<Row> rows) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("Gold = the benchmark's SQL for the question (should agree); wrong = a perturbed variant "
                + "(should be flagged). Flagged = verdict not AGREES. AUC: the agreement score ranks gold above "
                + "wrong (1 = always, 0.5 = chance). \"picked\" = one variant per gold query (balanced, the "
                + "headline); \"all\" = every variant.\n\n");
        Map<String, List<Row>> bySet = new TreeMap<>();
        rows.forEach(r -> bySet.computeIfAbsent(r.set(), k -> new ArrayList<>()).add(r));
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        groups.put("all sets", rows);
        groups.putAll(bySet);

        md.append("## By set\n\n| set | gold | gold flagged (false alarms) | gold undescribed | wrong (picked) "
                + "| caught (picked) | AUC (picked) | wrong (all) | caught (all) | AUC (all) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            Figures picked = Figures.of(g.getValue(), Row::picked);
            Figures all = Figures.of(g.getValue(), r -> true);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %d | %d | %s | %s | %d | %s | %s |%n",
                    g.getKey(),
                    picked.gold(),
                    pct(picked.goldFlagged(), picked.gold()),
                    picked.goldUndescribed(),
                    picked.wrong(),
                    pct(picked.wrongFlagged(), picked.wrong()),
                    num(picked.auc()),
                    all.wrong(),
                    pct(all.wrongFlagged(), all.wrong()),
                    num(all.auc())));
        }
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            md.append("\n## By kind of mistake: ")
                    .append(g.getKey())
                    .append("\n\n| kind | wrong | caught | AUC vs gold |\n|---|---|---|---|\n");
            for (String kind : Perturber.KINDS) {
                Figures f = Figures.of(g.getValue(), r -> r.kind().equals(kind));
                if (f.wrong() == 0) {
                    continue;
                }
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %s | %s |%n",
                        kind,
                        f.wrong(),
                        pct(f.wrongFlagged(), f.wrong()),
                        num(f.auc())));
            }
        }
        return md.toString();
    }

    private static String pct(int k, int n) {
        return n == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * k / n);
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.3f", x);
    }
}
