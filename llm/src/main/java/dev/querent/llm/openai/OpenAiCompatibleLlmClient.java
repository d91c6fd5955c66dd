package dev.querent.llm.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.models.Model;
import dev.querent.llm.LlmHealth;
import dev.querent.llm.LlmRequest;
import dev.querent.llm.LlmSettings;
import dev.querent.llm.internal.BoundedRetry;
import dev.querent.llm.internal.ChatModelLlmClient;
import dev.querent.llm.internal.Failure;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.setup.OpenAiSetup;

/**
 * Talks to {@code POST {baseUrl}/chat/completions} through Spring AI's {@link OpenAiChatModel}
 * (which uses the official OpenAI Java SDK). Spring AI's auto-configuration is not involved, so a
 * missing API key is fine: servers without authentication get no {@code Authorization} header.
 */
public final class OpenAiCompatibleLlmClient extends ChatModelLlmClient {
    public static final String PROVIDER = "OpenAI-compatible";
    /** OpenAI's own endpoint. */
    public static final String DEFAULT_URL = "https://api.openai.com/v1";

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final OpenAiChatModel chatModel;
    private final OpenAIClient client;
    private final boolean nativeCandidates;
    private final boolean continueFinalMessage;

    private OpenAiCompatibleLlmClient(Builder b) {
        super(PROVIDER, b.baseUrl, b.model, b.temperature, b.maxTokens, b.timeout, b.retry);
        this.nativeCandidates = b.nativeCandidates;
        this.continueFinalMessage = b.continueFinalMessage;
        this.client = syncClient(b.baseUrl, b.apiKey, b.model, b.timeout);
        OpenAIClientAsync asyncClient = OpenAiSetup.setupAsyncClient(
                b.baseUrl,
                sdkKey(b.apiKey),
                null,
                null,
                null,
                null,
                false,
                false,
                b.model,
                b.timeout,
                0,
                null,
                Map.of(),
                ObservationRegistry.NOOP,
                null,
                List.of());
        this.chatModel = OpenAiChatModel.builder()
                .openAiClient(client)
                .openAiClientAsync(asyncClient)
                .options(OpenAiChatOptions.builder().model(b.model).build())
                .observationRegistry(ObservationRegistry.NOOP)
                .build();
    }

    /** The SDK's blocking client, as the chat and the embedding clients both use it. */
    static OpenAIClient syncClient(String baseUrl, String apiKey, String model, Duration timeout) {
        // Retries are ours (bounded, transient failures only), so the SDK's own are off.
        return OpenAiSetup.setupSyncClient(
                baseUrl,
                sdkKey(apiKey),
                null,
                null,
                null,
                null,
                false,
                false,
                model,
                timeout,
                0,
                null,
                Map.of(),
                ObservationRegistry.NOOP,
                null,
                List.of());
    }

    /**
     * An empty key selects the SDK's no-auth mode; null would make it read OPENAI_API_KEY from the
     * environment and send that key to whatever server the base URL names.
     */
    private static String sdkKey(String apiKey) {
        return apiKey == null ? "" : apiKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected ChatModel chatModel() {
        return chatModel;
    }

    @Override
    protected int maxChoicesPerCall() {
        return nativeCandidates ? LlmRequest.MAX_CANDIDATES : 1;
    }

    @Override
    protected boolean concurrentCalls() {
        return true;
    }

    @Override
    protected ChatOptions options(
            LlmRequest request, double temperature, int maxTokens, int choices, boolean streaming) {
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder();
        options.model(model());
        options.temperature(temperature);
        options.maxTokens(maxTokens);
        if (choices > 1) {
            options.n(choices);
        }
        if (streaming) {
            options.streamUsage(true);
        }
        if (continueFinalMessage && request.hasPrefill()) {
            options.extraBody(Map.of("continue_final_message", true, "add_generation_prompt", false));
        }
        return options.build();
    }

    @Override
    protected Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OpenAIServiceException e) {
                return errors.fromStatus(e.statusCode(), String.valueOf(e.body()), error);
            }
            if (t instanceof OpenAIInvalidDataException) {
                return errors.badOutput("the payload does not match the chat-completions API", error);
            }
        }
        return errors.fromTransport(error).orElseGet(() -> errors.unexpected(error));
    }

    @Override
    public LlmHealth health() {
        String url = errors.displayUrl();
        try {
            List<String> ids = client
                    .withOptions(o -> o.timeout(timeout().compareTo(HEALTH_TIMEOUT) < 0 ? timeout() : HEALTH_TIMEOUT))
                    .models()
                    .list()
                    .data()
                    .stream()
                    .map(Model::id)
                    .toList();
            boolean present = ids.contains(model());
            String detail = present
                    ? "model '" + model() + "' is available"
                    : "model '" + model() + "' is not served here (served: " + String.join(", ", ids) + ")";
            return new LlmHealth(PROVIDER, url, model(), true, present, detail);
        } catch (OpenAIServiceException e) {
            if (e.statusCode() == 404) {
                // Some servers have no model listing; the chat endpoint may still work.
                return new LlmHealth(PROVIDER, url, model(), true, true, "the server does not list its models");
            }
            return new LlmHealth(
                    PROVIDER, url, model(), true, false, classify(e).error().getMessage());
        } catch (RuntimeException e) {
            return new LlmHealth(
                    PROVIDER, url, model(), false, false, classify(e).error().getMessage());
        }
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleLlmClient[" + errors.displayUrl() + ", model=" + model() + "]";
    }

    /** Defaults: OpenAI's endpoint, no key, one candidate per call. The model is required. */
    public static final class Builder {
        private String baseUrl = DEFAULT_URL;
        private String apiKey;
        private String model;
        private Double temperature;
        private int maxTokens = LlmSettings.DEFAULT_MAX_TOKENS;
        private Duration timeout = LlmSettings.DEFAULT_TIMEOUT;
        private BoundedRetry retry = BoundedRetry.defaults();
        private boolean nativeCandidates;
        private boolean continueFinalMessage;

        private Builder() {}

        /** The API root including its version path, e.g. {@code http://localhost:8000/v1}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
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

        /**
         * Ask for all candidates in one request with {@code n} (OpenAI, vLLM). Off by default because
         * several servers (Groq, some llama.cpp builds) reject or ignore {@code n}; then candidates are
         * separate concurrent requests. When a server returns fewer choices than asked, the rest are
         * requested again.
         */
        public Builder nativeCandidates(boolean nativeCandidates) {
            this.nativeCandidates = nativeCandidates;
            return this;
        }

        /**
         * Send vLLM's {@code continue_final_message}/{@code add_generation_prompt} flags with requests
         * that carry an assistant prefill, so vLLM continues the prefilled turn instead of starting a
         * new one. Other servers may reject the unknown fields; leave it off for them.
         */
        public Builder continueFinalMessage(boolean continueFinalMessage) {
            this.continueFinalMessage = continueFinalMessage;
            return this;
        }

        public OpenAiCompatibleLlmClient build() {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("an OpenAI-compatible client needs a model name");
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be positive");
            }
            return new OpenAiCompatibleLlmClient(this);
        }
    }
}
