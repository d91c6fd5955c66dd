package dev.querent.knowledge.embedding;

import dev.querent.llm.EmbeddingModelProvider;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.IdentifiedEmbeddingModel;
import dev.querent.llm.testing.EmbeddingModelContract;

/** The in-process model keeps the same promises as the served ones. */
class OnnxEmbeddingContractTest extends EmbeddingModelContract {
    private static final IdentifiedEmbeddingModel MODEL = OnnxEmbeddingModel.bgeSmallEnV15Quantized();

    @Override
    protected EmbeddingModelProvider provider() {
        return new OnnxEmbeddingProvider();
    }

    @Override
    protected EmbeddingSettings settings() {
        return EmbeddingSettings.of("onnx");
    }

    @Override
    protected IdentifiedEmbeddingModel model() {
        return MODEL;
    }
}
