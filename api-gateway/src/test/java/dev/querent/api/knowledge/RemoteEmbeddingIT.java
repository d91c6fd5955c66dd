package dev.querent.api.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.KnowledgeService;
import dev.querent.llm.testing.FakeLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The knowledge index on embeddings from a configured Ollama server (the fixture server speaking
 * Ollama's {@code /api/embed}): the schema is embedded through it into an index of its own, named
 * after the model, and retrieval works on those vectors.
 */
@SpringBootTest
class RemoteEmbeddingIT {
    private static final FakeLlmServer OLLAMA = FakeLlmServer.start();
    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("querent-remote-embedding-it");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
        r.add("querent.knowledge.embedding.provider", () -> "ollama");
        r.add("querent.knowledge.embedding.base-url", OLLAMA::baseUrl);
        r.add("querent.knowledge.embedding.model", () -> "nomic-embed-text");
    }

    @AfterAll
    static void stop() {
        OLLAMA.close();
    }

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    DataSourceService dataSources;

    @Test
    void theSchemaIsEmbeddedByTheConfiguredServerAndRetrievedFromItsOwnIndex() {
        var ds = dataSources.defaultId().orElseThrow();
        List<String> tables =
                knowledge
                        .retrieveSchema("How many prescriptions did each doctor write?", ds, 5, 100_000)
                        .tables()
                        .stream()
                        .map(t -> t.qualifiedName())
                        .toList();

        assertThat(tables).contains("healthcare.prescriptions", "healthcare.doctors");
        assertThat(OLLAMA.requests("/api/embed")).isNotEmpty().allSatisfy(r -> assertThat(r.body())
                .contains("nomic-embed-text"));
        assertThat(DATA_DIR.resolve("index").resolve("ollama_nomic_embed_text")).isDirectory();
        assertThat(DATA_DIR.resolve("index").resolve("bge_small_en_v1_5_q")).doesNotExist();
    }
}
