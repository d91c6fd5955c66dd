package dev.querent.llm;

import dev.querent.llm.LlmSettings.Provider;
import dev.querent.llm.testing.FakeLlmServer;
import java.time.Duration;

/** The embedding contract over the OpenAiCompatible wire protocol. */
class OpenAiCompatibleEmbeddingContractIT extends ServedEmbeddingContract {

    @Override
    protected EmbeddingSettings settings(FakeLlmServer server) {
        return new EmbeddingSettings(
                Provider.OPENAI, server.openAiUrl(), "fixture-embed", "sk-test", Duration.ofSeconds(5));
    }
}
