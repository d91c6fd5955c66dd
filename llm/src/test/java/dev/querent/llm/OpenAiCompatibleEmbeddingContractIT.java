package dev.querent.llm;

import dev.querent.llm.openai.OpenAiEmbeddingProvider;
import dev.querent.llm.testing.FakeLlmServer;
import java.time.Duration;

/** The embedding contract over the OpenAiCompatible wire protocol. */
class OpenAiCompatibleEmbeddingContractIT extends ServedEmbeddingContract {

    @Override
    protected EmbeddingModelProvider provider() {
        return new OpenAiEmbeddingProvider();
    }

    @Override
    protected EmbeddingSettings settings(FakeLlmServer server) {
        return new EmbeddingSettings("openai", server.openAiUrl(), "fixture-embed", "sk-test", Duration.ofSeconds(5));
    }
}
