package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.TestAuth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits per caller (Bucket4j), the same whether buckets live in memory or in Redis: requests
 * per API key, questions per user, sign-in attempts per client; a refusal is 429 RATE_LIMITED with
 * Retry-After, and another caller is not affected.
 */
abstract class RateLimitContract {
    static final int REQUESTS = 20;
    static final int ASKS = 2;
    static final int LOGINS = 3;

    @Autowired
    WebTestClient anonymous;

    static void limits(org.springframework.test.context.DynamicPropertyRegistry r) {
        r.add("querent.security.rate-limit.requests-per-minute", () -> REQUESTS);
        r.add("querent.security.rate-limit.asks-per-minute", () -> ASKS);
        r.add("querent.security.rate-limit.logins-per-minute", () -> LOGINS);
    }

    @Test
    void requestsPerKeyAreLimitedAndOtherKeysAreNot() {
        WebTestClient admin = TestAuth.session(anonymous, TestAuth.ADMIN, TestAuth.ADMIN_PASSWORD);
        WebTestClient first = TestAuth.withKey(anonymous, TestAuth.apiKey(admin, "first"));
        WebTestClient second = TestAuth.withKey(anonymous, TestAuth.apiKey(admin, "second"));
        int ok = 0;
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < REQUESTS + 5 && refused == null; i++) {
            EntityExchangeResult<byte[]> r =
                    first.get().uri("/api/chats").exchange().expectBody().returnResult();
            if (r.getStatus().value() == 429) {
                refused = r;
            } else {
                assertThat(r.getStatus().value()).isEqualTo(200);
                ok++;
            }
        }
        assertThat(refused).as("a 429 after %d requests", REQUESTS).isNotNull();
        assertThat(ok).isEqualTo(REQUESTS);
        assertThat(new String(refused.getResponseBody())).contains("RATE_LIMITED");
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After")))
                .isPositive();
        second.get().uri("/api/chats").exchange().expectStatus().isOk();
        afterRefusal();
    }

    @Test
    void questionsPerUserAreLimited() {
        WebTestClient admin = TestAuth.asAdmin(anonymous);
        WebTestClient asker = TestAuth.user(admin, anonymous, "asker-" + System.nanoTime() % 100000, "ANALYST");
        String chat = new String(asker.post()
                        .uri("/api/chats")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of())
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        for (int i = 0; i < ASKS; i++) {
            asker.post()
                    .uri("/api/chats/" + chat + "/messages")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("question", "How many customers are there?"))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        asker.post()
                .uri("/api/chats/" + chat + "/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("question", "How many customers are there?"))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After");
    }

    /** Per user name; a client address gets five times as many (people share addresses). */
    @Test
    void signInAttemptsAreLimited() {
        String csrf = TestAuth.csrfToken(anonymous);
        int refusedAt = -1;
        for (int i = 0; i < LOGINS + 2 && refusedAt < 0; i++) {
            int status = anonymous
                    .post()
                    .uri("/api/auth/login")
                    .cookie("XSRF-TOKEN", csrf)
                    .header("X-XSRF-TOKEN", csrf)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "guessed-name", "password", "wrong-password-" + i))
                    .exchange()
                    .returnResult(byte[].class)
                    .getStatus()
                    .value();
            if (status == 429) {
                refusedAt = i;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(refusedAt).isGreaterThanOrEqualTo(0);
    }

    /** Where the buckets live can be checked after a refusal. */
    void afterRefusal() {}
}
