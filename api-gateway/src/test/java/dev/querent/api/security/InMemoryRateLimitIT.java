package dev.querent.api.security;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rate limits with buckets in memory (one instance, the embedded default). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class InMemoryRateLimitIT extends RateLimitContract {
    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws IOException {
        r.add("querent.data-dir", Files.createTempDirectory("querent-rl-it")::toString);
        limits(r);
    }
}
