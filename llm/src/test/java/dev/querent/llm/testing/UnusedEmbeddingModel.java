package dev.querent.llm.testing;

import dev.querent.llm.IdentifiedEmbeddingModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * An embedding model that only has an id: for tests of what is built around a model (index names,
 * settings) that must fail if anything asks it to embed.
 */
public record UnusedEmbeddingModel(String modelId) implements IdentifiedEmbeddingModel {

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        throw new AssertionError("not embedded");
    }

    @Override
    public float[] embed(Document document) {
        throw new AssertionError("not embedded");
    }
}
