package dev.querent.llm;

import java.util.Objects;

/**
 * One chat completion request.
 *
 * @param system the system message, or {@code null} for none
 * @param user the user message
 * @param assistantPrefill text the assistant turn starts with (sent as a trailing assistant message
 *     the model continues), or {@code null}
 * @param temperature sampling temperature, or {@code null} for the client's default
 * @param maxTokens the most tokens to generate per candidate, or {@code null} for the client's default
 * @param n how many candidates to generate; {@code null} means 1
 */
public record LlmRequest(
        String system, String user, String assistantPrefill, Double temperature, Integer maxTokens, Integer n) {

    /** Candidates are sampled independently; more than this is a caller bug, not a wish. */
    public static final int MAX_CANDIDATES = 16;

    public LlmRequest {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user message must not be blank");
        }
        n = n == null ? 1 : n;
        if (n < 1 || n > MAX_CANDIDATES) {
            throw new IllegalArgumentException("n must be between 1 and " + MAX_CANDIDATES + ": " + n);
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        if (assistantPrefill != null && assistantPrefill.isEmpty()) {
            assistantPrefill = null;
        }
    }

    /** A request with client defaults for sampling and one candidate. */
    public static LlmRequest of(String system, String user) {
        return new LlmRequest(system, user, null, null, null, 1);
    }

    public LlmRequest withPrefill(String prefill) {
        return new LlmRequest(system, user, prefill, temperature, maxTokens, n);
    }

    public LlmRequest withSampling(Double temperature, Integer maxTokens, Integer n) {
        return new LlmRequest(system, user, assistantPrefill, temperature, maxTokens, n);
    }

    public boolean hasPrefill() {
        return assistantPrefill != null;
    }
}
