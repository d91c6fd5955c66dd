package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.llm.ollama.OllamaEmbeddingClient;
import dev.querent.llm.ollama.OllamaEmbeddingProvider;
import dev.querent.llm.openai.OpenAiCompatibleEmbeddingClient;
import dev.querent.llm.openai.OpenAiEmbeddingProvider;
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
import org.junit.jupiter.params.provider.ValueSource;
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

    private static final EmbeddingModelRegistry REGISTRY =
            new EmbeddingModelRegistry(List.of(new OllamaEmbeddingProvider(), new OpenAiEmbeddingProvider()));

    private FakeLlmServer server;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String provider) {
        return provider.equals("ollama") ? server.baseUrl() : server.openAiUrl();
    }

    private static String path(String provider) {
        return provider.equals("ollama") ? "/api/embed" : "/v1/embeddings";
    }

    private IdentifiedEmbeddingModel model(String provider) {
        return REGISTRY.create(
                new EmbeddingSettings(provider, url(provider), "fixture-embed", "sk-test", Duration.ofSeconds(5)));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void embedsABatchIntoTheServersVectors(String provider) {
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
    @ValueSource(strings = {"ollama", "openai"})
    void requestCarriesTheConfiguredModelAndTheTexts(String provider) {
        model(provider).embed(TEXTS);

        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly(path(provider));
        JsonNode body = server.requests().getFirst().json();
        assertThat(body.path("model").asString()).isEqualTo("fixture-embed");
        assertThat(body.path("input").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(TEXTS);
    }

    @Test
    void openAiRequestCarriesTheKeyAndOllamaIgnoresIt() {
        model("openai").embed("q");
        model("ollama").embed("q");

        assertThat(server.requests("/v1/embeddings").getFirst().headers())
                .containsEntry("authorization", "Bearer sk-test");
        assertThat(server.requests("/api/embed").getFirst().headers()).doesNotContainKey("authorization");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void dimensionsAreProbedOnceWhenNothingWasEmbeddedYet(String provider) {
        server.embeddingDimensions(48);
        IdentifiedEmbeddingModel model = model(provider);

        assertThat(model.dimensions()).isEqualTo(48);
        assertThat(model.dimensions()).isEqualTo(48);
        assertThat(model.embed("orders")).hasSize(48);

        assertThat(server.requests(path(provider))).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void dimensionsComeFromTheFirstAnswerWithoutAProbe(String provider) {
        IdentifiedEmbeddingModel model = model(provider);
        model.embed(TEXTS);

        assertThat(model.dimensions()).isEqualTo(FakeLlmServer.DEFAULT_EMBEDDING_DIMENSIONS);
        assertThat(server.requests(path(provider))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void documentsAreEmbeddedByTheirTextOnly(String provider) {
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
    @ValueSource(strings = {"ollama", "openai"})
    void anEmptyBatchSendsNothing(String provider) {
        assertThat(model(provider).embed(List.of())).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void aRequestMayNotSwitchModel(String provider) {
        EmbeddingRequest request = new EmbeddingRequest(
                TEXTS, EmbeddingOptions.builder().model("other").build());

        assertThatThrownBy(() -> model(provider).call(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another model: 'other'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void modelIdsNameProviderAndModel() {
        assertThat(REGISTRY.create(new EmbeddingSettings("ollama", null, null, null, null))
                        .modelId())
                .isEqualTo("ollama:nomic-embed-text");
        assertThat(REGISTRY.create(new EmbeddingSettings("ollama", null, "Nomic-Embed-Text:latest", null, null))
                        .modelId())
                .isEqualTo("ollama:nomic-embed-text");
        assertThat(REGISTRY.create(new EmbeddingSettings("ollama", null, "bge-m3:567m", null, null))
                        .modelId())
                .isEqualTo("ollama:bge-m3:567m");
        assertThat(REGISTRY.create(new EmbeddingSettings("openai", null, null, null, null))
                        .modelId())
                .isEqualTo("openai:text-embedding-3-small");
        assertThat(REGISTRY.create(new EmbeddingSettings("openai", "http://gpu-box:8000/v1", "BAAI/bge-m3", null, null))
                        .modelId())
                .isEqualTo("openai:BAAI/bge-m3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void anUnreachableServerIsUnavailableNamingTheUrl(String provider) throws IOException {
        int port = closedPort();
        String url = "http://127.0.0.1:" + port + (provider.equals("openai") ? "/v1" : "");
        IdentifiedEmbeddingModel down =
                REGISTRY.create(new EmbeddingSettings(provider, url, "fixture-embed", null, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> down.embed("orders")).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains(url).contains("not reachable");
        });
        assertThatThrownBy(down::dimensions).isInstanceOf(QuerentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void aServerErrorNamesTheUrlAndStatusAfterBoundedRetries(String provider) {
        server.enqueueEmbeddings(Reply.status(500, "boom"), Reply.status(500, "boom"), Reply.status(500, "boom"));

        assertThatThrownBy(() -> model(provider).embed(TEXTS)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains(url(provider)).contains("HTTP 500");
        });
        assertThat(server.requests(path(provider))).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void aPassingServerErrorIsRetried(String provider) {
        server.enqueueEmbeddings(Reply.status(503, "loading"), Reply.disconnect());

        assertThat(model(provider).embed(TEXTS)).hasSize(3);
        assertThat(server.requests(path(provider))).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void anUnknownModelIsReportedWithoutRetry(String provider) {
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

        assertThatThrownBy(() -> model("openai").embed(TEXTS))
                .isInstanceOfSatisfying(QuerentException.class, e -> assertThat(e.getMessage())
                        .contains("HTTP 401")
                        .contains("embedding API key")
                        .doesNotContain("QUERENT_LLM_API_KEY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai"})
    void anAnswerWithTooFewVectorsIsBadOutput(String provider) {
        String body = provider.equals("ollama")
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
    void blankSettingsFallBackToEachProvidersDefaults() {
        IdentifiedEmbeddingModel ollama = REGISTRY.create(new EmbeddingSettings("ollama", " ", "", null, null));
        IdentifiedEmbeddingModel openAi = REGISTRY.create(new EmbeddingSettings("openai", null, null, " ", null));

        assertThat(ollama.modelId()).isEqualTo("ollama:" + OllamaEmbeddingClient.DEFAULT_MODEL);
        assertThat(openAi.modelId()).isEqualTo("openai:" + OpenAiCompatibleEmbeddingClient.DEFAULT_MODEL);
        EmbeddingSettings blank = new EmbeddingSettings(" OpenAI ", " ", "", " ", null);
        assertThat(blank.provider()).isEqualTo("openai");
        assertThat(blank.baseUrl()).isNull();
        assertThat(blank.model()).isNull();
        assertThat(blank.apiKey()).isNull();
        assertThat(blank.timeout()).isEqualTo(EmbeddingSettings.DEFAULT_TIMEOUT);
        assertThat(blank.withDefaults("http://a:1", "m")).satisfies(s -> {
            assertThat(s.baseUrl()).isEqualTo("http://a:1");
            assertThat(s.model()).isEqualTo("m");
        });
        assertThat(new EmbeddingSettings("openai", "http://gpu-box:8000/v1//", " bge-m3 ", null, null))
                .satisfies(s -> {
                    assertThat(s.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
                    assertThat(s.model()).isEqualTo("bge-m3");
                    assertThat(s.withDefaults("http://other:1", "other")).isEqualTo(s);
                });
    }

    @Test
    void settingsNeverPrintTheKey() {
        assertThat(new EmbeddingSettings("openai", null, null, "sk-secret", null).toString())
                .contains("apiKey=***")
                .doesNotContain("sk-secret");
    }

    @Test
    void settingsRejectWhatCannotWork() {
        assertThatThrownBy(() -> new EmbeddingSettings(null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no embedding provider");
        assertThatThrownBy(() -> REGISTRY.create(EmbeddingSettings.of("none")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown embedding model provider 'none' (known: ollama, openai)");
        assertThatThrownBy(() ->
                        REGISTRY.create(new EmbeddingSettings("openai", "http://gpu-box:8000/v1", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the OpenAI-compatible embedding server at http://gpu-box:8000/v1 needs a model name");
        for (String bad : List.of("localhost:11434", "ftp://host/v1", "http://", "http://bad host:1", "not a url")) {
            assertThatThrownBy(() -> new EmbeddingSettings("ollama", bad, null, null, null))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be an http or https URL with a host")
                    .hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> new EmbeddingSettings("ollama", null, null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
    }
}
