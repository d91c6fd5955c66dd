package dev.querent.agents;

/** Who wrote the SQL: a verified knowledge-base pattern, the offline rule-based generator, or an LLM. */
public enum AnswerSource {
    PATTERN,
    RULES,
    LLM
}
