package dev.querent.api.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.LearningAgent;
import dev.querent.agents.store.SettingsStore;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.chroma.ChromaVectorStore;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.index.IndexedPatternStore;
import dev.querent.knowledge.index.VectorKnowledgeIndex;
import dev.querent.knowledge.jdbi.JdbiPatternStore;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import dev.querent.knowledge.pgvector.PgVectorStores;
import dev.querent.knowledge.schema.SchemaRetriever;
import dev.querent.llm.EmbeddingModels;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.IdentifiedEmbeddingModel;
import dev.querent.llm.LlmSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The knowledge base: the embedding model (in-process ONNX by default), the vector store (embedded
 * Lucene by default; pgvector or Chroma when configured), the index over it, and the service that
 * keeps the index in line with the metadata store. Each embedding model gets its own index (a
 * directory, schema or collection named after it), so changing the model re-embeds everything.
 */
@Configuration(proxyBeanMethods = false)
public class KnowledgeConfiguration {

    @Bean
    IdentifiedEmbeddingModel embeddingModel(QuerentProperties props) {
        var e = props.knowledge().embedding();
        return switch (e.provider()) {
            case ONNX -> OnnxEmbeddingModel.bgeSmallEnV15Quantized();
            case OLLAMA ->
                EmbeddingModels.create(
                        new EmbeddingSettings(LlmSettings.Provider.OLLAMA, e.baseUrl(), e.model(), e.apiKey(), null));
            case OPENAI ->
                EmbeddingModels.create(
                        new EmbeddingSettings(LlmSettings.Provider.OPENAI, e.baseUrl(), e.model(), e.apiKey(), null));
        };
    }

    /** Closed with the context (Lucene commits, Chroma releases its client). */
    @Bean
    VectorStore vectorStore(QuerentProperties props, IdentifiedEmbeddingModel model) {
        var k = props.knowledge();
        String slug = slug(model.modelId());
        return switch (k.store()) {
            case LUCENE -> {
                Path dir = OwnerOnlyFiles.directory(OwnerOnlyFiles.directory(
                                QuerentConfiguration.dataDir(props).resolve("index"))
                        .resolve(slug));
                yield LuceneVectorStore.builder(dir, model)
                        .embeddingModelId(model.modelId())
                        .build();
            }
            case PGVECTOR ->
                PgVectorStores.open(pgvectorDataSource(props), k.pgvector().schema() + "_" + slug, model);
            case CHROMA ->
                ChromaVectorStore.builder(k.chroma().url(), k.chroma().collection() + "_" + slug, model)
                        .embeddingModelId(model.modelId())
                        .build();
        };
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

    /**
     * A small pool of its own (on the metadata database when no URL is given), whose sessions let
     * an HNSW scan return as many rows as the schema retriever asks for: pgvector's default
     * {@code hnsw.ef_search} of 40 silently caps every search at 40 candidates (measured: table
     * recall@20 0.885 instead of 0.942 on the benchmark catalog).
     */
    private static DataSource pgvectorDataSource(QuerentProperties props) {
        var p = props.knowledge().pgvector();
        String url = p.url();
        String user = p.username();
        String password = p.password();
        if (url == null || url.isBlank()) {
            url = props.metadata().url();
            user = props.metadata().username();
            password = props.metadata().password();
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalStateException(
                        "querent.knowledge.store=pgvector needs querent.knowledge.pgvector.url, or a PostgreSQL"
                                + " metadata store (querent.metadata.url)");
            }
        }
        HikariConfig c = new HikariConfig();
        c.setPoolName("querent-pgvector");
        c.setConnectionTimeout(10_000);
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(4);
        c.setConnectionInitSql("SET hnsw.ef_search = " + Math.max(100, SchemaRetriever.DEFAULT_CANDIDATES));
        return new HikariDataSource(c);
    }

    /** A model id as a lower-case identifier: {@code openai:text-embedding-3-small} → {@code openai_text_embedding_3_small}. */
    static String slug(String modelId) {
        return modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
