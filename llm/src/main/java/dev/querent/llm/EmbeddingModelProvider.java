package dev.querent.llm;

/**
 * Builds {@link IdentifiedEmbeddingModel}s of one kind. Registered in the {@link
 * EmbeddingModelRegistry} by {@link #name()}, which is what {@code querent.knowledge.embedding.provider}
 * names.
 */
public interface EmbeddingModelProvider {
    /** Stable lower-case name, e.g. {@code onnx}, {@code ollama}, {@code openai}. */
    String name();

    /**
     * The model the settings describe, with this provider's defaults where they leave a value blank.
     * A served model sends nothing to its server until the first embedding (or the first call to
     * {@code dimensions()}, which embeds a short probe text when nothing was embedded yet).
     *
     * @throws IllegalArgumentException naming what is invalid or missing
     */
    IdentifiedEmbeddingModel create(EmbeddingSettings settings);
}
