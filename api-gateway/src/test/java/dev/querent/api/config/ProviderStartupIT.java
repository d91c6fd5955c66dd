package dev.querent.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.querent.api.QuerentApplication;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;

/** The real application refuses to start on a provider name no registry knows, saying which setting and what is known. */
class ProviderStartupIT {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @CsvSource({
        "querent.llm.provider, QUERENT_LLM_PROVIDER, bedrock, chat model provider",
        "querent.knowledge.embedding.provider, QUERENT_EMBEDDING_PROVIDER, word2vec, embedding model provider",
        "querent.knowledge.store, QUERENT_KNOWLEDGE_STORE, cassandra, vector store"
    })
    void anUnknownProviderStopsTheStartNamingTheSettingAndTheKnownNames(
            String key, String variable, String value, String kind) {
        Set<String> known =
                switch (key) {
                    case "querent.llm.provider" -> Providers.chatModels().names();
                    case "querent.knowledge.store" -> Providers.vectorStores().names();
                    default -> Providers.embeddingModels().names();
                };

        Throwable failure = catchThrowable(() -> new SpringApplication(QuerentApplication.class)
                .run(
                        "--server.port=0",
                        "--querent.data-dir=" + dataDir,
                        "--querent.demo.enabled=false",
                        "--logging.level.root=OFF",
                        "--" + key + "=" + value)
                .close());

        assertThat(failure).isNotNull();
        assertThat(failure)
                .hasStackTraceContaining("IllegalStateException: " + key + " (" + variable + "): unknown " + kind + " '"
                        + value + "' (known: " + String.join(", ", known) + ")");
        assertThat(known).hasSizeGreaterThanOrEqualTo(3);
    }
}
