package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
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

/**
 * What every {@link LlmClient} promises, whatever wire it speaks: the prefill comes back in front of
 * the generation, usage is reported or estimated, candidates and temperatures follow the request,
 * transient failures are retried and lasting ones become {@code LLM_UNAVAILABLE} naming the provider
 * and URL, unparseable answers are {@code LLM_BAD_OUTPUT} without a retry, timeouts hold for calls
 * and streams, and health tells a missing model from an unreachable server. Each client's IT extends
 * this against the loopback {@link FakeLlmServer} and adds what is particular to its protocol.
 */
public abstract class LlmClientContract {
    protected static final String PREFILL = "Let me work through this step by step.\n<think>\n";
    protected static final LlmRequest REQUEST =
            new LlmRequest("You write SQL.", "How many customers per country?", PREFILL, 0.3, 512, 1);

    protected FakeLlmServer server;
    protected LlmClient client;

    /** The registered provider that builds this client from settings. */
    protected abstract ChatModelProvider provider();

    /** A client for the server at {@code baseUrl} that retries three times, 20 ms apart. */
    protected abstract LlmClient clientAt(String baseUrl, Duration timeout);

    /** The base URL this client's provider expects for {@code server}. */
    protected abstract String baseUrl(FakeLlmServer server);

    /** The path chat requests arrive on. */
    protected abstract String chatPath();

    /** The provider name error messages must carry. */
    protected abstract String providerName();

    /** The model name the client asks for. */
    protected abstract String model();

    /** The JSON object of a chat request that carries the sampling options. */
    protected abstract JsonNode sampling(JsonNode body);

    /** The name the server lists for {@link #model()} (Ollama adds a tag). */
    protected String listedModel() {
        return model();
    }

