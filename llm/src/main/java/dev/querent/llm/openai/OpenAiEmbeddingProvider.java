package dev.querent.llm.openai;

import dev.querent.llm.EmbeddingModelProvider;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.IdentifiedEmbeddingModel;

/**
 * {@code openai}: {@code POST /embeddings} on an OpenAI-compatible server, by default OpenAI's own
 * with {@value OpenAiCompatibleEmbeddingClient#DEFAULT_MODEL}. Other servers serve models of their
 * own, so they need the model named.
 */
public final class OpenAiEmbeddingProvider implements EmbeddingModelProvider {
    public static final String NAME = "openai";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IdentifiedEmbeddingModel create(EmbeddingSettings settings) {
        EmbeddingSettings s = settings.withDefaults(OpenAiCompatibleLlmClient.DEFAULT_URL, null);
        if (s.model() == null && s.baseUrl().equals(OpenAiCompatibleLlmClient.DEFAULT_URL)) {
            s = s.withDefaults(null, OpenAiCompatibleEmbeddingClient.DEFAULT_MODEL);
        }
        if (s.model() == null) {
            throw new IllegalArgumentException(
                    "the OpenAI-compatible embedding server at " + s.baseUrl() + " needs a model name");
        }
        return OpenAiCompatibleEmbeddingClient.builder()
                .baseUrl(s.baseUrl())
                .apiKey(s.apiKey())
                .model(s.model())
                .timeout(s.timeout())
                .build();
    }
}
