package dev.querent.llm.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.internal.BoundedRetry;
import dev.querent.llm.internal.Failure;
import dev.querent.llm.internal.RemoteEmbeddingModel;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

/**
 * Embeds through {@code POST {baseUrl}/embeddings} with Spring AI's {@link OpenAiEmbeddingModel}
 * (which uses the official OpenAI Java SDK). A missing API key is fine: servers without
 * authentication get no {@code Authorization} header.
 */
public final class OpenAiCompatibleEmbeddingClient extends RemoteEmbeddingModel {
    /** The model used on OpenAI's own endpoint when none is named. */
    public static final String DEFAULT_MODEL = "text-embedding-3-small";

    private final OpenAiEmbeddingModel embeddingModel;

    private OpenAiCompatibleEmbeddingClient(Builder b) {
        super(OpenAiCompatibleLlmClient.PROVIDER, b.baseUrl, b.model, "openai:" + b.model, b.timeout, b.retry);
        OpenAIClient client = OpenAiCompatibleLlmClient.syncClient(b.baseUrl, b.apiKey, b.model, b.timeout);
        this.embeddingModel = OpenAiEmbeddingModel.builder()
                .openAiClient(client)
                .options(OpenAiEmbeddingOptions.builder().model(b.model).build())
                .observationRegistry(ObservationRegistry.NOOP)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected EmbeddingModel delegate() {
        return embeddingModel;
    }

    @Override
    protected Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OpenAIServiceException e) {
                return fromStatus(e.statusCode(), String.valueOf(e.body()), error);
            }
            if (t instanceof OpenAIInvalidDataException) {
                return errors.badOutput("the payload does not match the embeddings API", error);
            }
        }
        return errors.fromTransport(error).orElseGet(() -> errors.unexpected(error));
    }

    /** Defaults: OpenAI's endpoint, {@value #DEFAULT_MODEL}, no key. */
    public static final class Builder {
        private String baseUrl = OpenAiCompatibleLlmClient.DEFAULT_URL;
        private String apiKey;
        private String model = DEFAULT_MODEL;
        private Duration timeout = EmbeddingSettings.DEFAULT_TIMEOUT;
        private BoundedRetry retry = BoundedRetry.defaults();

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

        public OpenAiCompatibleEmbeddingClient build() {
            if (model.isBlank()) {
                throw new IllegalArgumentException("an OpenAI-compatible embedding model needs a model name");
            }
            return new OpenAiCompatibleEmbeddingClient(this);
        }
    }
}
