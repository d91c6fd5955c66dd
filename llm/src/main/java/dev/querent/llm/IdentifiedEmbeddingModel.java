package dev.querent.llm;

import org.springframework.ai.embedding.EmbeddingModel;

/** An {@link EmbeddingModel} that says which model made its vectors. */
public interface IdentifiedEmbeddingModel extends EmbeddingModel {

    /**
     * A stable name for the vectors this model makes, such as {@code ollama:nomic-embed-text} or
     * {@code openai:text-embedding-3-small}. Stores record it next to each vector because vectors
     * from different models are not comparable, even when their dimensions agree.
     */
    String modelId();
}
