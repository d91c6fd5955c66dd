package dev.querent.llm;

import java.util.Objects;

/**
 * One element of {@link LlmClient#stream}: a text delta, or the closing chunk with the token usage.
 *
 * @param text the delta; empty in the closing chunk
 * @param usage {@code null} except in the closing chunk
 */
public record LlmChunk(String text, TokenUsage usage) {
    public LlmChunk {
        Objects.requireNonNull(text, "text");
    }

    public static LlmChunk delta(String text) {
        return new LlmChunk(text, null);
    }

    public static LlmChunk last(TokenUsage usage) {
        return new LlmChunk("", Objects.requireNonNull(usage, "usage"));
    }

    public boolean isLast() {
        return usage != null;
    }
}
