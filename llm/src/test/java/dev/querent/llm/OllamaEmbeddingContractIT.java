package dev.querent.llm;

import dev.querent.llm.ollama.OllamaEmbeddingProvider;
import dev.querent.llm.testing.FakeLlmServer;
import java.time.Duration;

/** The embedding contract over the Ollama wire protocol. */
class OllamaEmbeddingContractIT extends ServedEmbeddingContract {

    @Override
    protected EmbeddingModelProvider provider() {
        return new OllamaEmbeddingProvider();
    }

    @Override
    protected EmbeddingSettings settings(FakeLlmServer server) {
        return new EmbeddingSettings("ollama", server.baseUrl(), "fixture-embed", null, Duration.ofSeconds(5));
    }
}
