package dev.querent.llm.ollama;

import dev.querent.llm.LlmHealth;
import dev.querent.llm.LlmRequest;
import dev.querent.llm.LlmSettings;
import dev.querent.llm.internal.BoundedRetry;
import dev.querent.llm.internal.ChatModelLlmClient;
import dev.querent.llm.internal.Failure;
import dev.querent.llm.internal.HttpStatusFailure;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.ollama.management.ModelManagementOptions;
import org.springframework.ai.ollama.management.PullModelStrategy;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Talks to Ollama's {@code /api/chat} through Spring AI's {@link OllamaChatModel}. Candidates are
 * generated one call after another: Ollama has no {@code n}, and a local server usually serves one
 * request at a time, so parallel calls would only queue and race the timeout.
 */
public final class OllamaLlmClient extends ChatModelLlmClient {
    public static final String PROVIDER = "Ollama";
    /** A local Ollama server. */
    public static final String DEFAULT_URL = "http://localhost:11434";
    /** The recommended model, as {@code llm/ollama/Modelfile} creates it. */
    public static final String DEFAULT_MODEL = "arctic-text2sql-r1";
    /** Arctic-Text2SQL-R1 was trained and evaluated with inputs of up to 8 K tokens. */
    public static final int DEFAULT_NUM_CTX = 8192;
    /** Qwen2.5's end-of-turn token, in case the model's template does not declare it. */
    public static final List<String> DEFAULT_STOP = List.of("<|im_end|>");

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern LEADING_STATUS = Pattern.compile("^\\s*(\\d{3})\\b");

    private final OllamaChatModel chatModel;
    private final OllamaApi healthApi;
    private final int numCtx;
    private final List<String> stop;

    private OllamaLlmClient(Builder b) {
        super(PROVIDER, b.baseUrl, b.model, b.temperature, b.maxTokens, b.timeout, b.retry);
        this.numCtx = b.numCtx;
        this.stop = List.copyOf(b.stop);
        OllamaApi api = api(b.baseUrl, b.timeout);
        // Retries are ours (bounded, transient failures only); Spring AI's default retries for minutes.
        RetryTemplate noRetry = new RetryTemplate(RetryPolicy.withMaxRetries(0));
        this.chatModel = OllamaChatModel.builder()
                .ollamaApi(api)
                .options(OllamaChatOptions.builder().model(b.model).build())
                .modelManagementOptions(new ModelManagementOptions(PullModelStrategy.NEVER, List.of(), b.timeout, 0))
                .observationRegistry(ObservationRegistry.NOOP)
                .retryTemplate(noRetry)
                .build();
        this.healthApi = api(b.baseUrl, b.timeout.compareTo(HEALTH_TIMEOUT) < 0 ? b.timeout : HEALTH_TIMEOUT);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected ChatModel chatModel() {
        return chatModel;
    }

    @Override
    protected ChatOptions options(
            LlmRequest request, double temperature, int maxTokens, int choices, boolean streaming) {
        return OllamaChatOptions.builder()
                .model(model())
                .temperature(temperature)
                .numPredict(maxTokens)
                .numCtx(numCtx)
                .stop(stop)
                .build();
    }

    @Override
    protected Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpStatusFailure f) {
                return errors.fromStatus(f.status(), f.body(), error);
            }
            if (t instanceof WebClientResponseException w) {
                return errors.fromStatus(w.getStatusCode().value(), w.getResponseBodyAsString(), error);
            }
            if (t instanceof TransientAiException || t instanceof NonTransientAiException) {
                Matcher m = LEADING_STATUS.matcher(Objects.requireNonNullElse(t.getMessage(), ""));
                if (m.find()) {
                    return errors.fromStatus(Integer.parseInt(m.group(1)), null, error);
                }
            }
        }
        return errors.fromTransport(error).orElseGet(() -> errors.unexpected(error));
    }

    @Override
    public LlmHealth health() {
        String url = errors.displayUrl();
        try {
            OllamaApi.ListModelResponse tags = healthApi.listModels();
            List<String> names = tags == null || tags.models() == null
                    ? List.of()
                    : tags.models().stream()
                            .map(OllamaApi.Model::name)
                            .filter(Objects::nonNull)
                            .toList();
            String wanted = withTag(model());
            boolean present = names.stream().map(OllamaLlmClient::withTag).anyMatch(wanted::equals);
            String detail = present
                    ? "model '" + model() + "' is available"
                    : "model '" + model() + "' is not installed; create it with 'ollama create " + model()
                            + " -f llm/ollama/Modelfile' (installed: " + String.join(", ", names) + ")";
            return new LlmHealth(PROVIDER, url, model(), true, present, detail);
        } catch (HttpStatusFailure e) {
            String detail = PROVIDER + " at " + url + " answered HTTP " + e.status() + " when asked for its models";
            return new LlmHealth(PROVIDER, url, model(), true, false, detail);
        } catch (RuntimeException e) {
            return new LlmHealth(
                    PROVIDER, url, model(), false, false, classify(e).error().getMessage());
        }
    }

    @Override
    public String toString() {
        return "OllamaLlmClient[" + errors.displayUrl() + ", model=" + model() + "]";
    }

    /** Ollama resolves an untagged name to {@code :latest}. */
    private static String withTag(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains(":") ? n : n + ":latest";
    }

    /** The Ollama API client both the chat and the embedding clients use. */
    static OllamaApi api(String baseUrl, Duration timeout) {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade Ollama does not need.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        JdkClientHttpConnector connector = new JdkClientHttpConnector(http);
        connector.setReadTimeout(timeout);
        return OllamaApi.builder()
                .baseUrl(baseUrl)
                .restClientBuilder(RestClient.builder().requestFactory(requests))
                .webClientBuilder(WebClient.builder().clientConnector(connector))
                .responseErrorHandler(HttpStatusFailure.HANDLER)
                .build();
    }

    /** Defaults: local Ollama, {@value #DEFAULT_MODEL}, 8 K context. */
    public static final class Builder {
        private String baseUrl = DEFAULT_URL;
        private String model = DEFAULT_MODEL;
        private Double temperature;
        private int maxTokens = LlmSettings.DEFAULT_MAX_TOKENS;
        private int numCtx = DEFAULT_NUM_CTX;
        private List<String> stop = DEFAULT_STOP;
        private Duration timeout = LlmSettings.DEFAULT_TIMEOUT;
        private BoundedRetry retry = BoundedRetry.defaults();

        private Builder() {}

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
            return this;
        }

        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The default temperature; {@code null} for 0.2 with one candidate and 1.0 with several. */
        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder numCtx(int numCtx) {
            this.numCtx = numCtx;
            return this;
        }

        public Builder stop(List<String> stop) {
            this.stop = List.copyOf(stop);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Attempts per call for transient failures (connection refused, 5xx, 429), the first wait
         * between them, doubling after that; the default is 3 attempts starting at 0.3 s.
         */
        public Builder retries(int maxAttempts, Duration initialBackoff) {
            this.retry = BoundedRetry.of(maxAttempts, initialBackoff);
            return this;
        }

        public OllamaLlmClient build() {
            if (maxTokens < 1 || numCtx < 1) {
                throw new IllegalArgumentException("maxTokens and numCtx must be positive");
            }
            return new OllamaLlmClient(this);
        }
    }
}
