package dev.querent.llm;

import java.util.Objects;

/** A solved question shown to the model before the real one, e.g. a verified query from the knowledge base. */
public record FewShotExample(String question, String sql) {
    public FewShotExample {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(sql, "sql");
    }
}
