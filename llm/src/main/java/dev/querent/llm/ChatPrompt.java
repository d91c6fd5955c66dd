package dev.querent.llm;

import java.util.Objects;

/**
 * The messages of one prompt.
 *
 * @param assistantPrefill how the assistant turn starts, or {@code null}
 */
public record ChatPrompt(String system, String user, String assistantPrefill) {
    public ChatPrompt {
        Objects.requireNonNull(user, "user");
    }

    /** A request with the client's sampling defaults and one candidate. */
    public LlmRequest toRequest() {
        return toRequest(null, null, 1);
    }

    public LlmRequest toRequest(Double temperature, Integer maxTokens, Integer n) {
        return new LlmRequest(system, user, assistantPrefill, temperature, maxTokens, n);
    }
}
