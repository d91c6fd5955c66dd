package dev.querent.llm;

/** The prompt format the served model was trained on. */
public enum PromptStyle {
    /**
     * Arctic-Text2SQL-R1's own format: engine, schema, question, instructions, reasoning in {@code
     * <think>} and the SQL in {@code <answer>}, with the assistant turn pre-filled to open the
     * reasoning.
     */
    ARCTIC,
    /** A compact format for general instruct models: the SQL alone in one code block, no prefill. */
    PLAIN
}
