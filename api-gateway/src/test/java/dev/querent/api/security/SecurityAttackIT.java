package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.TestAuth;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The attack run's access-control findings, each as a request an attacker would send: no
 * credentials, other users' ids, cross-site requests and WebSockets, DNS rebinding, forged reviewer
 * names, planted patterns, weak keys. Each asserts refusal (and that nothing changed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityAttackIT {
    private static final String QUESTION = "How many orders were placed per month in 2024?";
    private static final Path DATA_DIR = TestAuth.dataDir("querent-security-it");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    WebTestClient admin;
    WebTestClient alice;
    WebTestClient bob;
    WebTestClient viewer;
    WebTestClient reviewer;
    String aliceKey;
    String aliceChat;
    String aliceTurn;

    @BeforeAll
    void setUp() {
        admin = TestAuth.asAdmin(anonymous);
        alice = TestAuth.user(admin, anonymous, "alice", "ANALYST");
        bob = TestAuth.user(admin, anonymous, "bob", "ANALYST");
        viewer = TestAuth.user(admin, anonymous, "vera", "VIEWER");
        reviewer = TestAuth.user(admin, anonymous, "rita", "REVIEWER");
        aliceKey = TestAuth.apiKey(alice, "alice-key");
        aliceChat = body(post(alice, "/api/chats", Map.of()), 201).get("id").asString();
        aliceTurn = body(post(alice, "/api/chats/" + aliceChat + "/messages", Map.of("question", QUESTION)), 201)
                .get("id")
                .asString();
    }

    @Test
    void noCredentialsNoData() {
        for (String path : List.of(
                "/api/chats",
                "/api/chats/" + aliceChat,
                "/api/turns/" + aliceTurn,
                "/api/datasources",
                "/api/review-items",
                "/api/knowledge/patterns",
                "/api/settings",
                "/api/admin/audit",
                "/actuator/prometheus",
                "/v3/api-docs")) {
            problem(anonymous.get().uri(path), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void anotherUsersChatIsNotFound() {
        problem(bob.get().uri("/api/chats/" + aliceChat), 404, "NOT_FOUND");
        problem(bob.get().uri("/api/turns/" + aliceTurn), 404, "NOT_FOUND");
        problem(post(bob, "/api/turns/" + aliceTurn + "/confirm", "{}"), 404, "NOT_FOUND");
        problem(post(bob, "/api/chats/" + aliceChat + "/messages", Map.of("question", QUESTION)), 404, "NOT_FOUND");
        problem(bob.delete().uri("/api/chats/" + aliceChat), 404, "NOT_FOUND");
        problem(put(bob, "/api/chats/" + aliceChat + "/sharing", Map.of("shared", true)), 404, "NOT_FOUND");
        problem(
                post(
                        bob,
                        "/api/turns/" + aliceTurn + "/feedback",
                        Map.of("rating", "DOWN", "correctedSql", "SELECT 0")),
                404,
                "NOT_FOUND");
        JsonNode bobsList = body(bob.get().uri("/api/chats"), 200);
        bobsList.forEach(c -> assertThat(c.get("id").asString()).isNotEqualTo(aliceChat));
        // Even the administrator does not read a private chat.
        problem(admin.get().uri("/api/chats/" + aliceChat), 404, "NOT_FOUND");
    }

    @Test
    void aSharedChatIsReadableNotWritable() {
        String chat = body(post(alice, "/api/chats", Map.of("title", "shared")), 201)
                .get("id")
                .asString();
        body(put(alice, "/api/chats/" + chat + "/sharing", Map.of("shared", true)), 200);
        assertThat(body(bob.get().uri("/api/chats/" + chat), 200).get("owner").asString())
                .isEqualTo("alice");
        assertThat(body(viewer.get().uri("/api/chats/" + chat), 200)
                        .get("shared")
                        .asBoolean())
                .isTrue();
        problem(post(bob, "/api/chats/" + chat + "/messages", Map.of("question", QUESTION)), 403, "FORBIDDEN");
        problem(bob.delete().uri("/api/chats/" + chat), 403, "FORBIDDEN");
    }

    @Test
    void aViewerCannotAskOrConfirm() {
        problem(post(viewer, "/api/chats", Map.of()), 403, "FORBIDDEN");
        problem(post(viewer, "/api/turns/" + aliceTurn + "/confirm", "{}"), 403, "FORBIDDEN");
        problem(post(viewer, "/api/sql/validate", Map.of("sql", "SELECT 1")), 403, "FORBIDDEN");
    }

    @Test
    void onlyReviewersPlantPatternsAndOnlyAdminsChangeSources() {
        Map<String, Object> pattern = Map.of("question", "How many customers are there?", "sql", "SELECT 0 LIMIT 1");
        problem(post(alice, "/api/knowledge/patterns", pattern), 403, "FORBIDDEN");
        problem(put(alice, "/api/settings", Map.of("defaultDataSourceId", "x")), 403, "FORBIDDEN");
        problem(put(reviewer, "/api/settings", Map.of("defaultDataSourceId", "x")), 403, "FORBIDDEN");
        problem(
                post(
                        reviewer,
                        "/api/datasources",
                        Map.of("name", "x", "type", "sqlite", "settings", Map.of("path", "/etc/passwd"))),
                403,
                "FORBIDDEN");
        problem(alice.get().uri("/api/review-items"), 403, "FORBIDDEN");
        problem(reviewer.get().uri("/api/admin/users"), 403, "FORBIDDEN");
        problem(reviewer.get().uri("/api/admin/audit"), 403, "FORBIDDEN");
    }

    @Test
    void theReviewerIsWhoeverIsSignedInNotWhatTheBodySays() {
        String turn = body(post(alice, "/api/chats/" + aliceChat + "/messages", Map.of("question", QUESTION)), 201)
                .get("id")
                .asString();
        body(post(alice, "/api/turns/" + turn + "/confirm", "{}"), 200);
        body(post(alice, "/api/turns/" + turn + "/feedback", Map.of("rating", "DOWN", "reason", "wrong")), 201);
        String item = null;
        for (JsonNode i : body(reviewer.get().uri("/api/review-items?status=PENDING"), 200)) {
            if (i.get("turnId") != null && turn.equals(i.get("turnId").asString())) {
                item = i.get("id").asString();
            }
        }
        assertThat(item).as("review item for the thumbs-down").isNotNull();
        JsonNode decided = body(
                post(reviewer, "/api/review-items/" + item + "/reject", Map.of("reviewer", "mallory", "note", "no")),
                200);
        assertThat(decided.toString()).contains("rita").doesNotContain("mallory");
    }

    @Test
    void dnsRebindingAndCrossSiteRequestsAreRefused() {
        problem(
                anonymous.get().uri("/api/chats").header(HttpHeaders.HOST, "attacker.example"),
                403,
                "HOST_NOT_ALLOWED");
        problem(
                alice.get().uri("/api/chats").header(HttpHeaders.HOST, "attacker.example:" + port),
                403,
                "HOST_NOT_ALLOWED");
        // A blind cross-site POST carries the victim's cookies but not the CSRF header; with a foreign Origin too.
        problem(
                alice.post()
                        .uri("/api/turns/" + aliceTurn + "/confirm")
                        .header(HttpHeaders.ORIGIN, "http://attacker.example")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}"),
                403,
                "HOST_NOT_ALLOWED");
        problem(
                alice.post()
                        .uri("/api/turns/" + aliceTurn + "/confirm")
                        .header("Sec-Fetch-Site", "cross-site")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}"),
                403,
                "HOST_NOT_ALLOWED");
    }

    @Test
    void aSessionNeedsItsCsrfTokenForChanges() {
        WebTestClient noToken =
                alice.mutate().defaultHeaders(h -> h.remove("X-XSRF-TOKEN")).build();
        problem(post(noToken, "/api/chats", Map.of()), 403, "CSRF_REJECTED");
        problem(
                alice.post()
                        .uri("/api/chats")
                        .header("X-XSRF-TOKEN", "forged")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of()),
                403,
                "CSRF_REJECTED");
        // A header that looks like a credential makes the cookie count for nothing (no CSRF bypass).
        problem(
                noToken.post()
                        .uri("/api/chats")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-key")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of()),
                401,
                "UNAUTHENTICATED");
        // Reads need no token.
        body(noToken.get().uri("/api/chats"), 200);
    }

    @Test
    void crossSiteAndAnonymousWebSocketsAreRefused() {
        ReactorNettyWebSocketClient ws = new ReactorNettyWebSocketClient();
        URI uri = URI.create("ws://localhost:" + port + "/ws/chat");
        HttpHeaders foreign = new HttpHeaders();
        foreign.set("X-Api-Key", aliceKey);
        foreign.set(HttpHeaders.ORIGIN, "http://attacker.example");
        assertThat(handshakeFails(ws, uri, foreign)).as("foreign Origin").isTrue();
        assertThat(handshakeFails(ws, uri, new HttpHeaders()))
                .as("no credentials")
                .isTrue();
    }

    @Test
    void aWebSocketCannotResumeOrAskInAnotherUsersChat() {
        String bobKey = TestAuth.apiKey(bob, "bob-key");
        HttpHeaders h = new HttpHeaders();
        h.set("X-Api-Key", bobKey);
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws/chat"), h, session -> session.send(
                                Mono.just(session.textMessage(json.writeValueAsString(
                                        Map.of("type", "resume", "chatId", aliceChat, "afterSeq", 0)))))
                        .then(session.send(Mono.just(session.textMessage(json.writeValueAsString(
                                Map.of("type", "ask", "chatId", aliceChat, "question", QUESTION))))))
                        .thenMany(session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .map(json::readTree)
                                .doOnNext(frames::add)
                                .take(2))
                        .then())
                .block(Duration.ofSeconds(30));
        assertThat(frames).hasSize(2);
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.get("type").asString()).isEqualTo("error");
            assertThat(f.get("payload").get("code").asString()).isEqualTo("NOT_FOUND");
        });
    }

    @Test
    void apiKeysAreScopedRevocableAndHashed() {
        // A key cannot outrank its owner; a lower key limits an admin.
        problem(post(alice, "/api/api-keys", Map.of("name", "up", "role", "ADMIN")), 403, "FORBIDDEN");
        JsonNode viewerKey = body(post(admin, "/api/api-keys", Map.of("name", "ro", "role", "VIEWER")), 201);
        WebTestClient readOnly =
                TestAuth.withKey(anonymous, viewerKey.get("key").asString());
        body(readOnly.get().uri("/api/chats"), 200);
        problem(readOnly.get().uri("/api/admin/users"), 403, "FORBIDDEN");
        // The listing never shows a secret.
        assertThat(body(admin.get().uri("/api/admin/api-keys"), 200).toString())
                .doesNotContain(viewerKey.get("key").asString());
        // Revoked: refused at once.
        admin.delete()
                .uri("/api/api-keys/" + viewerKey.get("id").asString())
                .exchange()
                .expectStatus()
                .isNoContent();
        problem(readOnly.get().uri("/api/chats"), 401, "UNAUTHENTICATED");
        // Guessed and malformed keys.
        for (String k : List.of(
                "qk_", "qk_x_y", viewerKey.get("key").asString() + "x", "qk_" + "a".repeat(300), "' OR 1=1 --")) {
            problem(TestAuth.withKey(anonymous, k).get().uri("/api/chats"), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void wrongPasswordsSayNothingAboutWhichPartWasWrong() {
        String csrf = TestAuth.csrfToken(anonymous);
        for (Map<String, String> creds : List.of(
                Map.of("username", "alice", "password", "not-her-password"),
                Map.of("username", "nobody-by-this-name", "password", "whatever-password"),
                Map.of("username", "alice'--", "password", "x"))) {
            problem(
                    anonymous
                            .post()
                            .uri("/api/auth/login")
                            .cookie("XSRF-TOKEN", csrf)
                            .header("X-XSRF-TOKEN", csrf)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(creds),
                    401,
                    "AUTHENTICATION_FAILED");
        }
    }

    @Test
    void aDisabledUserIsOutAtOnce() {
        WebTestClient temp = TestAuth.user(admin, anonymous, "temp-user", "ANALYST");
        String key = TestAuth.apiKey(temp, "temp");
        body(temp.get().uri("/api/chats"), 200);
        String id = null;
        for (JsonNode u : body(admin.get().uri("/api/admin/users"), 200)) {
            if (u.get("username").asString().equals("temp-user")) {
                id = u.get("id").asString();
            }
        }
        body(put(admin, "/api/admin/users/" + id, Map.of("disabled", true)), 200);
        problem(temp.get().uri("/api/chats"), 401, "UNAUTHENTICATED");
        problem(TestAuth.withKey(anonymous, key).get().uri("/api/chats"), 401, "UNAUTHENTICATED");
    }

    @Test
    void responsesCarrySecurityHeadersAndHealthHidesDetails() {
        anonymous
                .get()
                .uri("/")
                .exchange()
                .expectHeader()
                .valueMatches("Content-Security-Policy", ".*frame-ancestors 'none'.*")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY");
        String health = new String(anonymous
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(health).contains("UP").doesNotContain(DATA_DIR.toString()).doesNotContain("components");
    }

    @Test
    void theAuditLogRecordsWhoDidWhatAndItsChainHolds() {
        body(post(alice, "/api/turns/" + aliceTurn + "/confirm", "{}"), 200);
        problem(alice.get().uri("/api/admin/users"), 403, "FORBIDDEN");
        JsonNode executed = null;
        JsonNode denied = null;
        for (int i = 0; i < 50 && (executed == null || denied == null); i++) {
            for (JsonNode e : body(admin.get().uri("/api/admin/audit?actor=alice&limit=500"), 200)) {
                if (e.get("action").asString().equals("sql.executed")
                        && e.get("target").asString().equals(aliceTurn)) {
                    executed = e;
                }
                if (e.get("outcome").asString().equals("DENIED")
                        && e.get("target").asString().equals("/api/admin/users")) {
                    denied = e;
                }
            }
            sleep();
        }
        assertThat(executed).as("sql.executed entry").isNotNull();
        assertThat(executed.get("detail").get("sql").asString()).containsIgnoringCase("select");
        assertThat(executed.get("detail").get("rows").asLong()).isEqualTo(12);
        assertThat(denied).as("denied entry").isNotNull();
        boolean login = false;
        for (JsonNode e : body(admin.get().uri("/api/admin/audit?action=auth.login&actor=alice"), 200)) {
            login |= e.get("outcome").asString().equals("OK");
        }
        assertThat(login).isTrue();
        JsonNode verify = body(admin.get().uri("/api/admin/audit/verify"), 200);
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("entries").asLong()).isPositive();
        String export = new String(admin.get()
                .uri("/api/admin/audit/export?actor=alice")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(export.lines().count()).isPositive();
        assertThat(export.lines()
                        .allMatch(l -> json.readTree(l).get("actor").asString().equals("alice")))
                .isTrue();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean handshakeFails(ReactorNettyWebSocketClient ws, URI uri, HttpHeaders headers) {
        try {
            ws.execute(uri, headers, session -> session.receive().then()).block(Duration.ofSeconds(10));
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static WebTestClient.RequestHeadersSpec<?> post(WebTestClient client, String uri, Object body) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static WebTestClient.RequestHeadersSpec<?> put(WebTestClient client, String uri, Object body) {
        return client.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private JsonNode body(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return json.readTree(request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    private void problem(WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
