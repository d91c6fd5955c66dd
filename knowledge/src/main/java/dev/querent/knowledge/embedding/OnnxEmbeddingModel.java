package dev.querent.knowledge.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.querent.llm.IdentifiedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * BGE-small-en v1.5 (int8-quantised ONNX, 384 dimensions) running in-process.
 *
 * <p>The model file and tokenizer are read from the classpath (they ship inside the langchain4j
 * jar), so nothing is downloaded at build or run time. The ONNX session and the tokenizer are
 * loaded once per class loader and are safe for concurrent use (langchain4j itself embeds a batch
 * on several threads against the same session), so one instance can serve the whole application.
 *
 * <p>Vectors are L2-normalised by the model; stores may compare them by dot product. Creating the
 * first instance switches DJL (the tokenizer's library) to offline mode unless already configured.
 */
public final class OnnxEmbeddingModel implements IdentifiedEmbeddingModel {
    public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q";

    static {
        // The tokenizer is DJL's, which otherwise probes the cloud metadata address and may send
        // telemetry whenever a tokenizer is created, and may download native libraries it misses.
        // Querent promises no network at run time; an explicit setting by the operator still wins.
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    private final dev.langchain4j.model.embedding.EmbeddingModel delegate;
    private final String modelId;
    private final int dimensions;

    private OnnxEmbeddingModel(dev.langchain4j.model.embedding.EmbeddingModel delegate, String modelId) {
        this.delegate = delegate;
        this.modelId = modelId;
        this.dimensions = delegate.dimension();
    }

    /** BGE-small-en v1.5, quantised; batches are split across langchain4j's default pool. */
    public static OnnxEmbeddingModel bgeSmallEnV15Quantized() {
        return new OnnxEmbeddingModel(new BgeSmallEnV15QuantizedEmbeddingModel(), BGE_SMALL_EN_V15_Q);
    }

    /** As {@link #bgeSmallEnV15Quantized()}, with the executor that runs the texts of a batch. */
    public static OnnxEmbeddingModel bgeSmallEnV15Quantized(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return new OnnxEmbeddingModel(new BgeSmallEnV15QuantizedEmbeddingModel(executor), BGE_SMALL_EN_V15_Q);
    }

    /**
     * A stable name for the vectors this model makes. Stores record it next to each vector because
     * vectors from different models are not comparable, even when their dimensions agree.
     */
    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        checkOptions(request.getOptions());
        List<String> texts = request.getInstructions();
        if (texts.isEmpty()) {
            return new EmbeddingResponse(List.of(), new EmbeddingResponseMetadata(modelId, new DefaultUsage(0, 0)));
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(Objects.requireNonNull(text, "text to embed")));
        }
        Response<List<dev.langchain4j.data.embedding.Embedding>> response = delegate.embedAll(segments);
        List<Embedding> embeddings = new ArrayList<>(texts.size());
        for (int i = 0; i < response.content().size(); i++) {
            embeddings.add(new Embedding(response.content().get(i).vector(), i));
        }
        TokenUsage usage = response.tokenUsage();
        int inputTokens = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        return new EmbeddingResponse(
                embeddings, new EmbeddingResponseMetadata(modelId, new DefaultUsage(inputTokens, 0)));
    }

    /**
     * Embeds the document's text only. Metadata (data source ids, kinds) is for filtering; mixing it
     * into the vector would make every document of a data source look alike.
     */
    @Override
    public float[] embed(Document document) {
        if (!document.isText() || document.getText() == null) {
            throw new IllegalArgumentException("Only text documents can be embedded: " + document.getId());
        }
        return embed(document.getText());
    }

    @Override
    public String toString() {
        return "OnnxEmbeddingModel[" + modelId + ", " + dimensions + " dimensions]";
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private void checkOptions(EmbeddingOptions options) {
        // The model is fixed; answering a request for another size with 384 numbers would be wrong.
        if (options != null && options.getDimensions() != null && options.getDimensions() != dimensions) {
            throw new IllegalArgumentException(
                    modelId + " makes " + dimensions + "-dimensional vectors, not " + options.getDimensions());
        }
    }
}
