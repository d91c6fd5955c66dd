package dev.querent.api.config;

import dev.querent.knowledge.VectorStoreRegistry;
import dev.querent.knowledge.chroma.ChromaVectorStoreProvider;
import dev.querent.knowledge.embedding.OnnxEmbeddingProvider;
import dev.querent.knowledge.lucene.LuceneVectorStoreProvider;
import dev.querent.knowledge.pgvector.PgVectorStoreProvider;
import dev.querent.llm.ChatModelRegistry;
import dev.querent.llm.EmbeddingModelRegistry;
import dev.querent.llm.ollama.OllamaChatModelProvider;
import dev.querent.llm.ollama.OllamaEmbeddingProvider;
import dev.querent.llm.openai.OpenAiChatModelProvider;
import dev.querent.llm.openai.OpenAiEmbeddingProvider;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every model and store provider the application registers: adding one is one line here (the
 * connectors' list is {@link QuerentConfiguration#connectors}). The configuration names them with
 * {@code querent.llm.provider}, {@code querent.knowledge.embedding.provider} and {@code
 * querent.knowledge.store}.
 */
public final class Providers {
    private Providers() {}

    public static ChatModelRegistry chatModels() {
        return new ChatModelRegistry(List.of(new OllamaChatModelProvider(), new OpenAiChatModelProvider()));
    }

    public static EmbeddingModelRegistry embeddingModels() {
        return new EmbeddingModelRegistry(
                List.of(new OnnxEmbeddingProvider(), new OllamaEmbeddingProvider(), new OpenAiEmbeddingProvider()));
    }

    public static VectorStoreRegistry vectorStores() {
        return new VectorStoreRegistry(
                List.of(new LuceneVectorStoreProvider(), new PgVectorStoreProvider(), new ChromaVectorStoreProvider()));
    }

    /**
     * Looks up the provider a setting names; an unknown name stops the start with a message naming
     * the setting, its variable and the known names.
     */
    static <T> T named(String key, String variable, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + " (" + variable + "): " + e.getMessage(), e);
        }
    }
}
