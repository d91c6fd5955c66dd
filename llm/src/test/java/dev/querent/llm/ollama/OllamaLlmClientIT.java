package dev.querent.llm.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.llm.LlmChunk;
import dev.querent.llm.LlmHealth;
import dev.querent.llm.LlmRequest;
import dev.querent.llm.LlmResponse;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.RecordedRequest;
import dev.querent.llm.testing.Reply;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OllamaLlmClientIT {
    private static final String PREFILL = "Let me work through this step by step.\n<think>\n";
    private static final LlmRequest REQUEST =
            new LlmRequest("You write SQL.", "How many customers per country?", PREFILL, 0.3, 512, 1);

    private FakeLlmServer server;
    private OllamaLlmClient client;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start();
        client = client(server.baseUrl(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static OllamaLlmClient client(String baseUrl, Duration timeout) {
        return OllamaLlmClient.builder()
                .baseUrl(baseUrl)
                .model("arctic-text2sql-r1")
                .timeout(timeout)
                .retries(3, Duration.ofMillis(20))
                .build();
    }

    @Test
    void completeReturnsPrefillPlusGenerationAndReportedUsage() {
        String fixture = FakeLlmServer.fixture("arctic-answer.txt");
        server.enqueue(Reply.fixture("arctic-answer.txt").withUsage(321, 87));

        LlmResponse response = client.complete(REQUEST);

        assertThat(response.candidates()).containsExactly(PREFILL + fixture);
        assertThat(response.usage().promptTokens()).isEqualTo(321);
        assertThat(response.usage().completionTokens()).isEqualTo(87);
        assertThat(response.usage().estimated()).isFalse();
        assertThat(response.model()).isEqualTo("arctic-text2sql-r1");
        assertThat(response.elapsedMillis()).isNotNegative();
    }

    @Test
    void requestCarriesModelOptionsAndMessagesWithPrefillLast() {
        server.enqueue(Reply.fixture("arctic-answer.txt"));

        client.complete(REQUEST);

        List<RecordedRequest> chats = server.requests("/api/chat");
        assertThat(chats).hasSize(1);
        JsonNode body = chats.getFirst().json();
        assertThat(body.path("model").asString()).isEqualTo("arctic-text2sql-r1");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(512);
        assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(8192);
        assertThat(body.path("options").path("stop").get(0).asString()).isEqualTo("<|im_end|>");
        JsonNode messages = body.path("messages");
        assertThat(messages.size()).isEqualTo(3);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asString()).isEqualTo("You write SQL.");
        assertThat(messages.get(1).path("role").asString()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("How many customers per country?");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.get(2).path("content").asString()).isEqualTo(PREFILL);
    }

    @Test
    void streamReassemblesToTheCompleteTextAndEndsWithUsage() {
        String fixture = FakeLlmServer.fixture("arctic-answer.txt");
        server.enqueue(Reply.fixture("arctic-answer.txt").withUsage(321, 87));

        List<LlmChunk> chunks = client.stream(REQUEST).collectList().block(Duration.ofSeconds(10));

        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks.stream().map(LlmChunk::text).collect(Collectors.joining()))
                .isEqualTo(PREFILL + fixture);
        assertThat(chunks.getFirst().text()).isEqualTo(PREFILL);
        LlmChunk last = chunks.getLast();
        assertThat(last.isLast()).isTrue();
        assertThat(last.usage().promptTokens()).isEqualTo(321);
        assertThat(last.usage().completionTokens()).isEqualTo(87);
        assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(LlmChunk::isLast);
        assertThat(server.requests("/api/chat").getFirst().json().path("stream").asBoolean(false))
                .isTrue();
    }

    @Test
    void severalCandidatesAreSeparateCallsAtTemperatureOne() {
        server.enqueue(
                Reply.fixture("arctic-answer.txt").withUsage(100, 10),
                Reply.fixture("arctic-answer-2.txt").withUsage(100, 20),
                Reply.text("SELECT 3").withUsage(100, 30));

        LlmResponse response = client.complete(new LlmRequest(null, "q", null, null, null, 3));

        assertThat(response.candidates())
                .containsExactly(
                        FakeLlmServer.fixture("arctic-answer.txt"),
                        FakeLlmServer.fixture("arctic-answer-2.txt"),
                        "SELECT 3");
        assertThat(response.usage().promptTokens()).isEqualTo(300);
        assertThat(response.usage().completionTokens()).isEqualTo(60);
        List<RecordedRequest> chats = server.requests("/api/chat");
        assertThat(chats).hasSize(3);
        assertThat(chats).allSatisfy(r -> {
            assertThat(r.json().path("options").path("temperature").asDouble()).isEqualTo(1.0);
            assertThat(r.json().path("messages").size()).isEqualTo(1);
        });
    }

    @Test
    void singleCandidateDefaultsToLowTemperature() {
        client.complete(LlmRequest.of(null, "q"));

        assertThat(server.requests("/api/chat")
                        .getFirst()
                        .json()
                        .path("options")
                        .path("temperature")
                        .asDouble())
                .isEqualTo(0.2);
    }

    @Test
    void missingUsageIsEstimated() {
        server.enqueue(Reply.text("SELECT name FROM customers").withoutUsage());

        LlmResponse response = client.complete(LlmRequest.of("system text", "user text"));

        assertThat(response.usage().estimated()).isTrue();
        assertThat(response.usage().promptTokens()).isPositive();
        assertThat(response.usage().completionTokens()).isEqualTo(7);
    }

    @Test
    void serverDownIsUnavailableNamingProviderAndUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OllamaLlmClient down = client("http://127.0.0.1:" + port, Duration.ofSeconds(2));

        assertThatThrownBy(() -> down.complete(REQUEST))
                .isInstanceOf(QuerentException.class)
                .satisfies(e -> {
                    QuerentException q = (QuerentException) e;
                    assertThat(q.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
                    assertThat(q.getMessage())
                            .contains("Ollama")
                            .contains("http://127.0.0.1:" + port)
                            .contains("connection refused")
                            .doesNotContain("Exception")
                            .doesNotContain("\tat ");
                });
    }

    @Test
    void serverErrorIsRetriedThenUnavailable() {
        server.defaultReply(Reply.status(500, "boom"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP 500");
        });
        assertThat(server.requests("/api/chat")).hasSize(3);
    }

    @Test
    void transientFailuresRecover() {
        server.enqueue(Reply.status(503, "loading"), Reply.disconnect(), Reply.text("SELECT 1"));

        assertThat(client.complete(LlmRequest.of(null, "q")).text()).isEqualTo("SELECT 1");
        assertThat(server.requests("/api/chat")).hasSize(3);
    }

    @Test
    void malformedJsonIsBadOutputWithoutRetry() {
        server.enqueue(Reply.malformed());

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
        assertThat(server.requests("/api/chat")).hasSize(1);
    }

    @Test
    void jsonWithoutAMessageIsBadOutput() {
        server.enqueue(Reply.raw(200, "{\"model\":\"arctic-text2sql-r1\",\"done\":true}"));

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void emptyCompletionIsBadOutput() {
        server.enqueue(Reply.text(""));

        assertThatThrownBy(() -> client.complete(LlmRequest.of(null, "q")))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void unknownModelIsUnavailableWithoutRetry() {
        server.enqueue(Reply.raw(404, "{\"error\":\"model 'arctic-text2sql-r1' not found\"}"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("does not know model 'arctic-text2sql-r1'");
        });
        assertThat(server.requests("/api/chat")).hasSize(1);
    }

    @Test
    void slowServerTimesOutAsUnavailableWithoutRetry() throws InterruptedException {
        OllamaLlmClient impatient = client(server.baseUrl(), Duration.ofSeconds(1));
        server.enqueue(Reply.text("SELECT 1").withDelay(Duration.ofSeconds(4)));

        assertThatThrownBy(() -> impatient.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not answer within 1 s");
        });
        server.awaitRequests("/api/chat", 1, Duration.ofSeconds(5));
        // A retry would arrive within milliseconds; give it the chance to show up.
        Thread.sleep(300);
        assertThat(server.requests("/api/chat")).hasSize(1);
    }

    @Test
    void stalledStreamTimesOut() {
        OllamaLlmClient impatient = client(server.baseUrl(), Duration.ofMillis(300));
        server.enqueue(Reply.text("SELECT 1 FROM somewhere").withChunks(4, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> impatient.stream(REQUEST).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE));
    }

    @Test
    void streamServerErrorIsRetriedThenUnavailable() {
        server.defaultReply(Reply.status(500, "boom"));

        assertThatThrownBy(() -> client.stream(REQUEST).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(QuerentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("HTTP 500");
                });
        assertThat(server.requests("/api/chat")).hasSize(3);
    }

    @Test
    void streamOfMalformedLinesIsBadOutput() {
        server.enqueue(
                Reply.raw(
                        200,
                        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"SEL\"},\"done\":false}\nnot json at all\n"));

        assertThatThrownBy(() -> client.stream(REQUEST).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void healthReportsModelPresence() {
        server.models("arctic-text2sql-r1:latest", "qwen2.5-coder:7b");
        LlmHealth health = client.health();
        assertThat(health.reachable()).isTrue();
        assertThat(health.modelPresent()).isTrue();
        assertThat(health.healthy()).isTrue();

        server.models("qwen2.5-coder:7b");
        LlmHealth missing = client.health();
        assertThat(missing.reachable()).isTrue();
        assertThat(missing.modelPresent()).isFalse();
        assertThat(missing.detail()).contains("ollama create arctic-text2sql-r1");
    }

    @Test
    void healthOfSomethingElseIsReachableButNotUsable() {
        try (FakeLlmServer other = FakeLlmServer.start()) {
            // The fixture has no /api/tags under /v1: a server that is up but is not Ollama.
            OllamaLlmClient misconfigured = client(other.openAiUrl(), Duration.ofSeconds(5));

            LlmHealth health = misconfigured.health();

            assertThat(health.reachable()).isTrue();
            assertThat(health.modelPresent()).isFalse();
            assertThat(health.detail()).contains("HTTP 404");
        }
    }

    @Test
    void healthOfStoppedServerIsUnreachable() {
        server.close();

        LlmHealth health = client.health();

        assertThat(health.reachable()).isFalse();
        assertThat(health.detail()).contains("Ollama").contains(server.baseUrl());
    }
}
