package dev.querent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.knowledge.chroma.ChromaVectorStore;
import dev.querent.knowledge.chroma.ChromaVectorStoreProvider;
import dev.querent.knowledge.chroma.api.ChromaApi;
import dev.querent.knowledge.chroma.api.ChromaApi.ChromaException;
import dev.querent.knowledge.chroma.api.ChromaApi.Collection;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * {@link ChromaVectorStore} on a real Chroma server against the shared contract, with the real
 * offline embedding model. The server comes from {@code QUERENT_TEST_CHROMA_URL} (see {@code
 * .ci/run}); each test gets a fresh collection, deleted afterwards.
 */
class ChromaVectorStoreIT extends VectorStoreContractIT {
    private static OnnxEmbeddingModel model;

    private String url;
    private String collection;
    private String providerCollection;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
        model.embed("warm up");
    }

    /** Called before each test and again, on the same collection, when the contract reopens the store. */
    @Override
    protected VectorStore openStore() {
        if (collection == null) {
            url = TestChroma.url();
            collection = TestChroma.freshCollectionName("vec");
        }
        return ChromaVectorStore.builder(url, collection, model).build();
    }

    @Override
    protected VectorStoreProvider provider() {
        return new ChromaVectorStoreProvider();
    }

    /** A fresh collection prefix; the provider appends the model's name. */
    @Override
    protected VectorStoreSettings providerSettings() {
        url = TestChroma.url();
        VectorStoreSettings settings = new VectorStoreSettings(
                model,
                () -> {
                    throw new AssertionError("Chroma keeps no local files");
                },
                Map.of("url", url, "collection", TestChroma.freshCollectionName("prov")),
                null);
        providerCollection = settings.option("collection", null) + "_" + settings.indexName();
        return settings;
    }

    @AfterEach
    void deleteCollection() {
        if (providerCollection != null) {
            try (ChromaApi api = new ChromaApi(url)) {
                api.deleteCollection(TestChroma.TENANT, TestChroma.DATABASE, providerCollection);
            }
            providerCollection = null;
        }
        if (collection != null) {
            try (ChromaApi api = new ChromaApi(url)) {
                api.deleteCollection(TestChroma.TENANT, TestChroma.DATABASE, collection);
            }
            collection = null;
        }
    }

    @Test
    void collectionUsesCosineAndRecordsTheModel() {
        store.add(corpus());

        try (ChromaApi api = new ChromaApi(url)) {
            Collection stored = api.getCollection(TestChroma.TENANT, TestChroma.DATABASE, collection)
                    .orElseThrow();
            assertThat(stored.space()).contains("cosine");
            assertThat(stored.dimension()).isEqualTo(384);
            assertThat(stored.metadata())
                    .containsEntry(ChromaVectorStore.MODEL_KEY, OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q)
                    .containsEntry(ChromaVectorStore.DIMENSIONS_KEY, 384);
        }
        ChromaVectorStore chroma = (ChromaVectorStore) store;
        assertThat(chroma.embeddingModelId()).isEqualTo(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q);
        assertThat(chroma.embeddingModelOf(ORDERS)).contains(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q);
        assertThat(chroma.embeddingModelOf(id("nowhere"))).isEmpty();
        assertThat(search("orders", 1).get(0).getMetadata()).doesNotContainKey(ChromaVectorStore.MODEL_KEY);
    }

    @Test
    void refusesToOpenTheCollectionWithAnotherModel() {
        assertThatThrownBy(() -> ChromaVectorStore.builder(url, collection, model)
                        .embeddingModelId("another-model")
                        .build())
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("not comparable");
    }

    @Test
    void negationsAndRangesFilterAsExpressed() {
        store.add(corpus());

        assertThat(ids(filtered("NOT (dataSourceId == 'clinic')")))
                .containsExactlyInAnyOrder(ORDERS, CUSTOMERS, INVOICES, MONTHLY_ORDERS);
        assertThat(ids(filtered("kind != 'table'"))).containsExactly(MONTHLY_ORDERS);
        assertThat(ids(filtered("NOT (rows < 40000 || kind == 'pattern')")))
                .containsExactlyInAnyOrder(ORDERS, INVOICES, PRESCRIPTIONS);
        assertThat(ids(filtered("kind NIN ['table'] || rows > 100000")))
                .containsExactlyInAnyOrder(ORDERS, MONTHLY_ORDERS);
    }

    @Test
    void reportsServerErrorsWithStatusAndChromaMessage() {
        assertThatThrownBy(() -> ChromaVectorStore.builder(url, "x", model).build())
                .isInstanceOfSatisfying(
                        ChromaException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(url)
                .hasMessageContaining("Expected a name containing 3-512 characters");
        assertThatThrownBy(() -> ChromaVectorStore.builder("http://127.0.0.1:1", collection, model)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot connect to Chroma at http://127.0.0.1:1");
    }

    private List<Document> filtered(String filter) {
        return store.similaritySearch(SearchRequest.builder()
                .query("orders")
                .topK(10)
                .filterExpression(filter)
                .build());
    }
}
