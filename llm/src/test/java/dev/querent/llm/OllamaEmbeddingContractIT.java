package dev.querent.llm;

import dev.querent.llm.LlmSettings.Provider;
import dev.querent.llm.testing.FakeLlmServer;
import java.time.Duration;

/** The embedding contract over the Ollama wire protocol. */
class OllamaEmbeddingContractIT extends ServedEmbeddingContract {

    @Override
    protected EmbeddingSettings settings(FakeLlmServer server) {
        return new EmbeddingSettings(Provider.OLLAMA, server.baseUrl(), "fixture-embed", null, Duration.ofSeconds(5));
    }
}
