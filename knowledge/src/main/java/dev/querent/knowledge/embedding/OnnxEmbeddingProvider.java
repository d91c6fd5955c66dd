package dev.querent.knowledge.embedding;

import dev.querent.llm.EmbeddingModelProvider;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.IdentifiedEmbeddingModel;

/**
 * {@code onnx}: bge-small-en-v1.5 (quantised) in process, offline. Endpoint, model and key settings
 * do not apply and are ignored.
 */
public final class OnnxEmbeddingProvider implements EmbeddingModelProvider {
    public static final String NAME = "onnx";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public IdentifiedEmbeddingModel create(EmbeddingSettings settings) {
        return OnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }
}
