package dev.querent.llm.ollama;

import dev.querent.llm.EmbeddingModelProvider;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.IdentifiedEmbeddingModel;

/** {@code ollama}: an embedding model on an Ollama server, by default {@value OllamaEmbeddingClient#DEFAULT_MODEL}. */
public final class OllamaEmbeddingProvider implements EmbeddingModelProvider {
    public static final String NAME = "ollama";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IdentifiedEmbeddingModel create(EmbeddingSettings settings) {
        EmbeddingSettings s = settings.withDefaults(OllamaLlmClient.DEFAULT_URL, OllamaEmbeddingClient.DEFAULT_MODEL);
        return OllamaEmbeddingClient.builder()
                .baseUrl(s.baseUrl())
                .model(s.model())
                .timeout(s.timeout())
                .build();
    }
}
