package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rate limits with buckets shared through the real Redis of {@code .ci/run} (Lettuce). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class RedisRateLimitIT extends RateLimitContract {
    static String url;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws IOException {
        url = dev.querent.api.knowledge.KnowledgeLoopContract.serverFromEnvironment("QUERENT_TEST_REDIS_URL");
        r.add("querent.data-dir", Files.createTempDirectory("querent-rl-redis-it")::toString);
        r.add("querent.security.rate-limit.redis-url", () -> url);
        limits(r);
    }

    @Override
    void afterRefusal() {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().keys("querent:rl:request:*")).isNotEmpty();
        } finally {
            client.shutdown();
        }
    }
}
