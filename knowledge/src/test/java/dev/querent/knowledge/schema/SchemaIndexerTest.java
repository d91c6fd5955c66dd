package dev.querent.knowledge.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;

class SchemaIndexerTest {
    private static OnnxEmbeddingModel model;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }

    @Test
    void oneDocumentPerTableAndColumnWithMetadata() {
        List<Document> docs = SchemaIndexer.documents(Catalogs.SHOP, Catalogs.shop());

        // 4 tables + 16 columns.
        assertThat(docs).hasSize(20);
        Document orderItems = docs.stream()
                .filter(d -> d.getMetadata().get("kind").equals("table")
                        && d.getMetadata().get("table").equals("public.order_items"))
                .findFirst()
                .orElseThrow();
        assertThat(orderItems.getMetadata())
                .containsEntry("dataSourceId", "shop")
                .doesNotContainKey("column");
        assertThat(orderItems.getText()).contains("public order items").contains("unit price");

        Document unitPrice = docs.stream()
                .filter(d -> "unit_price".equals(d.getMetadata().get("column")))
                .findFirst()
                .orElseThrow();
        assertThat(unitPrice.getMetadata())
                .containsEntry("kind", "column")
                .containsEntry("table", "public.order_items")
                .containsEntry("dataSourceId", "shop");
        assertThat(unitPrice.getText())
                .contains("unit price")
                .contains("order items")
                .contains("text");
    }

    @Test
    void idsAreStableAndDistinctPerDataSource() {
        List<String> first = ids(SchemaIndexer.documents(Catalogs.SHOP, Catalogs.shop()));
        List<String> again = ids(SchemaIndexer.documents(Catalogs.SHOP, Catalogs.shop()));
        List<String> elsewhere = ids(SchemaIndexer.documents(Catalogs.HR, Catalogs.shop()));

        assertThat(again).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
        assertThat(elsewhere).doesNotContainAnyElementsOf(first);
        assertThat(first.getFirst()).isEqualTo(SchemaIndexer.id(Catalogs.SHOP, "public.customers"));
    }

    @Test
    void schemaHashIgnoresSnapshotTimeButNotColumns() {
        SchemaSnapshot shop = Catalogs.shop();
        SchemaSnapshot later =
                new SchemaSnapshot(shop.dialect(), shop.defaultSchema(), shop.tables(), java.time.Instant.now());
        assertThat(SchemaIndexer.schemaHash(later)).isEqualTo(SchemaIndexer.schemaHash(shop));
        assertThat(SchemaIndexer.schemaHash(withoutProducts(shop))).isNotEqualTo(SchemaIndexer.schemaHash(shop));
    }

    @Test
    void reindexingReplacesTheDataSourcesDocuments() {
        try (LuceneVectorStore store =
                LuceneVectorStore.builder(tempDir.resolve("index"), model).build()) {
            SchemaIndexer indexer = new SchemaIndexer(store);
            indexer.index(Catalogs.SHOP, Catalogs.shop());
            indexer.index(Catalogs.HR, Catalogs.hr());
            assertThat(store.count()).isEqualTo(20 + 10);

            String hash = indexer.index(Catalogs.SHOP, withoutProducts(Catalogs.shop()));

            assertThat(hash).isEqualTo(SchemaIndexer.schemaHash(withoutProducts(Catalogs.shop())));
            assertThat(indexer.indexedHash(Catalogs.SHOP)).contains(hash);
            assertThat(store.count()).isEqualTo(15 + 10);
            assertThat(store.embeddingModelOf(SchemaIndexer.id(Catalogs.SHOP, "public.products")))
                    .isEmpty();
            assertThat(store.embeddingModelOf(SchemaIndexer.id(Catalogs.SHOP, "public.orders")))
                    .isPresent();
            assertThat(store.embeddingModelOf(SchemaIndexer.id(Catalogs.HR, "public.employees")))
                    .isPresent();
        }
    }

    @Test
    void splitsIdentifiersIntoWords() {
        assertThat(SchemaIndexer.words("orderItems")).isEqualTo("order items");
        assertThat(SchemaIndexer.words("public.order_items")).isEqualTo("public order items");
        assertThat(SchemaIndexer.words("Customer ID")).isEqualTo("customer id");
    }

    private static SchemaSnapshot withoutProducts(SchemaSnapshot s) {
        List<TableInfo> tables =
                s.tables().stream().filter(t -> !t.name().equals("products")).toList();
        return new SchemaSnapshot(s.dialect(), s.defaultSchema(), tables, s.takenAt());
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(Document::getId).toList();
    }
}
