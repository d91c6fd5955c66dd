package dev.querent.llm;

import dev.querent.llm.ollama.OllamaEmbeddingClient;
import dev.querent.llm.openai.OpenAiCompatibleEmbeddingClient;

/** Builds the {@link IdentifiedEmbeddingModel} that {@link EmbeddingSettings} describe. */
public final class EmbeddingModels {
    private EmbeddingModels() {}

    /**
     * The configured model. Nothing is sent to the server until the first embedding (or the first
     * call to {@code dimensions()}, which embeds a short probe text when nothing was embedded yet).
     */
    public static IdentifiedEmbeddingModel create(EmbeddingSettings settings) {
        return switch (settings.provider()) {
            case OLLAMA -> OllamaEmbeddingClient.from(settings);
            case OPENAI -> OpenAiCompatibleEmbeddingClient.from(settings);
            case NONE -> throw new IllegalArgumentException("no embedding provider is configured");
        };
    }
}
