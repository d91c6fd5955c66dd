package dev.querent.llm;

import dev.querent.llm.testing.EmbeddingModelContract;
import dev.querent.llm.testing.FakeLlmServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The {@link EmbeddingModelContract} for a model served over HTTP, against a fresh {@link FakeLlmServer}. */
abstract class ServedEmbeddingContract extends EmbeddingModelContract {
    private FakeLlmServer server;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** How to reach the model on {@code server}. */
    protected abstract EmbeddingSettings settings(FakeLlmServer server);

    @Override
    protected EmbeddingSettings settings() {
        return settings(server);
    }
}
