package dev.querent.llm;

import dev.querent.llm.LlmSettings.Provider;
import dev.querent.llm.testing.EmbeddingModelContract;
import dev.querent.llm.testing.FakeLlmServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The {@link EmbeddingModelContract} over the OpenAiCompatible wire protocol, against {@link FakeLlmServer}. */
class OpenAiCompatibleEmbeddingContractIT extends EmbeddingModelContract {
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
        return EmbeddingModels.create(new EmbeddingSettings(
                Provider.OPENAI, server.openAiUrl(), "fixture-embed", "sk-test", Duration.ofSeconds(5)));
    }
}
