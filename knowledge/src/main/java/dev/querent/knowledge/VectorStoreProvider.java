package dev.querent.knowledge;

import org.springframework.ai.vectorstore.VectorStore;

/**
 * Opens vector stores of one kind for the knowledge base. Registered in the {@link
 * VectorStoreRegistry} by {@link #name()}, which is what {@code querent.knowledge.store} names; the
 * store's own settings are {@code querent.knowledge.<name>.*} ({@link VectorStoreSettings#options()}).
 */
public interface VectorStoreProvider {
    /** Stable lower-case name, e.g. {@code lucene}, {@code pgvector}, {@code chroma}. */
    String name();

    /**
     * Opens (and creates when missing) the index of {@link VectorStoreSettings#model()}, one per
     * model: vectors of different models are never mixed. A store that holds resources is {@link
     * AutoCloseable}.
     *
     * @throws IllegalArgumentException for invalid options, naming the setting
     * @throws RuntimeException when the store cannot be reached (the application then fails to start)
     */
    VectorStore create(VectorStoreSettings settings);
}
