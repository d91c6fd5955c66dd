package dev.querent.knowledge.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import dev.querent.knowledge.schema.SchemaRetriever.RankedTable;
import dev.querent.knowledge.schema.SchemaRetriever.Retrieval;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRetrieverTest {
    @TempDir
    static Path tempDir;

    private static LuceneVectorStore store;
    private static SchemaRetriever retriever;

    @BeforeAll
    static void index() {
        store = LuceneVectorStore.builder(tempDir.resolve("index"), OnnxEmbeddingModel.bgeSmallEnV15Quantized())
                .build();
        Map<DataSourceId, SchemaSnapshot> catalog = Catalogs.all();
        SchemaIndexer indexer = new SchemaIndexer(store);
        catalog.forEach(indexer::index);
        retriever = new SchemaRetriever(store, catalog);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void ranksTheRightTableFirstAcrossDataSources() {
        assertThat(first("What is the average salary of employees?")).isEqualTo("hr:public.employees");
        assertThat(first("List the product names in each category")).isEqualTo("shop:public.products");
        assertThat(first("Which customers live in Paris?")).isEqualTo("shop:public.customers");
        assertThat(first("How many credits does each course give?")).isEqualTo("school:public.courses");
    }

    /**
     * In a schema small enough for every document to be a candidate, the table whose own document
     * is the best hit wins over a wider table whose many columns are all weak hits.
     */
    @Test
    void aWideTableOfWeakHitsDoesNotOutrankTheBestHitInASmallSchema() {
        DataSourceId ds = DataSourceId.of("small");
        TableInfo orders =
                table("orders", "order_id", "customer_id", "status", "total_amount", "created_at", "shipped_at");
        TableInfo lots = new TableInfo(
                "public",
                "zq_lots",
                TableKind.TABLE,
                "Pallets of frozen seafood kept in cold storage",
                List.of(column("lot_id"), column("pallets"), column("bay")),
                List.of("lot_id"),
                List.of(),
                -1);
        SchemaSnapshot snapshot = new SchemaSnapshot(
                Dialect.POSTGRESQL,
                "public",
                List.of(orders, table("products", "product_id", "name", "price"), lots),
                Instant.EPOCH);
        try (LuceneVectorStore small = LuceneVectorStore.builder(
                        tempDir.resolve("small"), OnnxEmbeddingModel.bgeSmallEnV15Quantized())
                .build()) {
            new SchemaIndexer(small).index(ds, snapshot);
            Retrieval r = new SchemaRetriever(small, Map.of(ds, snapshot))
                    .retrieve("How many pallets of frozen seafood are in cold storage?", ds, 3);

            assertThat(r.tables().getFirst().qualifiedName()).isEqualTo("public.zq_lots");
        }
    }

    private static TableInfo table(String name, String... columns) {
        return new TableInfo(
                "public",
                name,
                TableKind.TABLE,
                null,
                java.util.Arrays.stream(columns)
                        .map(SchemaRetrieverTest::column)
                        .toList(),
                List.of(columns[0]),
                List.of(),
                -1);
    }

    private static ColumnInfo column(String name) {
        return new ColumnInfo(name, "text", true, null, List.of());
    }

    @Test
    void filtersByDataSource() {
        Retrieval r = retriever.retrieve("What is the average salary of employees?", Catalogs.SHOP, 5);

        assertThat(r.tables()).isNotEmpty().allMatch(t -> t.dataSource().equals(Catalogs.SHOP));
    }

    @Test
    void foreignKeyClosureAddsTheBridgeTable() {
        Retrieval r = retriever.retrieve("Names of students taking the course titled Algebra", Catalogs.SCHOOL, 3);

        assertThat(names(r)).containsExactlyInAnyOrder("public.students", "public.courses", "public.stu_crs_lnk");
        assertThat(r.tables())
                .filteredOn(t -> t.qualifiedName().equals("public.stu_crs_lnk"))
                .singleElement()
                .matches(RankedTable::viaForeignKey);
    }

    @Test
    void respectsTheTokenBudget() {
        Retrieval all = retriever.retrieve("orders of customers and their products", null, 5);
        int firstTwo = SchemaRetriever.estimateTokens(all.tables().get(0).table())
                + SchemaRetriever.estimateTokens(all.tables().get(1).table());

        Retrieval cut = retriever.retrieve("orders of customers and their products", null, 5, firstTwo + 1);

        assertThat(all.tables()).hasSizeGreaterThan(2);
        assertThat(cut.tables()).hasSize(2);
        assertThat(cut.estimatedTokens()).isEqualTo(firstTwo).isLessThanOrEqualTo(firstTwo + 1);
        assertThat(all.estimatedTokens()).isGreaterThan(cut.estimatedTokens());
        assertThat(retriever.retrieve("orders", null, 5, 1).tables()).isEmpty();
    }

    @Test
    void aShorterRetrievalIsAPrefixOfALongerOne() {
        for (String q : List.of("orders of customers and their products", "students and their courses")) {
            List<String> longer = names(retriever.retrieve(q, null, 8));
            assertThat(names(retriever.retrieve(q, null, 3))).isEqualTo(longer.subList(0, 3));
        }
    }

    @Test
    void rendersDdlWithKeys() {
        String ddl = SchemaRetriever.renderDdl(Catalogs.shop().tables().get(2));

        assertThat(ddl)
                .startsWith("CREATE TABLE public.order_items (")
                .contains("  quantity text")
                .contains("PRIMARY KEY (order_id)")
                .contains("FOREIGN KEY (product_id) REFERENCES public.products (product_id)");
    }

    private static String first(String question) {
        RankedTable top = retriever.retrieve(question, null, 5).tables().getFirst();
        return top.dataSource() + ":" + top.qualifiedName();
    }

    private static List<String> names(Retrieval r) {
        return r.tables().stream().map(RankedTable::qualifiedName).toList();
    }
}
