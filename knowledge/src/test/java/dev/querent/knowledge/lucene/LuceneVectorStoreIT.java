package dev.querent.knowledge.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.knowledge.VectorStoreContractIT;
import dev.querent.knowledge.VectorStoreProvider;
import dev.querent.knowledge.VectorStoreSettings;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/** The Lucene store against the shared contract, with the real offline embedding model. */
class LuceneVectorStoreIT extends VectorStoreContractIT {
    private static OnnxEmbeddingModel model;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void loadModel() {
        long start = System.nanoTime();
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
        model.embed("warm up");
        System.out.printf("[figures] %s loaded and warmed in %d ms%n", model, millisSince(start));
    }

    @Override
    protected VectorStoreProvider provider() {
        return new LuceneVectorStoreProvider();
    }

    @Override
    protected VectorStoreSettings providerSettings() {
        return new VectorStoreSettings(model, () -> tempDir.resolve("provider"), Map.of(), null);
    }

    @Override
    protected VectorStore openStore() {
        return LuceneVectorStore.builder(index(), model).build();
    }

    private Path index() {
        return tempDir.resolve("index");
    }

    private LuceneVectorStore lucene() {
        return (LuceneVectorStore) store;
    }

    @Test
    void recordsTheEmbeddingModelOfEachDocument() {
        store.add(corpus());

        assertThat(lucene().embeddingModelOf(ORDERS)).contains(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q);
        assertThat(lucene().embeddingModelOf(id("missing"))).isEmpty();
        assertThat(lucene().embeddingModelId()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(lucene().dimensions()).isEqualTo(384);
        assertThat(lucene().count()).isEqualTo(corpus().size());
    }

    @Test
    void refusesToMixVectorsOfDifferentLengths() throws Exception {
        store.add(corpus());
        closeStore(store);
        store = null;

        assertThatThrownBy(() -> LuceneVectorStore.builder(index(), new HashingEmbeddingModel(8))
                        .embeddingModelId("hashing-8")
                        .build())
                .isInstanceOf(QuerentException.class)
                .hasMessageContaining("384-dimensional")
                .hasMessageContaining("hashing-8 (8 dimensions)")
                .satisfies(e -> assertThat(((QuerentException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));

        // The refused open released the index: the right model still opens it, documents intact.
        store = openStore();
        assertThat(lucene().count()).isEqualTo(corpus().size());
    }

    @Test
    void refusesAnotherModelEvenOfTheSameLength() throws Exception {
        closeStore(store);
        store = null;

        assertThatThrownBy(() -> LuceneVectorStore.builder(index(), new HashingEmbeddingModel(384))
                        .embeddingModelId("hashing-384")
                        .build())
                .isInstanceOf(QuerentException.class)
                .hasMessageContaining("not comparable");
    }

    @Test
    void refusesAModelThatReturnsVectorsOfAnotherLength() throws Exception {
        closeStore(store);
        store = null;
        Path other = tempDir.resolve("other");
        HashingEmbeddingModel liar = new HashingEmbeddingModel(16) {
            @Override
            public int dimensions() {
                return 8;
            }
        };

        try (LuceneVectorStore fake =
                LuceneVectorStore.builder(other, liar).embeddingModelId("liar").build()) {
            assertThatThrownBy(() -> fake.add(corpus()))
                    .isInstanceOf(QuerentException.class)
                    .hasMessageContaining("16-dimensional");
            assertThat(fake.count()).isZero();
        }
    }

    @Test
    void aForeignModelMustBeNamed() {
        assertThatThrownBy(() -> LuceneVectorStore.builder(tempDir.resolve("unnamed"), new HashingEmbeddingModel(8))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embeddingModelId");
    }

    @Test
    void hybridSearchFindsExactIdentifiersAndMeaning() {
        store.add(corpus());
        String code = id("fct-ship-lane");
        store.add(List.of(Document.builder()
                .id(code)
                .text("Table fct_shp_lane_wk: weekly aggregates per lane.")
                .metadata(Map.of("dataSourceId", "warehouse", "kind", "table", "rows", 500))
                .build()));

        List<Document> byIdentifier = lucene().hybridSearch("fct_shp_lane_wk", 3, null);
        List<Document> byMeaning = lucene().hybridSearch("which drugs did the doctor prescribe", 3, null);
        List<Document> filtered = lucene().hybridSearch(
                        "which drugs did the doctor prescribe",
                        10,
                        new FilterExpressionBuilder()
                                .eq("dataSourceId", "warehouse")
                                .build());

        assertThat(byIdentifier.get(0).getId()).isEqualTo(code);
        assertThat(byMeaning.get(0).getId()).isEqualTo(PRESCRIPTIONS);
        assertThat(ids(filtered)).isNotEmpty().doesNotContain(PATIENTS, PRESCRIPTIONS);
        assertThat(byMeaning).allSatisfy(d -> assertThat(d.getScore()).isPositive());
        assertThat(lucene().hybridSearch("the of and", 3, null)).hasSize(3);
    }

    /** Prints index and search figures for a catalogue of a few hundred tables; asserts no timing. */
    @Test
    void printsIndexAndSearchFigures() {
        String[] domains = {"sales", "finance", "clinic", "logistics", "marketing", "hr"};
        String[] things = {
            "orders", "invoices", "payments", "patients", "shipments", "campaigns", "employees", "refunds"
        };
        List<Document> catalogue = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String domain = domains[i % domains.length];
            String thing = things[(i / domains.length) % things.length];
            catalogue.add(Document.builder()
                    .id(id("t" + i))
                    .text("Table " + domain + "." + thing + "_" + i + ": " + thing + " of the " + domain
                            + " domain, with id, created_at, status and amount columns (variant " + i + ").")
                    .metadata(Map.of("dataSourceId", "ds" + (i % 3), "kind", "table"))
                    .build());
        }

        // Embedding alone first, so that the store's own share (Lucene, HNSW, commit) can be read off.
        long start = System.nanoTime();
        model.embed(catalogue.stream().map(Document::getText).toList());
        long embedMillis = millisSince(start);
        start = System.nanoTime();
        store.add(catalogue);
        long indexMillis = millisSince(start);
        start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            model.embed("unpaid invoices of the finance domain " + i);
        }
        double queryEmbedMillis = millisSince(start) / 50.0;

        int searches = 50;
        start = System.nanoTime();
        for (int i = 0; i < searches; i++) {
            store.similaritySearch(SearchRequest.builder()
                    .query("unpaid invoices of the finance domain " + i)
                    .topK(10)
                    .filterExpression("dataSourceId == 'ds1'")
                    .build());
        }
        long vectorMillis = millisSince(start);
        start = System.nanoTime();
        for (int i = 0; i < searches; i++) {
            lucene().hybridSearch("unpaid invoices of the finance domain " + i, 10, null);
        }
        long hybridMillis = millisSince(start);

        System.out.printf(
                "[figures] %d documents: embedding alone %d ms, add (embedding + index + commit) %d ms;"
                        + " query embedding %.1f ms; similaritySearch topK=10 with filter %.1f ms/query;"
                        + " hybridSearch topK=10 %.1f ms/query (both include the query embedding)%n",
                catalogue.size(),
                embedMillis,
                indexMillis,
                queryEmbedMillis,
                (double) vectorMillis / searches,
                (double) hybridMillis / searches);
        assertThat(lucene().count()).isEqualTo(catalogue.size());
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
