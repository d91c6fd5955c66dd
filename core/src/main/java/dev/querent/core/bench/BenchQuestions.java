package dev.querent.core.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The question files of Spider ({@code spider/dev.json}) and BIRD mini-dev ({@code mini_dev_sqlite.json}). */
public final class BenchQuestions {
    public static final String SPIDER_DEV = "spider/dev.json";
    public static final String BIRD_SQLITE = "bird_minidev/mini_dev_sqlite.json";

    /**
     * One question with its gold SQL.
     *
     * @param evidence BIRD's hint that goes with the question (a definition or formula); empty for Spider
     */
    public record BenchQuestion(String db, String question, String evidence, String sql) {}

    private BenchQuestions() {}

    /** Spider's {@code question}, {@code query} and {@code db_id}, in file order. */
    public static List<BenchQuestion> spider(Path devJson) {
        return read(devJson, "query", null);
    }

    /** BIRD's {@code question}, {@code evidence}, {@code SQL} and {@code db_id}, in file order. */
    public static List<BenchQuestion> bird(Path miniDevJson) {
        return read(miniDevJson, "SQL", "evidence");
    }

    private static List<BenchQuestion> read(Path file, String sqlField, String evidenceField) {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<BenchQuestion> out = new ArrayList<>();
        for (JsonNode q : root) {
            String evidence = evidenceField == null || !q.hasNonNull(evidenceField)
                    ? ""
                    : q.get(evidenceField).asString().strip();
            out.add(new BenchQuestion(
                    q.get("db_id").asString(),
                    q.get("question").asString().strip(),
                    evidence,
                    q.get(sqlField).asString().strip()));
        }
        return out;
    }
}
