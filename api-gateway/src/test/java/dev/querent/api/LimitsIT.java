package dev.querent.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.querent.agents.ChatEvents;
import dev.querent.agents.ChatId;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.QuerySlots;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits against abuse on the running app: bounded stored answers with paging, a bounded query
 * capacity per data source on its own scheduler, WebSocket frames that are wrong, control
 * characters in text, disconnecting clients, and health without details.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "querent.limits.preview-rows=5",
            "querent.limits.max-concurrent-queries-per-source=1",
            "querent.limits.query-admission-wait=200ms",
            "querent.limits.query-threads=2"
        })
@AutoConfigureWebTestClient(timeout = "PT60S")
class LimitsIT {
    private static final String QUESTION = "How many orders were placed per month in 2024?";
    private static final Path DATA_DIR = TestAuth.dataDir("querent-limits-it");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    @Autowired
    DataSourceService dataSources;

    @Autowired
    QuerySlots slots;

    @Autowired
    ChatEvents events;

    @Autowired
    @Qualifier("queryScheduler")
    Scheduler queryScheduler;

    @LocalServerPort
    int port;

    String apiKey;
    WebTestClient anonymous;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        anonymous = http;
        apiKey = TestAuth.apiKey(TestAuth.session(http, TestAuth.ADMIN, TestAuth.ADMIN_PASSWORD), "limits");
        http = TestAuth.withKey(http, apiKey);
    }

    private org.springframework.http.HttpHeaders keyHeader() {
        var h = new org.springframework.http.HttpHeaders();
        h.set("X-Api-Key", apiKey);
        return h;
    }

    private JsonApi api() {
        return new JsonApi(http, json);
    }

    private String newChat() {
        return api().post("/api/chats", Map.of(), 201).get("id").asString();
    }

    private JsonNode ask(String chatId, String question) {
        return api().post("/api/chats/" + chatId + "/messages", Map.of("question", question), 201);
    }

    @Test
    void storedAnswersKeepAPreviewAndTheRestIsPaged() {
        String chatId = newChat();
        String turnId = ask(chatId, QUESTION).get("id").asString();
        JsonNode answered = api().post("/api/turns/" + turnId + "/confirm", Map.of(), 200);
        JsonNode full = answered.get("result");
        assertThat(full.get("rows").size())
                .as("the confirm response has every row")
                .isEqualTo(12);
        assertThat(full.get("truncated").asBoolean()).isFalse();

        JsonNode stored = api().get("/api/turns/" + turnId).get("result");
        assertThat(stored.get("rows").size()).isEqualTo(5);
        assertThat(stored.get("previewRows").asInt()).isEqualTo(5);
        assertThat(stored.get("rowCount").asLong()).isEqualTo(12);
        assertThat(stored.get("truncated").asBoolean()).isTrue();
        assertThat(stored.get("totalRowsKnown").asBoolean()).isTrue();
        assertThat(rows(stored)).isEqualTo(rows(full).subList(0, 5));
        JsonNode chat = api().get("/api/chats/" + chatId);
        assertThat(chat.get("turns").get(0).get("result").get("rows").size()).isEqualTo(5);

        JsonNode page = api().get("/api/turns/" + turnId + "/rows?offset=5&limit=5");
        assertThat(rows(page)).isEqualTo(rows(full).subList(5, 10));
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        assertThat(page.get("columns").size()).isEqualTo(2);
        JsonNode last = api().get("/api/turns/" + turnId + "/rows?offset=10&limit=5");
        assertThat(rows(last)).isEqualTo(rows(full).subList(10, 12));
        assertThat(last.get("hasMore").asBoolean()).isFalse();
        assertThat(last.get("truncated").asBoolean()).isFalse();
        problem(http.get().uri("/api/turns/" + turnId + "/rows?limit=0"), 422, "VALIDATION_FAILED");
        problem(http.get().uri("/api/turns/" + turnId + "/rows?limit=100000"), 422, "VALIDATION_FAILED");
        problem(http.get().uri("/api/turns/" + turnId + "/rows?offset=-1"), 422, "VALIDATION_FAILED");
        String unanswered = ask(chatId, QUESTION).get("id").asString();
        problem(http.get().uri("/api/turns/" + unanswered + "/rows"), 409, "INVALID_STATE");

        // Replaying the chat over the WebSocket carries the preview only.
        List<JsonNode> replayed = websocket(
                List.of(Map.of("type", "resume", "chatId", chatId, "afterSeq", 0)),
                f -> f.get("type").asString().equals("done"));
        List<List<String>> streamed = new ArrayList<>();
        replayed.stream()
                .filter(f -> f.get("type").asString().equals("rows"))
                .forEach(f -> streamed.addAll(rows(f.get("payload"))));
        assertThat(streamed).isEqualTo(rows(full).subList(0, 5));
    }

    @Test
    void aBusyDataSourceRefusesWithRetryAfterAndTheTurnStaysConfirmable() {
        String chatId = newChat();
        String turnId = ask(chatId, QUESTION).get("id").asString();
        QuerySlots.Slot held = slots.acquire(dataSources.defaultId().orElseThrow(), null);
        try {
            http.post()
                    .uri("/api/turns/" + turnId + "/confirm")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("Retry-After", "1")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("DATA_SOURCE_BUSY")
                    .jsonPath("$.retryable")
                    .isEqualTo(true);
            assertThat(api().get("/api/turns/" + turnId).get("state").asString())
                    .isEqualTo("AWAITING_CONFIRMATION");
            assertThat(api().get("/api/chats").size()).isPositive();
        } finally {
            held.close();
        }
        JsonNode answered = api().post("/api/turns/" + turnId + "/confirm", Map.of(), 200);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
    }

    @Test
    void cheapRequestsAreServedWhileEveryQueryThreadIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            queryScheduler.schedule(() -> {
                busy.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
            String chatId = newChat();
            assertThat(api().get("/api/chats").size()).isPositive();
            assertThat(api().get("/api/settings").get("projectName").asString()).isNotBlank();
            assertThat(ask(chatId, QUESTION).get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
            assertThat(api().get("/api/chats/" + chatId).get("turns").size()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void wrongWebSocketFramesGetErrorFramesAndTheSocketStaysOpen() {
        String chatId = newChat();
        List<Object> frames = List.of(
                "{not json",
                "[1, 2]",
                Map.of("type", "dance"),
                Map.of("type", "ask", "question", "no chat id"),
                Map.of("type", "ask", "chatId", chatId, "question", "x".repeat(300_000)),
                Map.of("type", "ask", "chatId", chatId, "question", "orders\u0000per month"),
                Map.of("type", "ask", "chatId", chatId, "question", QUESTION, "instructions", "use LIKE\u001b[2J"),
                Map.of("type", "ask", "chatId", chatId, "question", QUESTION, "instructions", "x".repeat(5000)),
                Map.of("type", "resume", "chatId", chatId, "afterSeq", "soon"),
                Map.of("type", "ask", "chatId", chatId, "question", QUESTION));
        List<JsonNode> got = websocket(frames, f -> f.get("type").asString().equals("plan.proposed"));
        List<String> errors = got.stream()
                .filter(f -> f.get("type").asString().equals("error"))
                .map(f -> f.get("code").asString())
                .toList();
        assertThat(errors)
                .containsExactly(
                        "MALFORMED_JSON",
                        "MALFORMED_JSON",
                        "BAD_REQUEST",
                        "VALIDATION_FAILED",
                        "INPUT_TOO_LARGE",
                        "INVALID_TEXT",
                        "INVALID_TEXT",
                        "INPUT_TOO_LARGE",
                        "VALIDATION_FAILED");
        got.stream().filter(f -> f.get("type").asString().equals("error")).forEach(f -> {
            assertThat(f.get("message").asString()).isNotBlank();
            assertThat(f.get("payload").get("code").asString())
                    .isEqualTo(f.get("code").asString());
        });
        assertThat(got.getLast().get("type").asString()).isEqualTo("plan.proposed");
    }

    @Test
    void controlCharactersAreRefusedWithInvalidText() {
        String chatId = newChat();
        problem(
                post("/api/chats/" + chatId + "/messages", Map.of("question", "orders\u0000per month")),
                400,
                "INVALID_TEXT");
        problem(post("/api/chats", Map.of("title", "bell\u0007")), 400, "INVALID_TEXT");
        String turnId = ask(chatId, "How many orders\twere placed\nper month in 2024?")
                .get("id")
                .asString();
        problem(post("/api/turns/" + turnId + "/reject", Map.of("reason", "esc\u001b[31m")), 400, "INVALID_TEXT");
        problem(
                post("/api/turns/" + turnId + "/feedback", Map.of("rating", "DOWN", "reason", "nul\u0000")),
                400,
                "INVALID_TEXT");
        problem(
                post("/api/datasources", Map.of("name", "x\u0000", "type", "sqlite", "settings", Map.of())),
                400,
                "INVALID_TEXT");
        assertThat(api().get("/api/turns/" + turnId).get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        problem(
                post(
                        "/api/chats/" + chatId + "/messages",
                        Map.of("question", QUESTION, "instructions", "use LIKE\u0000")),
                400,
                "INVALID_TEXT");
    }

    @Test
    void instructionsAreBoundedAndKeptWithTheTurn() {
        String chatId = newChat();
        problem(
                post(
                        "/api/chats/" + chatId + "/messages",
                        Map.of("question", QUESTION, "instructions", "x".repeat(4001))),
                413,
                "INPUT_TOO_LARGE");
        JsonNode turn = api().post(
                        "/api/chats/" + chatId + "/messages",
                        Map.of("question", QUESTION, "instructions", "Always filter names using LIKE"),
                        201);
        assertThat(turn.get("instructions").asString()).isEqualTo("Always filter names using LIKE");
        assertThat(api().get("/api/turns/" + turn.get("id").asString())
                        .get("instructions")
                        .asString())
                .isEqualTo("Always filter names using LIKE");
    }

    @Test
    void healthShowsNoDetailsAndNoPaths() {
        String body = new String(
                anonymous
                        .get()
                        .uri("/actuator/health")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody(),
                StandardCharsets.UTF_8);
        assertThat(body).contains("\"status\":\"UP\"");
        assertThat(body)
                .doesNotContain(DATA_DIR.toString())
                .doesNotContain("\"details\"")
                .doesNotContain("path")
                .doesNotContain("jdbc:");
    }

    /** A client that resets its connection mid-stream is not an error worth a stack trace. */
    @Test
    void aClientThatResetsItsConnectionLeavesNoStackTrace() throws Exception {
        String chatId = newChat();
        ask(chatId, QUESTION);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            for (int round = 0; round < 3; round++) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nX-Api-Key: " + apiKey
                                    + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    + "Sec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = socket.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int c = in.read();
                        assertThat(c).as("upgrade answer: %s", head).isNotNegative();
                        head.append((char) c);
                    }
                    assertThat(head.toString()).startsWith("HTTP/1.1 101");
                    out.write(maskedTextFrame(
                            json.writeValueAsString(Map.of("type", "resume", "chatId", chatId, "afterSeq", 0))));
                    out.flush();
                    ChatId chat = new ChatId(chatId);
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (events.subscriberCount(chat) == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(events.subscriberCount(chat)).isEqualTo(1);
                    socket.setSoLinger(true, 0); // close with a TCP reset
                }
                ChatId chat = new ChatId(chatId);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (events.subscriberCount(chat) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(events.subscriberCount(chat))
                        .as("the server saw the reset")
                        .isZero();
            }
            List<ILoggingEvent> noisy = appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null)
                    .toList();
            assertThat(noisy)
                    .as("log events at WARN or with a stack trace")
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .isEmpty();
        } finally {
            root.detachAppender(appender);
        }
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(0x81);
        if (payload.length < 126) {
            b.write(0x80 | payload.length);
        } else {
            b.write(0x80 | 126);
            b.write(payload.length >> 8);
            b.write(payload.length & 0xff);
        }
        b.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            b.write(payload[i] ^ mask[i % 4]);
        }
        return b.toByteArray();
    }

    private List<JsonNode> websocket(List<Object> frames, Predicate<JsonNode> until) {
        List<JsonNode> got = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws/chat"), keyHeader(), session -> session.send(
                                Flux.fromIterable(frames)
                                        .map(f -> session.textMessage(
                                                f instanceof String s ? s : json.writeValueAsString(f))))
                        .thenMany(session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .map(json::readTree)
                                .doOnNext(got::add)
                                .takeUntil(until))
                        .then())
                .block(Duration.ofSeconds(60));
        return got;
    }

    private WebTestClient.RequestHeadersSpec<?> post(String uri, Object body) {
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static void problem(WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    private static List<List<String>> rows(JsonNode result) {
        List<List<String>> out = new ArrayList<>();
        result.get("rows").forEach(row -> {
            List<String> r = new ArrayList<>();
            row.forEach(v -> r.add(v.asString()));
            out.add(r);
        });
        return out;
    }
}
