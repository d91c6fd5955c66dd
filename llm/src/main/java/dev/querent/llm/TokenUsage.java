package dev.querent.llm;

/**
 * Tokens spent by a call.
 *
 * @param estimated {@code true} when at least one figure was not reported by the provider and was
 *     estimated instead (see {@code docs/llm.md}: roughly one token per four characters)
 */
public record TokenUsage(int promptTokens, int completionTokens, boolean estimated) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, false);

    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                promptTokens + other.promptTokens,
                completionTokens + other.completionTokens,
                estimated || other.estimated);
    }
}
