package dev.querent.llm;

import dev.querent.llm.LlmSettings.Provider;
import dev.querent.llm.testing.EmbeddingModelContract;
import dev.querent.llm.testing.FakeLlmServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The {@link EmbeddingModelContract} over the Ollama wire protocol, against {@link FakeLlmServer}. */
class OllamaEmbeddingContractIT extends EmbeddingModelContract {
    private FakeLlmServer server;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected IdentifiedEmbeddingModel model() {
        return EmbeddingModels.create(
                new EmbeddingSettings(Provider.OLLAMA, server.baseUrl(), "fixture-embed", null, Duration.ofSeconds(5)));
    }
}
