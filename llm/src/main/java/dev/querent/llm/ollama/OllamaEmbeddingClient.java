package dev.querent.llm.ollama;

import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.internal.BoundedRetry;
import dev.querent.llm.internal.Failure;
import dev.querent.llm.internal.HttpStatusFailure;
import dev.querent.llm.internal.RemoteEmbeddingModel;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.ollama.OllamaEmbeddingModel;
import org.springframework.ai.ollama.api.OllamaEmbeddingOptions;
import org.springframework.ai.ollama.management.ModelManagementOptions;
import org.springframework.ai.ollama.management.PullModelStrategy;

/**
 * Embeds through Ollama's {@code POST /api/embed} with Spring AI's {@link OllamaEmbeddingModel}. The
 * model must be installed: it is never pulled at run time, and a missing one fails with HTTP 404.
 */
public final class OllamaEmbeddingClient extends RemoteEmbeddingModel {
    /** The model used when none is named. */
    public static final String DEFAULT_MODEL = "nomic-embed-text";

    private final OllamaEmbeddingModel embeddingModel;

    private OllamaEmbeddingClient(Builder b) {
        super(OllamaLlmClient.PROVIDER, b.baseUrl, b.model, modelId(b.model), b.timeout, b.retry);
        this.embeddingModel = OllamaEmbeddingModel.builder()
                .ollamaApi(OllamaLlmClient.api(b.baseUrl, b.timeout))
                .options(OllamaEmbeddingOptions.builder().model(b.model).build())
                .modelManagementOptions(new ModelManagementOptions(PullModelStrategy.NEVER, List.of(), b.timeout, 0))
                .observationRegistry(ObservationRegistry.NOOP)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code ollama:<model>}; Ollama resolves an untagged name to {@code :latest}, so that tag is left out. */
    private static String modelId(String model) {
        return "ollama:" + model.toLowerCase(Locale.ROOT).replaceFirst(":latest$", "");
    }

    @Override
    protected EmbeddingModel delegate() {
        return embeddingModel;
    }

    @Override
    protected Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpStatusFailure f) {
                return fromStatus(f.status(), f.body(), error);
            }
        }
        return errors.fromTransport(error).orElseGet(() -> errors.unexpected(error));
    }

    /** Defaults: local Ollama, {@value #DEFAULT_MODEL}. */
    public static final class Builder {
        private String baseUrl = OllamaLlmClient.DEFAULT_URL;
        private String model = DEFAULT_MODEL;
        private Duration timeout = EmbeddingSettings.DEFAULT_TIMEOUT;
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

        public OllamaEmbeddingClient build() {
            if (model.isBlank()) {
                throw new IllegalArgumentException("an Ollama embedding model needs a model name");
            }
            return new OllamaEmbeddingClient(this);
        }
    }
}
