package dev.querent.llm.openai;

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

class OpenAiCompatibleLlmClientIT {
    private static final String MODEL = "Snowflake/Arctic-Text2SQL-R1-7B";
    private static final String PREFILL = "Let me work through this step by step.\n<think>\n";
    private static final LlmRequest REQUEST =
            new LlmRequest("You write SQL.", "How many customers per country?", PREFILL, 0.3, 512, 1);

    private FakeLlmServer server;
    private OpenAiCompatibleLlmClient client;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start().models(MODEL);
        client = builder(server.openAiUrl(), Duration.ofSeconds(5))
                .apiKey("sk-test")
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static OpenAiCompatibleLlmClient.Builder builder(String baseUrl, Duration timeout) {
        return OpenAiCompatibleLlmClient.builder()
                .baseUrl(baseUrl)
                .model(MODEL)
                .timeout(timeout)
                .retries(3, Duration.ofMillis(20));
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
        assertThat(response.model()).isEqualTo(MODEL);
    }

    @Test
    void requestCarriesModelSamplingMessagesAndKey() {
        server.enqueue(Reply.fixture("arctic-answer.txt"));

        client.complete(REQUEST);

        List<RecordedRequest> chats = server.requests("/v1/chat/completions");
        assertThat(chats).hasSize(1);
        RecordedRequest recorded = chats.getFirst();
        assertThat(recorded.headers().get("authorization")).isEqualTo("Bearer sk-test");
        JsonNode body = recorded.json();
        assertThat(body.path("model").asString()).isEqualTo(MODEL);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.has("n")).isFalse();
        assertThat(body.path("stream").asBoolean(false)).isFalse();
        assertThat(body.has("continue_final_message")).isFalse();
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
    void withoutKeyNoAuthorizationHeaderIsSent() {
        OpenAiCompatibleLlmClient open =
                builder(server.openAiUrl(), Duration.ofSeconds(5)).build();

        open.complete(LlmRequest.of(null, "q"));

        assertThat(server.requests("/v1/chat/completions").getFirst().headers()).doesNotContainKey("authorization");
    }

    @Test
    void vllmContinuationFlagsAreSentOnlyWithAPrefill() {
        OpenAiCompatibleLlmClient vllm = builder(server.openAiUrl(), Duration.ofSeconds(5))
                .continueFinalMessage(true)
                .build();

        vllm.complete(REQUEST);
        vllm.complete(LlmRequest.of(null, "no prefill"));

        List<RecordedRequest> chats = server.requests("/v1/chat/completions");
        assertThat(chats.get(0).json().path("continue_final_message").asBoolean(false))
                .isTrue();
        assertThat(chats.get(0).json().path("add_generation_prompt").asBoolean(true))
                .isFalse();
        assertThat(chats.get(1).json().has("continue_final_message")).isFalse();
    }