    @BeforeEach
    void startServer() {
        server = FakeLlmServer.start().models(listedModel());
        client = clientAt(baseUrl(server), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void completeReturnsPrefillPlusGenerationAndReportedUsage() {
        server.enqueue(Reply.fixture("arctic-answer.txt").withUsage(321, 87));

        LlmResponse response = client.complete(REQUEST);

        assertThat(response.candidates()).containsExactly(PREFILL + FakeLlmServer.fixture("arctic-answer.txt"));
        assertThat(response.usage().promptTokens()).isEqualTo(321);
        assertThat(response.usage().completionTokens()).isEqualTo(87);
        assertThat(response.usage().estimated()).isFalse();
        assertThat(response.model()).isEqualTo(model());
        assertThat(response.elapsedMillis()).isNotNegative();
    }

    /** What the application does: settings naming the provider → registry → a client that answers. */
    @Test
    void theProviderBuildsAWorkingClientFromSettingsThatNameIt() {
        ChatModelRegistry registry = new ChatModelRegistry(List.of(provider()));
        LlmSettings settings = new LlmSettings(
                " " + provider().name().toUpperCase(java.util.Locale.ROOT) + " ",
                baseUrl(server) + "/",
                model(),
                null,
                0.3,
                100,
                Duration.ofSeconds(5),
                1);
        server.enqueue(Reply.fixture("arctic-answer.txt"));

        LlmClient built = registry.create(settings).orElseThrow();

        assertThat(registry.names())
                .containsExactly(ChatModelRegistry.NONE, provider().name());
        assertThat(registry.complete(settings).baseUrl()).isEqualTo(baseUrl(server));
        assertThat(built.providerName()).isEqualTo(providerName());
        assertThat(built.model()).isEqualTo(model());
        assertThat(built.complete(REQUEST).candidates())
                .containsExactly(PREFILL + FakeLlmServer.fixture("arctic-answer.txt"));
        assertThat(chats()).hasSize(1);
        assertThat(built.health().healthy()).isTrue();
    }

    @Test
    void requestCarriesTheRequestedSampling() {
        client.complete(REQUEST);

        JsonNode body = chats().getFirst().json();
        assertThat(body.path("model").asString()).isEqualTo(model());
        assertThat(sampling(body).path("temperature").asDouble()).isEqualTo(0.3);
    }

    @Test
    void streamReassemblesToTheCompleteTextAndEndsWithUsage() {
        server.enqueue(Reply.fixture("arctic-answer.txt").withUsage(321, 87));

        List<LlmChunk> chunks = client.stream(REQUEST).collectList().block(Duration.ofSeconds(10));

        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks.stream().map(LlmChunk::text).collect(Collectors.joining()))
                .isEqualTo(PREFILL + FakeLlmServer.fixture("arctic-answer.txt"));
        LlmChunk last = chunks.getLast();
        assertThat(last.isLast()).isTrue();
        assertThat(last.usage().promptTokens()).isEqualTo(321);
        assertThat(last.usage().completionTokens()).isEqualTo(87);
        assertThat(last.usage().estimated()).isFalse();
        assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(LlmChunk::isLast);
        assertThat(chats().getFirst().json().path("stream").asBoolean(false)).isTrue();
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
    void severalCandidatesAreSeparateCallsAtTemperatureOneWithSummedUsage() {
        server.enqueue(
                Reply.fixture("arctic-answer.txt").withUsage(100, 10),
                Reply.fixture("arctic-answer-2.txt").withUsage(100, 20),
                Reply.text("SELECT 3").withUsage(100, 30));

        LlmResponse response = client.complete(new LlmRequest(null, "q", null, null, null, 3));

        // Candidates may be asked for concurrently: their order is not part of the contract.
        assertThat(response.candidates())
                .containsExactlyInAnyOrder(
                        FakeLlmServer.fixture("arctic-answer.txt"),
                        FakeLlmServer.fixture("arctic-answer-2.txt"),
                        "SELECT 3");
        assertThat(response.usage().promptTokens()).isEqualTo(300);
        assertThat(response.usage().completionTokens()).isEqualTo(60);
        assertThat(chats()).hasSize(3).allSatisfy(r -> {
            assertThat(sampling(r.json()).path("temperature").asDouble()).isEqualTo(1.0);
            assertThat(r.json().path("messages").size()).isEqualTo(1);
        });
    }

    @Test
    void singleCandidateDefaultsToLowTemperature() {
        client.complete(LlmRequest.of(null, "q"));

        assertThat(sampling(chats().getFirst().json()).path("temperature").asDouble())
                .isEqualTo(0.2);
    }

    @Test
    void emptyCompletionIsBadOutput() {
        server.enqueue(Reply.text(""));

        assertThatThrownBy(() -> client.complete(LlmRequest.of(null, "q")))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void serverDownIsUnavailableNamingProviderAndUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = baseUrl(server).replace(":" + server.port(), ":" + port);
        LlmClient down = clientAt(url, Duration.ofSeconds(2));

        assertThatThrownBy(() -> down.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage())
                    .contains(providerName())
                    .contains(url)
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
        assertThat(chats()).hasSize(3);
    }

    @Test
    void transientFailuresRecover() {
        server.enqueue(Reply.status(503, "loading"), Reply.disconnect(), Reply.text("SELECT 1"));

        assertThat(client.complete(LlmRequest.of(null, "q")).text()).isEqualTo("SELECT 1");
        assertThat(chats()).hasSize(3);
    }

    @Test
    void malformedJsonIsBadOutputWithoutRetry() {
        server.enqueue(Reply.malformed());

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
        assertThat(chats()).hasSize(1);
    }

    @Test
    void slowServerTimesOutAsUnavailableWithoutRetry() throws InterruptedException {
        LlmClient impatient = clientAt(baseUrl(server), Duration.ofSeconds(1));
        server.enqueue(Reply.text("SELECT 1").withDelay(Duration.ofSeconds(4)));

        assertThatThrownBy(() -> impatient.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not answer within 1 s");
        });
        server.awaitRequests(chatPath(), 1, Duration.ofSeconds(5));
        // A retry would arrive within milliseconds; give it the chance to show up.
        Thread.sleep(300);
        assertThat(chats()).hasSize(1);
    }

    @Test
    void stalledStreamTimesOut() {
        LlmClient impatient = clientAt(baseUrl(server), Duration.ofMillis(300));
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
        assertThat(chats()).hasSize(3);
    }

    @Test
    void healthTellsAMissingModelFromAPresentOne() {
        assertThat(client.health().healthy()).isTrue();

        server.models("some-other-model");
        LlmHealth missing = client.health();

        assertThat(missing.reachable()).isTrue();
        assertThat(missing.modelPresent()).isFalse();
        assertThat(missing.healthy()).isFalse();
    }

    @Test
    void healthOfStoppedServerIsUnreachable() {
        server.close();

        LlmHealth health = client.health();

        assertThat(health.reachable()).isFalse();
        assertThat(health.detail()).contains(providerName()).contains(baseUrl(server));
    }

    protected List<RecordedRequest> chats() {
        return server.requests(chatPath());
    }
}
