package dev.querent.api.eval;

import dev.querent.api.eval.QuestionSet.Question;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Question sets in the Spider and BIRD JSON formats: a list of objects with {@code db_id},
 * {@code question} and the gold SQL as {@code query} (Spider) or {@code SQL} (BIRD, with
 * {@code evidence} and {@code difficulty}). Spider's category is "spider"; BIRD's is its difficulty.
 * BIRD's evidence (a hint written for the question) becomes the turn's instructions, as a client
 * would send it.
 */
final class JsonQuestionSets {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonQuestionSets() {}

    static List<Question> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        if (!root.isArray()) {
            throw new IOException(file + " is not a JSON list of questions (Spider or BIRD format)");
        }
        List<Question> out = new ArrayList<>();
        int i = 0;
        for (JsonNode q : root) {
            i++;
            String db = text(q, "db_id");
            String question = text(q, "question");
            String sql = q.has("SQL") ? text(q, "SQL") : text(q, "query");
            if (db == null || question == null || sql == null) {
                throw new IOException(
                        file + ": entry " + i + " needs db_id, question and query (Spider) or SQL (BIRD)");
            }
            String category = q.has("difficulty") ? text(q, "difficulty") : "spider";
            out.add(new Question(i, db, category, question.strip(), List.of(sql.strip()), text(q, "evidence")));
        }
        return out;
    }

    /** The rules that judge a set: defog for CSV, BIRD when its entries carry {@code SQL}, else Spider. */
    static RowMatch.Rule rule(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".json")) {
            return RowMatch.Rule.DEFOG;
        }
        JsonNode root = JSON.readTree(Files.readString(file));
        return root.isArray() && !root.isEmpty() && root.get(0).has("SQL") ? RowMatch.Rule.BIRD : RowMatch.Rule.SPIDER;
    }

    /**
     * A database's SQLite file in {@code dir}: {@code <db>.sqlite}, or the Spider/BIRD layout
     * {@code <db>/<db>.sqlite}; the first when neither exists.
     */
    static Path sqliteFile(Path dir, String db) {
        Path flat = dir.resolve(db + ".sqlite");
        Path nested = dir.resolve(db).resolve(db + ".sqlite");
        return !Files.isRegularFile(flat) && Files.isRegularFile(nested) ? nested : flat;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