    @Test
    void streamReassemblesToTheCompleteTextAndEndsWithUsage() {
        String fixture = FakeLlmServer.fixture("arctic-answer.txt");
        server.enqueue(Reply.fixture("arctic-answer.txt").withUsage(321, 87));

        List<LlmChunk> chunks = client.stream(REQUEST).collectList().block(Duration.ofSeconds(10));

        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks.stream().map(LlmChunk::text).collect(Collectors.joining()))
                .isEqualTo(PREFILL + fixture);
        LlmChunk last = chunks.getLast();
        assertThat(last.isLast()).isTrue();
        assertThat(last.usage().promptTokens()).isEqualTo(321);
        assertThat(last.usage().completionTokens()).isEqualTo(87);
        assertThat(last.usage().estimated()).isFalse();
        JsonNode body = server.requests("/v1/chat/completions").getFirst().json();
        assertThat(body.path("stream").asBoolean(false)).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean(false))
                .isTrue();
    }

    @Test
    void streamWithoutUsageEstimates() {
        server.enqueue(Reply.text("SELECT name FROM customers").withoutUsage());

        List<LlmChunk> chunks =
                client.stream(LlmRequest.of(null, "q")).collectList().block(Duration.ofSeconds(10));

        assertThat(chunks.getLast().usage().estimated()).isTrue();
        assertThat(chunks.getLast().usage().completionTokens()).isEqualTo(7);
    }

    @Test
    void severalCandidatesAreSeparateRequestsByDefault() {
        server.defaultReply(Reply.text("SELECT 1").withUsage(50, 5));

        LlmResponse response = client.complete(new LlmRequest(null, "q", null, null, null, 4));

        assertThat(response.candidates()).hasSize(4).containsOnly("SELECT 1");
        assertThat(response.usage().promptTokens()).isEqualTo(200);
        assertThat(response.usage().completionTokens()).isEqualTo(20);
        List<RecordedRequest> chats = server.requests("/v1/chat/completions");
        assertThat(chats).hasSize(4);
        assertThat(chats).allSatisfy(r -> {
            assertThat(r.json().has("n")).isFalse();
            assertThat(r.json().path("temperature").asDouble()).isEqualTo(1.0);
        });
    }

    @Test
    void nativeCandidatesAskForNInOneRequest() {
        OpenAiCompatibleLlmClient nativeN = builder(server.openAiUrl(), Duration.ofSeconds(5))
                .nativeCandidates(true)
                .build();
        server.enqueue(Reply.text("SELECT 1", "SELECT 2", "SELECT 3").withUsage(100, 15));

        LlmResponse response = nativeN.complete(new LlmRequest(null, "q", null, null, null, 3));

        assertThat(response.candidates()).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
        assertThat(response.usage().completionTokens()).isEqualTo(45);
        List<RecordedRequest> chats = server.requests("/v1/chat/completions");
        assertThat(chats).hasSize(1);
        assertThat(chats.getFirst().json().path("n").asInt()).isEqualTo(3);
    }

    @Test
    void serverDownIsUnavailableNamingProviderAndUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OpenAiCompatibleLlmClient down = builder("http://127.0.0.1:" + port + "/v1", Duration.ofSeconds(2))
                .build();

        assertThatThrownBy(() -> down.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage())
                    .contains("OpenAI-compatible")
                    .contains("http://127.0.0.1:" + port + "/v1")
                    .contains("connection refused")
                    .doesNotContain("Exception");
        });
    }

    @Test
    void serverErrorIsRetriedThenUnavailable() {
        server.defaultReply(Reply.status(500, "boom"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP 500");
        });
        assertThat(server.requests("/v1/chat/completions")).hasSize(3);
    }

    @Test
    void transientFailuresRecover() {
        server.enqueue(Reply.status(429, "slow down"), Reply.disconnect(), Reply.text("SELECT 1"));

        assertThat(client.complete(LlmRequest.of(null, "q")).text()).isEqualTo("SELECT 1");
        assertThat(server.requests("/v1/chat/completions")).hasSize(3);
    }

    @Test
    void rejectedKeyIsUnavailableWithoutRetry() {
        server.enqueue(Reply.status(401, "Invalid API key"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP 401").doesNotContain("sk-test");
        });
        assertThat(server.requests("/v1/chat/completions")).hasSize(1);
    }

    @Test
    void badRequestCarriesTheServerExplanation() {
        server.enqueue(Reply.status(400, "'n' must be 1"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP 400").contains("'n' must be 1");
        });
    }

    @Test
    void malformedJsonIsBadOutputWithoutRetry() {
        server.enqueue(Reply.malformed());

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
        assertThat(server.requests("/v1/chat/completions")).hasSize(1);
    }

    @Test
    void jsonWithoutChoicesIsBadOutput() {
        server.enqueue(Reply.raw(
                200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[]}"));

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void choiceWithoutAMessageIsBadOutput() {
        server.enqueue(Reply.raw(
                200,
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}"));

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void slowServerTimesOutAsUnavailableWithoutRetry() throws InterruptedException {
        OpenAiCompatibleLlmClient impatient =
                builder(server.openAiUrl(), Duration.ofSeconds(1)).build();
        server.enqueue(Reply.text("SELECT 1").withDelay(Duration.ofSeconds(4)));

        assertThatThrownBy(() -> impatient.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not answer within 1 s");
        });
        server.awaitRequests("/v1/chat/completions", 1, Duration.ofSeconds(5));
        // A retry would arrive within milliseconds; give it the chance to show up.
        Thread.sleep(300);
        assertThat(server.requests("/v1/chat/completions")).hasSize(1);
    }

    @Test
    void stalledStreamTimesOut() {
        OpenAiCompatibleLlmClient impatient =
                builder(server.openAiUrl(), Duration.ofMillis(300)).build();
        server.enqueue(Reply.text("SELECT 1 FROM somewhere").withChunks(4, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> impatient.stream(REQUEST).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE));
    }

    @Test
    void streamServerErrorIsRetriedThenUnavailable() {
        server.defaultReply(Reply.status(502, "bad gateway"));

        assertThatThrownBy(() -> client.stream(REQUEST).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(QuerentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("HTTP 502");
                });
        assertThat(server.requests("/v1/chat/completions")).hasSize(3);
    }

    @Test
    void healthListsModels() {
        assertThat(client.health().healthy()).isTrue();

        server.models("some-other-model");
        LlmHealth missing = client.health();
        assertThat(missing.reachable()).isTrue();
        assertThat(missing.modelPresent()).isFalse();
        assertThat(missing.detail()).contains("some-other-model");
        assertThat(server.requests("/v1/models").getFirst().headers().get("authorization"))
                .isEqualTo("Bearer sk-test");
    }

    @Test
    void healthOfStoppedServerIsUnreachable() {
        server.close();

        LlmHealth health = client.health();

        assertThat(health.reachable()).isFalse();
        assertThat(health.detail()).contains("OpenAI-compatible").contains(server.openAiUrl());
    }
}
