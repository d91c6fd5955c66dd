package dev.querent.llm.internal;

import dev.querent.llm.IdentifiedEmbeddingModel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * An {@link IdentifiedEmbeddingModel} over a Spring AI {@link EmbeddingModel} that calls a server:
 * bounded retries, error translation, a check that every text got a vector of the same size, and
 * the dimensions remembered from the first answer. Providers supply the model and the
 * classification of their own exceptions. Failures are {@link dev.querent.core.QuerentException}s
 * with the codes {@link dev.querent.llm.LlmClient} uses.
 */
public abstract class RemoteEmbeddingModel implements IdentifiedEmbeddingModel {
    /** Embedded to learn the dimensions when nothing has been embedded yet. */
    private static final String PROBE = "dimensions probe";

    private final String model;
    private final String modelId;
    private final BoundedRetry retry;
    private final AtomicInteger dimensions = new AtomicInteger(-1);
    protected final ErrorTranslator errors;

    protected RemoteEmbeddingModel(
            String providerName, String baseUrl, String model, String modelId, Duration timeout, BoundedRetry retry) {
        this.model = model;
        this.modelId = modelId;
        this.retry = retry;
        this.errors = new ErrorTranslator(providerName, baseUrl, model, timeout);
    }

    protected abstract EmbeddingModel delegate();

    /** Translates a provider-specific failure (never a {@link dev.querent.core.QuerentException}). */
    protected abstract Failure classify(Throwable error);

    /** The model name the server is asked for. */
    public String model() {
        return model;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        checkOptions(request.getOptions());
        List<String> texts = request.getInstructions();
        if (texts.isEmpty()) {
            return new EmbeddingResponse(List.of());
        }
        EmbeddingResponse response = retry.call(() -> delegate().call(request), this::classify);
        List<Embedding> results = response == null ? List.of() : response.getResults();
        if (results.size() != texts.size()) {
            throw errors.badOutput("it holds " + results.size() + " vectors for " + texts.size() + " texts");
        }
        int expected = dimensions.get() > 0 ? dimensions.get() : length(results.getFirst());
        for (Embedding result : results) {
            if (length(result) == 0) {
                throw errors.badOutput("it holds an empty vector");
            }
            if (length(result) != expected) {
                throw errors.badOutput("it holds a vector of " + length(result) + " dimensions, not " + expected);
            }
        }
        dimensions.compareAndSet(-1, expected);
        return response;
    }

    /**
     * Embeds the document's text only. Metadata (data source ids, kinds) is for filtering; mixing it
     * into the vector would make every document of a data source look alike.
     */
    @Override
    public float[] embed(Document document) {
        String text = getEmbeddingContent(document);
        if (text == null) {
            throw new IllegalArgumentException("only text documents can be embedded: " + document.getId());
        }
        return embed(text);
    }

    /**
     * The size of this model's vectors, remembered from the first answer. Before any, this embeds a
     * short probe text once, so it calls the server and fails like {@link #call} when it is down.
     */
    @Override
    public int dimensions() {
        int known = dimensions.get();
        return known > 0 ? known : embed(PROBE).length;
    }

    /** Status failures, with a credentials hint that names the embedding settings. */
    protected Failure fromStatus(int status, String body, Throwable error) {
        if (status == 401 || status == 403) {
            return errors.unavailable(
                    "rejected the credentials (HTTP " + status + "); check the embedding API key", false, error);
        }
        return errors.fromStatus(status, body, error);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + errors.displayUrl() + ", " + modelId + "]";
    }

    private static int length(Embedding embedding) {
        return embedding.getOutput() == null ? 0 : embedding.getOutput().length;
    }

    /** Vectors are tagged with {@link #modelId()}, so a request may not switch model or size. */
    private void checkOptions(EmbeddingOptions options) {
        if (options == null) {
            return;
        }
        if (options.getModel() != null && !options.getModel().equals(model)) {
            throw new IllegalArgumentException(
                    modelId + " cannot embed with another model: '" + options.getModel() + "'");
        }
        if (options.getDimensions() != null && !Objects.equals(options.getDimensions(), dimensions())) {
            throw new IllegalArgumentException(
                    modelId + " makes " + dimensions() + "-dimensional vectors, not " + options.getDimensions());
        }
    }
}
