package dev.querent.llm;

import java.util.List;
import java.util.Objects;

/**
 * The candidates of one {@link LlmClient#complete} call.
 *
 * @param candidates the generated assistant turns, at least one
 * @param usage tokens of all calls made for this response together
 * @param elapsedMillis wall-clock time of the whole call, retries included
 * @param model the model that answered, as the provider reported it
 */
public record LlmResponse(List<String> candidates, TokenUsage usage, long elapsedMillis, String model) {
    public LlmResponse {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a response has at least one candidate");
        }
        Objects.requireNonNull(usage, "usage");
    }

    /** The first candidate: the answer when only one was asked for. */
    public String text() {
        return candidates.getFirst();
    }
}
