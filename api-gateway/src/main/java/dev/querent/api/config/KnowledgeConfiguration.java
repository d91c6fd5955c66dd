package dev.querent.api.config;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.LearningAgent;
import dev.querent.agents.store.SettingsStore;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.VectorStoreProvider;
import dev.querent.knowledge.VectorStoreRegistry;
import dev.querent.knowledge.VectorStoreSettings;
import dev.querent.knowledge.index.IndexedPatternStore;
import dev.querent.knowledge.index.VectorKnowledgeIndex;
import dev.querent.knowledge.jdbi.JdbiPatternStore;
import dev.querent.llm.EmbeddingModelProvider;
import dev.querent.llm.EmbeddingModelRegistry;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.IdentifiedEmbeddingModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The knowledge base: the embedding model (in-process ONNX by default), the vector store (embedded
 * Lucene by default; pgvector or Chroma when configured), the index over it, and the service that
 * keeps the index in line with the metadata store. Each embedding model gets its own index (a
 * directory, schema or collection named after it), so changing the model re-embeds everything.
 */
@Configuration(proxyBeanMethods = false)
public class KnowledgeConfiguration {

    /** The embedding model providers {@code querent.knowledge.embedding.provider} may name. */
    @Bean
    EmbeddingModelRegistry embeddingModelRegistry() {
        return Providers.embeddingModels();
    }

    /** The vector store providers {@code querent.knowledge.store} may name. */
    @Bean
    VectorStoreRegistry vectorStoreRegistry() {
        return Providers.vectorStores();
    }

    @Bean
    IdentifiedEmbeddingModel embeddingModel(QuerentProperties props, EmbeddingModelRegistry registry) {
        return embeddingModel(props.knowledge().embedding(), registry);
    }

    /** @throws IllegalStateException for an unknown provider, naming the setting and the known names */
    static IdentifiedEmbeddingModel embeddingModel(QuerentProperties.Embedding e, EmbeddingModelRegistry registry) {
        EmbeddingModelProvider provider = Providers.named(
                "querent.knowledge.embedding.provider",
                "QUERENT_EMBEDDING_PROVIDER",
                () -> registry.provider(e.provider()));
        return provider.create(new EmbeddingSettings(provider.name(), e.baseUrl(), e.model(), e.apiKey(), null));
    }

    /** Closed with the context (Lucene commits, Chroma releases its client). */
    @Bean
    VectorStore vectorStore(
            QuerentProperties props, IdentifiedEmbeddingModel model, VectorStoreRegistry registry, Environment env) {
        return vectorStore(props, model, registry, Binder.get(env));
    }

    /**
     * The store {@code querent.knowledge.store} names, with its own settings {@code
     * querent.knowledge.<name>.*} and, for stores that keep files, {@code <data>/index/<model>}.
     *
     * @throws IllegalStateException for an unknown store, naming the setting and the known names
     */
    static VectorStore vectorStore(
            QuerentProperties props, IdentifiedEmbeddingModel model, VectorStoreRegistry registry, Binder binder) {
        VectorStoreProvider provider = Providers.named(
                "querent.knowledge.store",
                "QUERENT_KNOWLEDGE_STORE",
                () -> registry.provider(props.knowledge().store()));
        Map<String, String> options = binder.bind(
                        "querent.knowledge." + provider.name(), Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        String index = VectorStoreSettings.indexName(model.modelId());
        Supplier<Path> localDirectory = () -> OwnerOnlyFiles.directory(
                OwnerOnlyFiles.directory(QuerentConfiguration.dataDir(props).resolve("index"))
                        .resolve(index));
        var metadata = props.metadata();
        return provider.create(new VectorStoreSettings(
                model,
                localDirectory,
                options,
                new VectorStoreSettings.Database(metadata.url(), metadata.username(), metadata.password())));
    }

    @Bean
    KnowledgeIndex knowledgeIndex(VectorStore store, IdentifiedEmbeddingModel model) {
        return new VectorKnowledgeIndex(store, model.modelId());
    }

    /** Patterns in the metadata store, mirrored into the index as they change. */
    @Bean
    PatternStore patternStore(Jdbi jdbi, Clock clock, KnowledgeIndex index) {
        return new IndexedPatternStore(new JdbiPatternStore(jdbi, clock), index);
    }

    @Bean
    KnowledgeService knowledgeService(
            KnowledgeIndex index,
            DataSourceService dataSources,
            PatternStore patterns,
            KnowledgeNotes notes,
            SettingsStore settings,
            LearningAgent learning) {
        return new KnowledgeService(index, dataSources, patterns, notes, settings, learning);
    }
}
