package dev.querent.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.knowledge.KnowledgeIndex.PatternHit;
import dev.querent.knowledge.KnowledgeIndex.RelevantNotes;
import dev.querent.knowledge.KnowledgeIndex.RetrievedSchema;
import dev.querent.knowledge.KnowledgeNotes.GlossaryEntry;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.SchemaDrift;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorKnowledgeIndexTest {
    private static final DataSourceId SHOP = DataSourceId.of("shop");
    private static final DataSourceId HR = DataSourceId.of("hr");

    private static OnnxEmbeddingModel model;

    @TempDir
    Path tempDir;

    private LuceneVectorStore store;
    private VectorKnowledgeIndex index;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }

    @BeforeEach
    void open() {
        store = LuceneVectorStore.builder(tempDir.resolve("index"), model).build();
        index = new VectorKnowledgeIndex(store, model.modelId());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void namesTheEmbeddingModel() {
        assertThat(index.embeddingModelId()).isEqualTo(OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q);
    }

    @Test
    void retrievesNothingBeforeTheSchemaIsIndexedAndTheRightTableAfter() {
        String question = "Which customers live in Paris?";
        assertThat(index.hasSchema(SHOP)).isFalse();
        assertThat(index.holdsSchemaDocuments(SHOP)).isFalse();
        assertThat(index.retrieveSchema(question, SHOP, 3, 10_000)).isEqualTo(new RetrievedSchema(List.of(), 0));

        SchemaDrift drift = index.indexSchema(SHOP, null, shop());

        assertThat(drift.addedTables()).hasSize(4);
        assertThat(index.hasSchema(SHOP)).isTrue();
        assertThat(index.holdsSchemaDocuments(SHOP)).isTrue();
        assertThat(index.holdsSchemaDocuments(HR)).isFalse();
        RetrievedSchema retrieved = index.retrieveSchema(question, SHOP, 3, 10_000);
        assertThat(retrieved.tables()).isNotEmpty();
        assertThat(retrieved.tables().getFirst().qualifiedName()).isEqualTo("public.customers");
        assertThat(retrieved.estimatedTokens()).isPositive();
        assertThat(index.retrieveSchema("What does each product cost?", SHOP, 3, 10_000)
                        .tables()
                        .getFirst()
                        .qualifiedName())
                .isEqualTo("public.products");
    }

    @Test
    void retrievalKeepsToMaxTablesAndTheTokenBudget() {
        index.indexSchema(SHOP, null, shop());

        assertThat(index.retrieveSchema("Which customers live in Paris?", SHOP, 1, 10_000)
                        .tables())
                .extracting(TableInfo::name)
                .containsExactly("customers");
        assertThat(index.retrieveSchema("Which customers live in Paris?", SHOP, 4, 1))
                .isEqualTo(new RetrievedSchema(List.of(), 0));
    }

    @Test
    void aRestartedIndexFindsTheSchemaDocumentsAndAttachesWithoutEmbedding() {
        index.indexSchema(SHOP, null, shop());
        int documents = store.count();

        VectorKnowledgeIndex restarted = new VectorKnowledgeIndex(store, model.modelId());
        assertThat(restarted.hasSchema(SHOP)).isFalse();
        assertThat(restarted.holdsSchemaDocuments(SHOP)).isTrue();
        assertThat(restarted
                        .retrieveSchema("customers in Paris", SHOP, 3, 10_000)
                        .tables())
                .isEmpty();

        restarted.attachSchema(SHOP, shop());

        assertThat(restarted.hasSchema(SHOP)).isTrue();
        assertThat(restarted
                        .retrieveSchema("Which customers live in Paris?", SHOP, 3, 10_000)
                        .tables()
                        .getFirst()
                        .name())
                .isEqualTo("customers");
        assertThat(store.count()).isEqualTo(documents);
    }

    @Test
    void indexesOnlyVerifiedPatterns() {
        QueryPattern candidate = pattern("c1", SHOP, "How many orders were placed per month?", PatternStatus.CANDIDATE);
        QueryPattern rejected = pattern("r1", SHOP, "How many orders were placed per week?", PatternStatus.REJECTED);
        index.indexPattern(candidate);
        index.indexPattern(rejected);

        assertThat(index.similarPatterns("orders per month", SHOP, 5)).isEmpty();

        index.indexPattern(pattern("c1", SHOP, "How many orders were placed per month?", PatternStatus.VERIFIED));

        assertThat(index.similarPatterns("orders per month", SHOP, 5))
                .extracting(PatternHit::patternId)
                .containsExactly("c1");
        assertThat(index.similarPatterns("orders per month", SHOP, 0)).isEmpty();
    }

    @Test
    void aParaphraseFindsItsPatternFirst() {
        index.indexPattern(
                pattern("monthly", SHOP, "How many orders were placed per month in 2024?", PatternStatus.VERIFIED));
        index.indexPattern(pattern("revenue", SHOP, "Total revenue by product category", PatternStatus.VERIFIED));
        index.indexPattern(
                pattern("elsewhere", HR, "How many orders were placed per month in 2024?", PatternStatus.VERIFIED));

        List<PatternHit> hits = index.similarPatterns("Monthly order count for 2024", SHOP, 5);

        assertThat(hits).extracting(PatternHit::patternId).containsExactly("monthly", "revenue");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        // Scores are cosine similarities, so a threshold can be put on them.
        assertThat(hits.get(0).score()).isBetween(0.7, 1.0);
        assertThat(index.similarPatterns("How many orders were placed per month in 2024?", SHOP, 1)
                        .getFirst()
                        .score())
                .isCloseTo(1.0, offset(1e-3));
    }

    @Test
    void removingOrUnverifyingAPatternDropsIt() {
        QueryPattern monthly =
                pattern("monthly", SHOP, "How many orders were placed per month in 2024?", PatternStatus.VERIFIED);
        QueryPattern revenue = pattern("revenue", SHOP, "Total revenue by product category", PatternStatus.VERIFIED);
        index.indexPattern(monthly);
        index.indexPattern(revenue);

        index.removePattern("monthly");
        index.indexPattern(pattern("revenue", SHOP, revenue.question(), PatternStatus.BROKEN));

        assertThat(index.similarPatterns("Monthly order count for 2024", SHOP, 5))
                .isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void reIndexingAPatternReplacesItsQuestion() {
        index.indexPattern(pattern("p", SHOP, "How many orders were placed per month?", PatternStatus.VERIFIED));
        index.indexPattern(pattern("p", SHOP, "Which customers live in Paris?", PatternStatus.VERIFIED));

        List<PatternHit> hits = index.similarPatterns("Which customers live in Paris?", SHOP, 5);

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.patternId()).isEqualTo("p");
            assertThat(hit.score()).isGreaterThan(0.99);
        });
    }

    @Test
    void splitsInstructionsIntoParagraphsOrLines() {
        assertThat(VectorKnowledgeIndex.paragraphs("First rule\r\n\r\n  Second rule \n\n\n\nThird rule\n"))
                .containsExactly("First rule", "Second rule", "Third rule");
        assertThat(VectorKnowledgeIndex.paragraphs("one\ntwo\n\nthree")).containsExactly("one\ntwo", "three");
        assertThat(VectorKnowledgeIndex.paragraphs("- one\n- two\n  \n- three"))
                .containsExactly("- one\n- two", "- three");
        assertThat(VectorKnowledgeIndex.paragraphs("- one\n- two\r\n- three"))
                .containsExactly("- one", "- two", "- three");
        assertThat(VectorKnowledgeIndex.paragraphs("  \n ")).isEmpty();
        assertThat(VectorKnowledgeIndex.paragraphs(null)).isEmpty();
    }

    @Test
    void instructionsComeBackInWrittenOrder() {
        index.indexNotes(SHOP, String.join("\n\n", instructions()), List.of());

        RelevantNotes all = index.relevantNotes("How much revenue did we make?", SHOP, 10, 5);

        assertThat(all.instructions()).containsExactlyElementsOf(instructions());
        assertThat(all.glossary()).isEmpty();
        assertThat(index.relevantNotes("How much revenue did we make?", SHOP, 0, 5)
                        .instructions())
                .isEmpty();
    }

    @Test
    void aBlockOfLinesIsOneInstructionPerLine() {
        index.indexNotes(SHOP, String.join("\n", instructions()), List.of());

        assertThat(index.relevantNotes("revenue", SHOP, 10, 0).instructions())
                .containsExactlyElementsOf(instructions());
    }

    @Test
    void theMostRelevantInstructionsAreKeptInWrittenOrder() {
        index.indexNotes(SHOP, String.join("\n\n", instructions()), List.of());

        List<String> two = index.relevantNotes(
                        "Revenue of shipped orders per fiscal year, starting in April", SHOP, 2, 0)
                .instructions();

        assertThat(two).containsExactly(instructions().get(1), instructions().get(2));
    }

    @Test
    void findsTheRelevantGlossaryEntryAndForgetsARemovedOne() {
        GlossaryEntry q3 =
                new GlossaryEntry("g-q3", SHOP, "Q3", "fiscal quarter 3: October to December of the fiscal year");
        GlossaryEntry aov = new GlossaryEntry("g-aov", SHOP, "AOV", "average order value: revenue divided by orders");
        GlossaryEntry churn = new GlossaryEntry(
                "g-churn", SHOP, "churned customer", "a customer without an order in the last 12 months");
        index.indexNotes(SHOP, null, List.of(q3, aov, churn));

        RelevantNotes notes = index.relevantNotes("What were sales in Q3?", SHOP, 3, 1);

        assertThat(notes.glossary()).containsExactly(q3);
        assertThat(notes.instructions()).isEmpty();
        assertThat(index.relevantNotes("What was the average order value last year?", SHOP, 0, 1)
                        .glossary())
                .containsExactly(aov);

        index.removeGlossaryEntry("g-q3");

        assertThat(index.relevantNotes("What were sales in Q3?", SHOP, 0, 5).glossary())
                .extracting(GlossaryEntry::id)
                .containsExactlyInAnyOrder("g-aov", "g-churn");
    }

    @Test
    void indexingNotesReplacesThePreviousNotesOnly() {
        index.indexSchema(SHOP, null, shop());
        index.indexPattern(pattern("p", SHOP, "Total revenue by product category", PatternStatus.VERIFIED));
        index.indexNotes(
                SHOP,
                String.join("\n\n", instructions()),
                List.of(new GlossaryEntry("g-q3", SHOP, "Q3", "fiscal quarter 3")));
        index.indexNotes(HR, "Salaries are yearly, in euros.", List.of());

        GlossaryEntry aov = new GlossaryEntry("g-aov", SHOP, "AOV", "average order value");
        index.indexNotes(SHOP, "Only count shipped orders.", List.of(aov));

        RelevantNotes notes = index.relevantNotes("revenue in Q3", SHOP, 10, 10);
        assertThat(notes.instructions()).containsExactly("Only count shipped orders.");
        assertThat(notes.glossary()).containsExactly(aov);

        index.indexNotes(SHOP, null, List.of());

        assertThat(index.relevantNotes("revenue in Q3", SHOP, 10, 10))
                .isEqualTo(new RelevantNotes(List.of(), List.of()));
        assertThat(index.relevantNotes("salaries", HR, 10, 10).instructions())
                .containsExactly("Salaries are yearly, in euros.");
        assertThat(index.similarPatterns("revenue per category", SHOP, 5))
                .extracting(PatternHit::patternId)
                .containsExactly("p");
        assertThat(index.holdsSchemaDocuments(SHOP)).isTrue();
    }

    @Test
    void removingADataSourceRemovesAllOfItsDocumentsAndNoOthers() {
        for (DataSourceId ds : List.of(SHOP, HR)) {
            index.indexSchema(ds, null, shop());
            index.indexPattern(pattern("p-" + ds, ds, "Total revenue by product category", PatternStatus.VERIFIED));
            index.indexNotes(
                    ds,
                    "Only count shipped orders.",
                    List.of(new GlossaryEntry("g-" + ds, ds, "AOV", "average order value")));
        }
        int perDataSource = store.count() / 2;

        index.removeDataSource(SHOP);

        assertThat(store.count()).isEqualTo(perDataSource);
        assertThat(index.hasSchema(SHOP)).isFalse();
        assertThat(index.holdsSchemaDocuments(SHOP)).isFalse();
        assertThat(index.retrieveSchema("customers", SHOP, 3, 10_000).tables()).isEmpty();
        assertThat(index.similarPatterns("revenue by category", SHOP, 5)).isEmpty();
        assertThat(index.relevantNotes("order value", SHOP, 5, 5)).isEqualTo(new RelevantNotes(List.of(), List.of()));

        assertThat(index.hasSchema(HR)).isTrue();
        assertThat(index.holdsSchemaDocuments(HR)).isTrue();
        assertThat(index.retrieveSchema("Which customers live in Paris?", HR, 3, 10_000)
                        .tables())
                .isNotEmpty();
        assertThat(index.similarPatterns("revenue by category", HR, 5))
                .extracting(PatternHit::patternId)
                .containsExactly("p-hr");
        RelevantNotes hrNotes = index.relevantNotes("order value", HR, 5, 5);
        assertThat(hrNotes.instructions()).containsExactly("Only count shipped orders.");
        assertThat(hrNotes.glossary()).extracting(GlossaryEntry::id).containsExactly("g-hr");
    }

    @Test
    void incrementalSchemaIndexingKeepsPatternsAndNotes() {
        index.indexSchema(SHOP, null, shop());
        index.indexPattern(pattern("p", SHOP, "Total revenue by product category", PatternStatus.VERIFIED));
        index.indexNotes(SHOP, "Only count shipped orders.", List.of());
        List<TableInfo> withoutProducts = new ArrayList<>(shop().tables());
        withoutProducts.removeIf(t -> t.name().equals("products"));
        SchemaSnapshot smaller = new SchemaSnapshot(Dialect.POSTGRESQL, "public", withoutProducts, Instant.EPOCH);

        SchemaDrift drift = index.indexSchema(SHOP, shop(), smaller);

        assertThat(drift.removedTables()).containsExactly("public.products");
        assertThat(index.retrieveSchema("What does each product cost?", SHOP, 5, 10_000)
                        .tables())
                .extracting(TableInfo::name)
                .doesNotContain("products");
        assertThat(index.similarPatterns("revenue per category", SHOP, 5))
                .extracting(PatternHit::patternId)
                .containsExactly("p");
        assertThat(index.relevantNotes("orders", SHOP, 5, 0).instructions())
                .containsExactly("Only count shipped orders.");
    }

    private static List<String> instructions() {
        return List.of(
                "Exclude customers whose email ends with @example.com: they are test accounts.",
                "Revenue means the sum of total_amount over shipped orders only.",
                "The fiscal year starts on April 1st.");
    }

    private static QueryPattern pattern(String id, DataSourceId ds, String question, PatternStatus status) {
        return new QueryPattern(id, ds, question, "SELECT 1", status, "test", Instant.EPOCH, 1, "test");
    }

    private static SchemaSnapshot shop() {
        TableInfo customers = table(
                "customers",
                List.of(column("customer_id", "integer"), column("full_name", "text"), column("city", "text")),
                List.of());
        TableInfo orders = table(
                "orders",
                List.of(
                        column("order_id", "integer"),
                        column("customer_id", "integer"),
                        column("order_date", "date"),
                        column("status", "text")),
                List.of(fk("customer_id", "customers", "customer_id")));
        TableInfo orderItems = table(
                "order_items",
                List.of(column("order_id", "integer"), column("product_id", "integer"), column("quantity", "integer")),
                List.of(fk("order_id", "orders", "order_id"), fk("product_id", "products", "product_id")));
        TableInfo products = table(
                "products",
                List.of(
                        column("product_id", "integer"),
                        column("product_name", "text"),
                        new ColumnInfo("category", "text", true, null, List.of("Books", "Garden", "Toys")),
                        column("list_price", "numeric(10,2)")),
                List.of());
        return new SchemaSnapshot(
                Dialect.POSTGRESQL, "public", List.of(customers, orders, orderItems, products), Instant.EPOCH);
    }

    private static TableInfo table(String name, List<ColumnInfo> columns, List<ForeignKey> fks) {
        return new TableInfo(
                "public",
                name,
                TableKind.TABLE,
                null,
                columns,
                List.of(columns.getFirst().name()),
                fks,
                -1);
    }

    private static ColumnInfo column(String name, String type) {
        return new ColumnInfo(name, type, true, null, List.of());
    }

    private static ForeignKey fk(String column, String refTable, String refColumn) {
        return new ForeignKey(List.of(column), "public", refTable, List.of(refColumn));
    }
}
