package dev.querent.api.eval;

import dev.querent.core.bench.Csv;
import dev.querent.core.bench.DefogQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A defog-format question set: CSV with {@code db_name, query_category, query, question} and an
 * optional {@code instructions} column.
 */
public final class QuestionSet {
    /**
     * @param gold the acceptable gold queries ({@code ;}-separated in the file, {@code {a, b}} expanded)
     * @param instructions how to answer, asked with the question; "" when the set has none for it
     */
    public record Question(
            int index, String db, String category, String question, List<String> gold, String instructions) {
        public Question {
            instructions = instructions == null ? "" : instructions.strip();
        }

        public Question(int index, String db, String category, String question, List<String> gold) {
            this(index, db, category, question, gold, "");
        }
    }

    /**
     * The half of a set a question belongs to: {@code dev} (tune and fit on it) or {@code test}
     * (report on it). Fixed by a hash of database and question text, so it does not depend on the
     * file's order and never changes between runs.
     */
    public static String split(Question q) {
        return split(q.db(), q.question());
    }

    /** The half of any benchmark's question, by the same hash as {@link #split(Question)}. */
    public static String split(String db, String question) {
        byte[] h = sha256(db + "\u0000" + question);
        return (h[0] & 1) == 0 ? "dev" : "test";
    }

    /** The SHA-256 of database and question text: stable choices per question (split, perturbation). */
    static byte[] hash(Question q) {
        return sha256(q.db() + "\u0000" + q.question());
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private QuestionSet() {}

    /** A defog CSV, or a Spider/BIRD JSON list ({@code .json}). */
    public static List<Question> read(Path csv) throws IOException {
        if (csv.getFileName().toString().endsWith(".json")) {
            return JsonQuestionSets.read(csv);
        }
        List<Map<String, String>> rows = Csv.readWithHeader(Files.readString(csv));
        if (!rows.isEmpty()) {
            for (String needed : List.of("db_name", "query", "question")) {
                if (!rows.getFirst().containsKey(needed)) {
                    throw new IOException(csv + " has no column " + needed);
                }
            }
        }
        List<Question> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> row = rows.get(r);
            out.add(new Question(
                    r + 1,
                    row.get("db_name").strip(),
                    row.getOrDefault("query_category", "").strip(),
                    row.get("question").strip(),
                    DefogQueries.expand(row.get("query")),
                    row.getOrDefault("instructions", "")));
        }
        return out;
    }
}
