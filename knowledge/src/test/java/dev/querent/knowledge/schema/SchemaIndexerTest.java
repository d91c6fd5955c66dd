package dev.querent.knowledge.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.knowledge.SchemaDrift;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

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

    @Test
    void reindexEmbedsOnlyTheTablesThatChanged() {
        try (LuceneVectorStore lucene =
                LuceneVectorStore.builder(tempDir.resolve("index"), model).build()) {
            RecordingStore store = new RecordingStore(lucene);
            SchemaIndexer indexer = new SchemaIndexer(store);
            SchemaSnapshot before = Catalogs.shop();
            indexer.index(Catalogs.SHOP, before);
            indexer.index(Catalogs.HR, Catalogs.hr());
            store.added.clear();

            // customers: described and without city; products: dropped; suppliers: new; orders and
            // order_items: untouched.
            TableInfo customers = before.tables().get(0);
            TableInfo describedCustomers = new TableInfo(
                    customers.schema(),
                    customers.name(),
                    customers.kind(),
                    "People who placed an order",
                    customers.columns().stream()
                            .filter(c -> !c.name().equals("city"))
                            .toList(),
                    customers.primaryKey(),
                    customers.foreignKeys(),
                    customers.rowEstimate());
            TableInfo suppliers = Catalogs.table("suppliers", List.of("supplier_id", "company", "country"), List.of());
            SchemaSnapshot after = Catalogs.snapshot(
                    describedCustomers, before.tables().get(1), before.tables().get(2), suppliers);

            SchemaDrift drift = indexer.reindex(Catalogs.SHOP, before, after);

            assertThat(drift.changedTables())
                    .containsExactlyInAnyOrder("public.customers", "public.suppliers", "public.products");
            assertThat(drift.removedTables()).containsExactly("public.products");
            assertThat(drift.removedColumns()).containsExactly("public.customers.city");
            assertThat(store.added)
                    .containsExactlyInAnyOrderElementsOf(
                            Stream.concat(documentIds(describedCustomers), documentIds(suppliers))
                                    .toList());
            assertThat(store.added).doesNotContain(SchemaIndexer.id(Catalogs.SHOP, "public.orders"));
            assertThat(lucene.count())
                    .isEqualTo(SchemaIndexer.documents(Catalogs.SHOP, after).size()
                            + SchemaIndexer.documents(Catalogs.HR, Catalogs.hr())
                                    .size());
            assertThat(indexer.indexedHash(Catalogs.SHOP)).contains(SchemaIndexer.schemaHash(after));

            List<Document> hits = lucene.similaritySearch(SearchRequest.builder()
                    .query("product name, category and list price of products; customer city")
                    .topK(100)
                    .filterExpression(new FilterExpressionBuilder()
                            .eq(SchemaIndexer.DATA_SOURCE_ID, Catalogs.SHOP.value())
                            .build())
                    .build());
            assertThat(hits)
                    .hasSize(SchemaIndexer.documents(Catalogs.SHOP, after).size());
            assertThat(hits)
                    .noneMatch(d -> "public.products".equals(d.getMetadata().get(SchemaIndexer.TABLE)));
            assertThat(hits).noneMatch(d -> "city".equals(d.getMetadata().get(SchemaIndexer.COLUMN)));
            assertThat(hits)
                    .filteredOn(d -> d.getId().equals(SchemaIndexer.id(Catalogs.SHOP, "public.customers")))
                    .singleElement()
                    .satisfies(d -> assertThat(d.getText()).contains("People who placed an order"));
        }
    }

    @Test
    void reindexOfAnUnchangedSchemaEmbedsNothing() {
        try (LuceneVectorStore lucene =
                LuceneVectorStore.builder(tempDir.resolve("index"), model).build()) {
            RecordingStore store = new RecordingStore(lucene);
            SchemaIndexer indexer = new SchemaIndexer(store);
            indexer.index(Catalogs.SHOP, Catalogs.shop());
            store.added.clear();
            store.deletes = 0;

            SchemaDrift drift = indexer.reindex(Catalogs.SHOP, Catalogs.shop(), Catalogs.shop());

            assertThat(drift.isEmpty()).isTrue();
            assertThat(store.added).isEmpty();
            assertThat(store.deletes).isZero();
            assertThat(lucene.count()).isEqualTo(20);
        }
    }

    @Test
    void reindexWithoutAPreviousSchemaEmbedsEverythingAgain() {
        try (LuceneVectorStore lucene =
                LuceneVectorStore.builder(tempDir.resolve("index"), model).build()) {
            RecordingStore store = new RecordingStore(lucene);
            SchemaIndexer indexer = new SchemaIndexer(store);
            indexer.index(Catalogs.SHOP, Catalogs.shop());
            store.added.clear();

            // The same schema hash must not short-cut a full re-index (e.g. after the index was lost).
            SchemaDrift drift = indexer.reindex(Catalogs.SHOP, null, Catalogs.shop());

            assertThat(drift.addedTables()).hasSize(4);
            assertThat(store.added)
                    .containsExactlyInAnyOrderElementsOf(ids(SchemaIndexer.documents(Catalogs.SHOP, Catalogs.shop())));
            assertThat(lucene.count()).isEqualTo(20);
        }
    }

    @Test
    void documentsOfOtherKindsSurviveIndexingAndRemoval() {
        try (LuceneVectorStore store =
                LuceneVectorStore.builder(tempDir.resolve("index"), model).build()) {
            Document pattern = Document.builder()
                    .id("8a0c2d4e-0000-4000-8000-000000000001")
                    .text("How many orders were placed per month?")
                    .metadata(Map.of(
                            SchemaIndexer.DATA_SOURCE_ID,
                            Catalogs.SHOP.value(),
                            SchemaIndexer.KIND,
                            "pattern",
                            "patternId",
                            "p1"))
                    .build();
            store.add(List.of(pattern));
            SchemaIndexer indexer = new SchemaIndexer(store);
            SchemaSnapshot smaller = withoutProducts(Catalogs.shop());

            indexer.index(Catalogs.SHOP, Catalogs.shop());
            indexer.index(Catalogs.SHOP, smaller);
            assertThat(patternsOfShop(store)).containsExactly(pattern.getId());

            indexer.reindex(Catalogs.SHOP, smaller, Catalogs.shop());
            indexer.reindex(Catalogs.SHOP, null, Catalogs.shop());
            assertThat(patternsOfShop(store)).containsExactly(pattern.getId());
            assertThat(store.count()).isEqualTo(20 + 1);

            indexer.index(Catalogs.HR, Catalogs.hr());
            indexer.remove(Catalogs.SHOP);

            assertThat(patternsOfShop(store)).containsExactly(pattern.getId());
            assertThat(indexer.indexedHash(Catalogs.SHOP)).isEmpty();
            assertThat(store.count()).isEqualTo(1 + 10);
            assertThat(store.embeddingModelOf(SchemaIndexer.id(Catalogs.SHOP, "public.orders")))
                    .isEmpty();
            assertThat(store.embeddingModelOf(SchemaIndexer.id(Catalogs.HR, "public.employees")))
                    .isPresent();
        }
    }

    private static List<String> patternsOfShop(VectorStore store) {
        FilterExpressionBuilder f = new FilterExpressionBuilder();
        return ids(store.similaritySearch(SearchRequest.builder()
                .query("orders per month")
                .topK(10)
                .filterExpression(f.and(
                                f.eq(SchemaIndexer.DATA_SOURCE_ID, Catalogs.SHOP.value()),
                                f.eq(SchemaIndexer.KIND, "pattern"))
                        .build())
                .build()));
    }

    private static Stream<String> documentIds(TableInfo table) {
        return Stream.concat(
                Stream.of(SchemaIndexer.id(Catalogs.SHOP, table.qualifiedName())),
                table.columns().stream()
                        .map(ColumnInfo::name)
                        .map(c -> SchemaIndexer.id(Catalogs.SHOP, table.qualifiedName() + "." + c)));
    }

    private static SchemaSnapshot withoutProducts(SchemaSnapshot s) {
        List<TableInfo> tables =
                s.tables().stream().filter(t -> !t.name().equals("products")).toList();
        return new SchemaSnapshot(s.dialect(), s.defaultSchema(), tables, s.takenAt());
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(Document::getId).toList();
    }

    /** Records the ids of the documents added (each one embedded) and counts deletes. */
    @Test
    void reindexAfterACaseOnlyRenameLeavesNoDocumentOfTheOldName() {
        try (LuceneVectorStore lucene =
                LuceneVectorStore.builder(tempDir.resolve("index"), model).build()) {
            SchemaIndexer indexer = new SchemaIndexer(lucene);
            SchemaSnapshot before = new SchemaSnapshot(
                    Dialect.POSTGRESQL,
                    "public",
                    List.of(new TableInfo(
                            "public",
                            "Orders",
                            TableKind.TABLE,
                            null,
                            List.of(
                                    new ColumnInfo("order_id", "integer", false, null, List.of()),
                                    new ColumnInfo("legacy", "text", true, null, List.of())),
                            List.of("order_id"),
                            List.of(),
                            -1)),
                    Instant.EPOCH);
            SchemaSnapshot after = new SchemaSnapshot(
                    Dialect.POSTGRESQL,
                    "public",
                    List.of(new TableInfo(
                            "public",
                            "orders",
                            TableKind.TABLE,
                            null,
                            List.of(new ColumnInfo("order_id", "integer", false, null, List.of())),
                            List.of("order_id"),
                            List.of(),
                            -1)),
                    Instant.EPOCH);
            indexer.index(Catalogs.SHOP, before);

            indexer.reindex(Catalogs.SHOP, before, after);

            assertThat(lucene.count()).isEqualTo(2);
            assertThat(lucene.embeddingModelOf(SchemaIndexer.id(Catalogs.SHOP, "public.Orders.legacy")))
                    .isEmpty();
        }
    }

    private static final class RecordingStore implements VectorStore {
        final List<String> added = new ArrayList<>();
        int deletes;
        private final VectorStore delegate;

        RecordingStore(VectorStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(List<Document> documents) {
            documents.forEach(d -> added.add(d.getId()));
            delegate.add(documents);
        }

        @Override
        public void delete(List<String> idList) {
            deletes++;
            delegate.delete(idList);
        }

        @Override
        public void delete(Filter.Expression filterExpression) {
            deletes++;
            delegate.delete(filterExpression);
        }

        @Override
        public List<Document> similaritySearch(SearchRequest request) {
            return delegate.similaritySearch(request);
        }
    }
}
