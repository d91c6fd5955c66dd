package dev.querent.agents.bench;

import dev.querent.agents.planner.PlannerAgent;
import dev.querent.core.DataSourceId;
import dev.querent.core.testing.BenchDir;
import dev.querent.knowledge.KnowledgeIndex.PatternHit;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.index.VectorKnowledgeIndex;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import dev.querent.semantics.Example;
import dev.querent.semantics.PatternMatch;
import dev.querent.semantics.PatternMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * How safely verified patterns answer new questions, on Spider dev. Per database, each question is
 * asked with every OTHER dev question of that database as a verified pattern (its gold SQL as the
 * pattern's SQL), and the planner's pattern decision runs as in {@link PlannerAgent}: first {@link
 * PatternMatcher#match} (word alignment, literals substituted); when that finds nothing, the three
 * nearest patterns by embedding ({@link VectorKnowledgeIndex} over a temp-dir {@link LuceneVectorStore}
 * with the offline BGE-small model), each scoring at least the paraphrase threshold tried in order
 * with {@link PatternMatcher#adaptParaphrase}.
 *
 * <p>An answer is correct when the adapted SQL equals the question's gold SQL after normalisation
 * (whitespace collapsed, lower case outside string literals, trailing semicolon dropped), wrong
 * otherwise. Text comparison undercounts: an equivalent query written differently counts as wrong,
 * and so does a literal substitution that lands on a differently written literal. Recall is correct
 * answers over the questions that have a twin (another question of the database with the same
 * normalised gold SQL); a substituted literal can make a question without a twin correct too.
 *
 * <p>The paraphrase threshold is swept over the same search results (each question is embedded
 * once). System property {@code bench.examples}: how many wrong answers of each path to print (10).
 */
public final class PatternReuseBenchmark {
    private static final double[] THRESHOLDS = {0.80, 0.85, 0.88, 0.90, 0.92};

    /** As many nearest patterns as the planner tries (its {@code PARAPHRASE_CANDIDATES}). */
    private static final int CANDIDATES = 3;

    private record Question(int id, String db, String text, String sql, String normalized, boolean twin) {
        String patternId() {
            return "spider-dev-" + id;
        }
    }

    /** A nearest pattern with its cosine score and, when its literals adapt, the adapted SQL. */
    private record Candidate(QueryPattern pattern, double score, PatternMatch adapted) {}

    /** What the planner answered a question with: the pattern, by which path, and the adapted SQL. */
    private record Answer(Question question, String path, PatternMatch match, double score) {
        boolean correct() {
            return normalize(match.adaptedSql()).equals(question.normalized());
        }
    }

    private PatternReuseBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path bench = BenchDir.locate().orElseThrow(() -> new IllegalStateException("set -D" + BenchDir.PROPERTY));
        int examples = Integer.getInteger("bench.examples", 10);
        long start = System.nanoTime();

        List<Question> questions = spiderDev(bench.resolve("spider/dev.json"));
        Map<String, List<QueryPattern>> patternsByDb = new LinkedHashMap<>();
        for (Question q : questions) {
            patternsByDb.computeIfAbsent(q.db(), db -> new ArrayList<>()).add(pattern(q));
        }
        Map<String, QueryPattern> patternsById = new LinkedHashMap<>();
        patternsByDb.values().forEach(ps -> ps.forEach(p -> patternsById.put(p.id(), p)));
        long twins = questions.stream().filter(Question::twin).count();
        System.out.printf(
                Locale.ROOT,
                "Spider dev: %d questions in %d databases; %d have a twin (same normalised gold SQL)%n",
                questions.size(),
                patternsByDb.size(),
                twins);

        PatternMatcher matcher = new PatternMatcher();
        List<Answer> aligned = new ArrayList<>();
        List<Question> unaligned = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Question q : questions) {
            List<Example> others = patternsByDb.get(q.db()).stream()
                    .filter(p -> !p.id().equals(q.patternId()))
                    .map(p -> new Example(p.question(), p.sql()))
                    .toList();
            Optional<PatternMatch> m = matcher.match(q.text(), others);
            if (m.isPresent()) {
                aligned.add(new Answer(q, "alignment", m.get(), m.get().similarity()));
            } else {
                unaligned.add(q);
            }
        }
        double alignSeconds = (System.nanoTime() - t0) / 1e9;

        Map<Question, List<Candidate>> candidates = new LinkedHashMap<>();
        double indexSeconds;
        double searchSeconds;
        OnnxEmbeddingModel model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
        model.embed("warm up");
        Path dir = Files.createTempDirectory("querent-pattern-bench");
        try (LuceneVectorStore store = LuceneVectorStore.builder(dir, model).build()) {
            VectorKnowledgeIndex index = new VectorKnowledgeIndex(store, model.modelId());
            long t1 = System.nanoTime();
            index.indexPatterns(List.copyOf(patternsById.values()));
            indexSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            for (Question q : unaligned) {
                // One more than the planner asks for: the question's own pattern is in the index.
                List<Candidate> nearest = new ArrayList<>();
                for (PatternHit hit : index.similarPatterns(q.text(), DataSourceId.of(q.db()), CANDIDATES + 1)) {
                    if (hit.patternId().equals(q.patternId()) || nearest.size() == CANDIDATES) {
                        continue;
                    }
                    QueryPattern p = patternsById.get(hit.patternId());
                    nearest.add(new Candidate(
                            p,
                            hit.score(),
                            matcher.adaptParaphrase(q.text(), new Example(p.question(), p.sql()), hit.score())
                                    .orElse(null)));
                }
                candidates.put(q, nearest);
            }
            searchSeconds = (System.nanoTime() - t2) / 1e9;
        } finally {
            deleteRecursively(dir);
        }

        System.out.printf(
                Locale.ROOT,
                "time: alignment %.1f s; index %d patterns %.1f s; embedding search + adaptation of %d questions"
                        + " %.1f s; whole run %.1f s%n",
                alignSeconds,
                patternsById.size(),
                indexSeconds,
                unaligned.size(),
                searchSeconds,
                (System.nanoTime() - start) / 1e9);
        System.out.println("correct = adapted SQL equals the gold SQL as text after normalisation; equivalent SQL"
                + " written differently (and literal substitutions that do not reproduce the gold text) count as"
                + " wrong.");

        double threshold = PlannerAgent.DEFAULT_PARAPHRASE_THRESHOLD;
        List<Answer> paraphrased = paraphrase(candidates, threshold);
        System.out.printf(Locale.ROOT, "%nat the default paraphrase threshold %.2f:%n", threshold);
        System.out.printf(
                Locale.ROOT,
                "  %-11s %8s %8s %6s %10s %8s%n",
                "path",
                "answered",
                "correct",
                "wrong",
                "precision",
                "recall");
        printRow("alignment", aligned, twins);
        printRow("paraphrase", paraphrased, twins);
        printRow(
                "overall", Stream.concat(aligned.stream(), paraphrased.stream()).toList(), twins);
        System.out.printf(
                Locale.ROOT,
                "  no pattern used: %d of %d; correct answers to questions without a twin: %d%n",
                questions.size() - aligned.size() - paraphrased.size(),
                questions.size(),
                Stream.concat(aligned.stream(), paraphrased.stream())
                        .filter(a -> a.correct() && !a.question().twin())
                        .count());

        System.out.printf(
                Locale.ROOT,
                "%nparaphrase threshold sweep (%d questions reach the paraphrase path; alignment answers fixed):%n",
                unaligned.size());
        System.out.printf(
                Locale.ROOT,
                "  %-9s %8s %8s %6s %10s %9s | overall %8s %6s %10s %8s%n",
                "threshold",
                "answered",
                "correct",
                "wrong",
                "precision",
                "refused",
                "correct",
                "wrong",
                "precision",
                "recall");
        for (double t : THRESHOLDS) {
            List<Answer> p = paraphrase(candidates, t);
            List<Answer> all = Stream.concat(aligned.stream(), p.stream()).toList();
            long refused = candidates.values().stream()
                            .filter(cs -> !cs.isEmpty() && cs.getFirst().score() >= t)
                            .count()
                    - p.size();
            System.out.printf(
                    Locale.ROOT,
                    "  %-9.2f %8d %8d %6d %10s %9d | overall %8d %6d %10s %8s%n",
                    t,
                    p.size(),
                    correct(p),
                    p.size() - correct(p),
                    percent(correct(p), p.size()),
                    refused,
                    correct(all),
                    all.size() - correct(all),
                    percent(correct(all), all.size()),
                    percent(correct(all), twins));
        }
        System.out.println("  refused = a pattern scored at least the threshold but none adapted to the question");

        printWrong("paraphrase", paraphrased, examples);
        printWrong("alignment", aligned, examples);
    }

    /** The planner's paraphrase step at a threshold: the first candidate at or above it that adapts. */
    private static List<Answer> paraphrase(Map<Question, List<Candidate>> candidates, double threshold) {
        List<Answer> out = new ArrayList<>();
        candidates.forEach((q, nearest) -> {
            for (Candidate c : nearest) {
                if (c.score() < threshold) {
                    break;
                }
                if (c.adapted() != null) {
                    out.add(new Answer(q, "paraphrase", c.adapted(), c.score()));
                    break;
                }
            }
        });
        return out;
    }

    private static void printRow(String path, List<Answer> answers, long twins) {
        int correct = correct(answers);
        System.out.printf(
                Locale.ROOT,
                "  %-11s %8d %8d %6d %10s %8s%n",
                path,
                answers.size(),
                correct,
                answers.size() - correct,
                percent(correct, answers.size()),
                percent(correct, twins));
    }

    /** The wrong answers of a path, closest pattern first, with both SQLs to judge them by. */
    private static void printWrong(String path, List<Answer> answers, int limit) {
        List<Answer> wrong = answers.stream()
                .filter(a -> !a.correct())
                .sorted(Comparator.comparingDouble(Answer::score).reversed())
                .limit(limit)
                .toList();
        System.out.printf(
                Locale.ROOT,
                "%n%d most similar wrong %s answers (%s):%n",
                wrong.size(),
                path,
                path.equals("paraphrase") ? "cosine of the questions" : "similarity of the masked questions");
        for (Answer a : wrong) {
            System.out.printf(
                    Locale.ROOT,
                    "  [%.3f] %s%n    question: %s%n    pattern:  %s%n    used SQL: %s%n    gold SQL: %s%n%s",
                    a.score(),
                    a.question().db(),
                    a.question().text(),
                    a.match().example().question(),
                    a.match().adaptedSql(),
                    a.question().sql(),
                    a.match().substitutions().isEmpty()
                            ? ""
                            : "    substituted: " + a.match().substitutions() + "\n");
        }
    }

    private static List<Question> spiderDev(Path devJson) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (JsonNode q : new ObjectMapper().readTree(devJson.toFile())) {
            rows.add(new String[] {
                q.get("db_id").asString(),
                q.get("question").asString(),
                q.get("query").asString()
            });
        }
        Map<String, Integer> sqlCount = new LinkedHashMap<>();
        for (String[] r : rows) {
            sqlCount.merge(r[0] + "\u0000" + normalize(r[2]), 1, Integer::sum);
        }
        List<Question> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            String normalized = normalize(r[2]);
            out.add(new Question(i, r[0], r[1], r[2], normalized, sqlCount.get(r[0] + "\u0000" + normalized) > 1));
        }
        return out;
    }

    private static QueryPattern pattern(Question q) {
        return new QueryPattern(
                q.patternId(),
                DataSourceId.of(q.db()),
                q.text(),
                q.sql(),
                PatternStatus.VERIFIED,
                "bench",
                Instant.EPOCH,
                1,
                "spider-dev");
    }

    /** Whitespace collapsed, lower case outside string literals, no trailing semicolon. */
    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        char quote = 0;
        boolean space = false;
        for (char c : sql.strip().toCharArray()) {
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            }
            out.append(Character.toLowerCase(c));
        }
        String s = out.toString();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }

    private static int correct(List<Answer> answers) {
        return (int) answers.stream().filter(Answer::correct).count();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
