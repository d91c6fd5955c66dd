package dev.querent.api.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The product with its knowledge index in the real Chroma server of {@code .ci/run}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class ChromaKnowledgeLoopIT extends KnowledgeLoopContract {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws IOException {
        String url = serverFromEnvironment("QUERENT_TEST_CHROMA_URL");
        r.add("querent.data-dir", Files.createTempDirectory("querent-chroma-it")::toString);
        r.add("querent.knowledge.store", () -> "chroma");
        r.add("querent.knowledge.chroma.url", () -> url);
        r.add(
                "querent.knowledge.chroma.collection",
                () -> "it_" + UUID.randomUUID().toString().substring(0, 8));
    }
}
