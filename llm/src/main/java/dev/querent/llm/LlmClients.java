package dev.querent.llm;

import dev.querent.llm.ollama.OllamaLlmClient;
import dev.querent.llm.openai.OpenAiCompatibleLlmClient;
import java.util.Optional;

/** Builds the {@link LlmClient} that {@link LlmSettings} describe. */
public final class LlmClients {
    private LlmClients() {}

    /** The configured client, or empty when the provider is {@code NONE}. */
    public static Optional<LlmClient> create(LlmSettings settings) {
        return switch (settings.provider()) {
            case NONE -> Optional.empty();
            case OLLAMA -> Optional.of(OllamaLlmClient.from(settings));
            case OPENAI -> Optional.of(OpenAiCompatibleLlmClient.from(settings));
        };
    }
}
