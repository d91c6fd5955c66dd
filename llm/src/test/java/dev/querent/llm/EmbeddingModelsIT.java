package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.llm.LlmSettings.Provider;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.RecordedRequest;
import dev.querent.llm.testing.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import tools.jackson.databind.JsonNode;

/**
 * Both providers against {@link FakeLlmServer}: the real Spring AI clients run, only the server is fake.
 * What any embedding model promises is {@link dev.querent.llm.testing.EmbeddingModelContract}; this is
 * the wire.
 */
class EmbeddingModelsIT {
    private static final List<String> TEXTS =
            List.of("orders placed by customers", "customers who placed many orders", "the weather forecast says rain");

    private FakeLlmServer server;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(Provider provider) {
        return provider == Provider.OLLAMA ? server.baseUrl() : server.openAiUrl();
    }

    private static String path(Provider provider) {
        return provider == Provider.OLLAMA ? "/api/embed" : "/v1/embeddings";
    }

    private IdentifiedEmbeddingModel model(Provider provider) {
        return EmbeddingModels.create(
                new EmbeddingSettings(provider, url(provider), "fixture-embed", "sk-test", Duration.ofSeconds(5)));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void embedsABatchIntoTheServersVectors(Provider provider) {
        List<float[]> vectors = model(provider).embed(TEXTS);

        assertThat(vectors).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(vectors.get(i))
                    .hasSize(FakeLlmServer.DEFAULT_EMBEDDING_DIMENSIONS)
                    .containsExactly(
                            FakeLlmServer.embedding(TEXTS.get(i), FakeLlmServer.DEFAULT_EMBEDDING_DIMENSIONS),
                            within(1e-6f));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void requestCarriesTheConfiguredModelAndTheTexts(Provider provider) {
        model(provider).embed(TEXTS);

        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly(path(provider));
        JsonNode body = server.requests().getFirst().json();
        assertThat(body.path("model").asString()).isEqualTo("fixture-embed");
        assertThat(body.path("input").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(TEXTS);
    }

    @Test
    void openAiRequestCarriesTheKeyAndOllamaIgnoresIt() {
        model(Provider.OPENAI).embed("q");
        model(Provider.OLLAMA).embed("q");

        assertThat(server.requests("/v1/embeddings").getFirst().headers())
                .containsEntry("authorization", "Bearer sk-test");
        assertThat(server.requests("/api/embed").getFirst().headers()).doesNotContainKey("authorization");
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void dimensionsAreProbedOnceWhenNothingWasEmbeddedYet(Provider provider) {
        server.embeddingDimensions(48);
        IdentifiedEmbeddingModel model = model(provider);

        assertThat(model.dimensions()).isEqualTo(48);
        assertThat(model.dimensions()).isEqualTo(48);
        assertThat(model.embed("orders")).hasSize(48);

        assertThat(server.requests(path(provider))).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void dimensionsComeFromTheFirstAnswerWithoutAProbe(Provider provider) {
        IdentifiedEmbeddingModel model = model(provider);
        model.embed(TEXTS);

        assertThat(model.dimensions()).isEqualTo(FakeLlmServer.DEFAULT_EMBEDDING_DIMENSIONS);
        assertThat(server.requests(path(provider))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void documentsAreEmbeddedByTheirTextOnly(Provider provider) {
        Document document = new Document("orders placed by customers", Map.of("dataSource", "shop"));

        float[] vector = model(provider).embed(document);

        assertThat(vector)
                .containsExactly(
                        FakeLlmServer.embedding(TEXTS.getFirst(), FakeLlmServer.DEFAULT_EMBEDDING_DIMENSIONS),
                        within(1e-6f));
        assertThat(server.requests().getFirst().json().path("input").get(0).asString())
                .isEqualTo("orders placed by customers");
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void anEmptyBatchSendsNothing(Provider provider) {
        assertThat(model(provider).embed(List.of())).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void aRequestMayNotSwitchModel(Provider provider) {
        EmbeddingRequest request = new EmbeddingRequest(
                TEXTS, EmbeddingOptions.builder().model("other").build());

        assertThatThrownBy(() -> model(provider).call(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another model: 'other'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void modelIdsNameProviderAndModel() {
        assertThat(EmbeddingModels.create(new EmbeddingSettings(Provider.OLLAMA, null, null, null, null))
                        .modelId())
                .isEqualTo("ollama:nomic-embed-text");
        assertThat(EmbeddingModels.create(
                                new EmbeddingSettings(Provider.OLLAMA, null, "Nomic-Embed-Text:latest", null, null))
                        .modelId())
                .isEqualTo("ollama:nomic-embed-text");
        assertThat(EmbeddingModels.create(new EmbeddingSettings(Provider.OLLAMA, null, "bge-m3:567m", null, null))
                        .modelId())
                .isEqualTo("ollama:bge-m3:567m");
        assertThat(EmbeddingModels.create(new EmbeddingSettings(Provider.OPENAI, null, null, null, null))
                        .modelId())
                .isEqualTo("openai:text-embedding-3-small");
        assertThat(EmbeddingModels.create(new EmbeddingSettings(
                                Provider.OPENAI, "http://gpu-box:8000/v1", "BAAI/bge-m3", null, null))
                        .modelId())
                .isEqualTo("openai:BAAI/bge-m3");
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void anUnreachableServerIsUnavailableNamingTheUrl(Provider provider) throws IOException {
        int port = closedPort();
        String url = "http://127.0.0.1:" + port + (provider == Provider.OPENAI ? "/v1" : "");
        IdentifiedEmbeddingModel down = EmbeddingModels.create(
                new EmbeddingSettings(provider, url, "fixture-embed", null, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> down.embed("orders")).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains(url).contains("not reachable");
        });
        assertThatThrownBy(down::dimensions).isInstanceOf(QuerentException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void aServerErrorNamesTheUrlAndStatusAfterBoundedRetries(Provider provider) {
        server.enqueueEmbeddings(Reply.status(500, "boom"), Reply.status(500, "boom"), Reply.status(500, "boom"));

        assertThatThrownBy(() -> model(provider).embed(TEXTS)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains(url(provider)).contains("HTTP 500");
        });
        assertThat(server.requests(path(provider))).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void aPassingServerErrorIsRetried(Provider provider) {
        server.enqueueEmbeddings(Reply.status(503, "loading"), Reply.disconnect());

        assertThat(model(provider).embed(TEXTS)).hasSize(3);
        assertThat(server.requests(path(provider))).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void anUnknownModelIsReportedWithoutRetry(Provider provider) {
        server.enqueueEmbeddings(Reply.raw(404, "{\"error\":\"model \\\"fixture-embed\\\" not found\"}"));

        assertThatThrownBy(() -> model(provider).embed(TEXTS)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage())
                    .contains(url(provider))
                    .contains("does not know model 'fixture-embed' (HTTP 404");
        });
        assertThat(server.requests(path(provider))).hasSize(1);
    }

    @Test
    void rejectedCredentialsPointAtTheEmbeddingKey() {
        server.enqueueEmbeddings(Reply.status(401, "invalid api key"));

        assertThatThrownBy(() -> model(Provider.OPENAI).embed(TEXTS))
                .isInstanceOfSatisfying(QuerentException.class, e -> assertThat(e.getMessage())
                        .contains("HTTP 401")
                        .contains("embedding API key")
                        .doesNotContain("QUERENT_LLM_API_KEY"));
    }

    @ParameterizedTest
    @EnumSource(names = {"OLLAMA", "OPENAI"})
    void anAnswerWithTooFewVectorsIsBadOutput(Provider provider) {
        String body = provider == Provider.OLLAMA
                ? "{\"model\":\"fixture-embed\",\"embeddings\":[[0.5,0.5]]}"
                : "{\"object\":\"list\",\"model\":\"fixture-embed\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                        + "\"embedding\":[0.5,0.5]}],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
        server.enqueueEmbeddings(Reply.raw(200, body));

        assertThatThrownBy(() -> model(provider).embed(TEXTS)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT);
            assertThat(e.getMessage()).contains("1 vectors for 3 texts");
        });
    }

    @Test
    void settingsFallBackToEachProvidersDefaults() {
        EmbeddingSettings ollama = new EmbeddingSettings(Provider.OLLAMA, " ", "", null, null);
        EmbeddingSettings openAi = new EmbeddingSettings(Provider.OPENAI, null, null, " ", null);

        assertThat(ollama.baseUrl()).isEqualTo(LlmSettings.DEFAULT_OLLAMA_URL);
        assertThat(ollama.model()).isEqualTo(EmbeddingSettings.DEFAULT_OLLAMA_MODEL);
        assertThat(ollama.timeout()).isEqualTo(EmbeddingSettings.DEFAULT_TIMEOUT);
        assertThat(openAi.baseUrl()).isEqualTo(LlmSettings.DEFAULT_OPENAI_URL);
        assertThat(openAi.model()).isEqualTo(EmbeddingSettings.DEFAULT_OPENAI_MODEL);
        assertThat(openAi.apiKey()).isNull();
        assertThat(new EmbeddingSettings(Provider.OPENAI, "http://gpu-box:8000/v1//", " bge-m3 ", null, null))
                .satisfies(s -> {
                    assertThat(s.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
                    assertThat(s.model()).isEqualTo("bge-m3");
                });
    }

    @Test
    void settingsNeverPrintTheKey() {
        assertThat(new EmbeddingSettings(Provider.OPENAI, null, null, "sk-secret", null).toString())
                .contains("apiKey=***")
                .doesNotContain("sk-secret");
    }

    @Test
    void settingsRejectWhatCannotWork() {
        assertThatThrownBy(() -> new EmbeddingSettings(null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider must be ollama or openai");
        assertThatThrownBy(() -> new EmbeddingSettings(Provider.NONE, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider must be ollama or openai");
        assertThatThrownBy(() -> new EmbeddingSettings(Provider.OPENAI, "http://gpu-box:8000/v1", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the OpenAI-compatible embedding server at http://gpu-box:8000/v1 needs a model name");
        for (String bad : List.of("localhost:11434", "ftp://host/v1", "http://", "http://bad host:1", "not a url")) {
            assertThatThrownBy(() -> new EmbeddingSettings(Provider.OLLAMA, bad, null, null, null))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be an http or https URL with a host")
                    .hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> new EmbeddingSettings(Provider.OLLAMA, null, null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
    }
}
