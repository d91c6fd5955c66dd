package dev.querent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.store.ChatStore;
import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.FeedbackStore;
import dev.querent.agents.store.MetadataMigrations;
import dev.querent.agents.store.SecretCipher;
import dev.querent.agents.store.SettingsStore;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.KnowledgeMigrations;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.index.IndexedPatternStore;
import dev.querent.knowledge.index.VectorKnowledgeIndex;
import dev.querent.knowledge.jdbi.JdbiKnowledgeNotes;
import dev.querent.knowledge.jdbi.JdbiPatternStore;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import dev.querent.knowledge.schema.SchemaIndexer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.sqlite.SQLiteDataSource;

/**
 * The knowledge service as the application wires it: a SQLite metadata store, a Lucene index in a
 * directory per embedding model, the in-process ONNX model, and a SQLite data source. A "restart" is
 * a second stack over the same metadata database and index directory.
 */
class KnowledgeServiceIT {
    private static final String MODEL = OnnxEmbeddingModel.BGE_SMALL_EN_V15_Q;
    private static final int MAX_TABLES = 3;
    private static final int TOKENS = 10_000;

    private static OnnxEmbeddingModel model;

    @TempDir
    Path dir;

    private Path dataFile;
    private Jdbi jdbi;
    private SecretCipher cipher;
    private DataSourceId ds;
    private final List<Stack> open = new ArrayList<>();

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }

    @BeforeEach
    void setUp() throws SQLException {
        dataFile = dir.resolve("shop.db");
        execute(
                "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL,"
                        + " email TEXT NOT NULL, signed_up_on TEXT NOT NULL)",
                "CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT NOT NULL, unit_price INTEGER NOT NULL,"
                        + " category TEXT NOT NULL, in_stock INTEGER NOT NULL)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
                        + " product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL,"
                        + " ordered_on TEXT NOT NULL)",
                // Named so that nothing but a description says what it holds. Every table has five
                // columns: in a schema this small the retriever favours tables with more columns.
                "CREATE TABLE zq_lots (ref TEXT PRIMARY KEY, bay TEXT NOT NULL, qty INTEGER NOT NULL,"
                        + " received_on TEXT NOT NULL, src_code TEXT NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada', 'Paris', 'ada@example.org', '2023-04-01'),"
                        + " (2, 'Bob', 'Lyon', 'bob@example.org', '2023-06-12'),"
                        + " (3, 'Cleo', 'Paris', 'cleo@example.org', '2024-01-20')",
                "INSERT INTO products VALUES (1, 'Kettle', 3900, 'kitchen', 12), (2, 'Toaster', 2900, 'kitchen', 0)",
                "INSERT INTO orders VALUES (10, 1, 1, 2, '2024-01-05'), (11, 2, 2, 1, '2024-02-11')",
                "INSERT INTO zq_lots VALUES ('L-1', 'B7', 40, '2024-03-01', 'S9'), ('L-2', 'C2', 12, '2024-03-04', 'S4')");

        SQLiteDataSource meta = new SQLiteDataSource();
        meta.setUrl("jdbc:sqlite:" + dir.resolve("meta.db") + "?foreign_keys=on");
        MetadataMigrations.migrate(meta);
        KnowledgeMigrations.migrate(meta);
        jdbi = Jdbi.create(meta);
        cipher = new SecretCipher(SecretCipher.newKey());
        DataSourceService registration = dataSources();
        ds = registration
                .create("Shop", "sqlite", Map.of("path", dataFile.toString()), Map.of())
                .id();
        registration.close();
    }

    @AfterEach
    void closeStacks() {
        open.forEach(Stack::close);
    }

    @Test
    void firstReconcileIndexesTheSchemaAndARestartAttachesItWithoutEmbeddingAgain() {
        Stack first = stack(dir.resolve("index"), MODEL, true);

        first.service.reconcile();

        SchemaSnapshot schema = first.dataSources.schema(ds);
        assertThat(first.recorder.schemaDocuments()).hasSize(documentCount(schema));
        assertThat(first.recorder.schemaTables())
                .containsExactlyInAnyOrder("main.customers", "main.products", "main.orders", "main.zq_lots");
        assertThat(firstTable(first, "Which customers live in Paris?")).isEqualTo("main.customers");
        first.close();

        Stack restarted = stack(dir.resolve("index"), MODEL, true);
        restarted.service.reconcile();

        assertThat(restarted.recorder.schemaDocuments()).isEmpty();
        assertThat(firstTable(restarted, "Which customers live in Paris?")).isEqualTo("main.customers");
        assertThat(firstTable(restarted, "What is the unit price of each product?"))
                .isEqualTo("main.products");
    }

    @Test
    void aRestartReEmbedsPatternsAndNotesOnlyWhenTheyChangedBehindTheIndex() {
        Stack first = stack(dir.resolve("index"), MODEL, true);
        first.service.reconcile();
        first.patterns.add(
                ds,
                "How many customers live in each city?",
                "SELECT city, COUNT(*) FROM customers GROUP BY city",
                PatternStatus.VERIFIED,
                "admin",
                "test");
        first.close();

        Stack second = stack(dir.resolve("index"), MODEL, true);
        second.service.reconcile();
        assertThat(second.recorder.noteDocuments())
                .as("the pattern reached the index when it was added; the stored hash does not know it yet")
                .hasSize(1);
        second.close();

        Stack third = stack(dir.resolve("index"), MODEL, true);
        third.service.reconcile();
        assertThat(third.recorder.noteDocuments()).as("nothing changed since").isEmpty();
        // A glossary entry written behind the index's back (straight to the metadata store).
        third.notes.addGlossaryEntry(ds, "Q3", "fiscal quarter 3: July to September");
        third.close();

        Stack fourth = stack(dir.resolve("index"), MODEL, true);
        fourth.service.reconcile();
        assertThat(fourth.recorder.noteDocuments()).isNotEmpty();
        assertThat(fourth.service.relevantNotes("revenue in Q3", ds, 0, 3).glossary())
                .extracting(KnowledgeNotes.GlossaryEntry::term)
                .contains("Q3");
        assertThat(fourth.service.similarPatterns("customers per city", ds, 1)).hasSize(1);
    }

    @Test
    void anotherEmbeddingModelGetsItsOwnIndexAndEmbedsTheSchemaAgain() {
        Stack first = stack(dir.resolve("index-a"), MODEL, true);
        first.service.reconcile();
        int documents = first.recorder.schemaDocuments().size();
        first.close();

        Stack other = stack(dir.resolve("index-b"), MODEL + "@another-revision", true);
        other.service.reconcile();

        assertThat(other.recorder.schemaDocuments()).hasSize(documents).isNotEmpty();
        assertThat(other.lucene.embeddingModelOf(SchemaIndexer.id(ds, "main.customers")))
                .contains(MODEL + "@another-revision");
        assertThat(firstTable(other, "Which customers live in Paris?")).isEqualTo("main.customers");
    }

    @Test
    void aLostIndexIsRebuiltEvenThoughTheStoredSchemaHashStillMatches() {
        Stack first = stack(dir.resolve("index"), MODEL, true);
        first.service.reconcile();
        int documents = first.recorder.schemaDocuments().size();
        first.close();

        Stack emptyDirectory = stack(dir.resolve("index-restored-empty"), MODEL, true);
        emptyDirectory.service.reconcile();

        assertThat(emptyDirectory.recorder.schemaDocuments()).hasSize(documents);
        assertThat(firstTable(emptyDirectory, "Which customers live in Paris?")).isEqualTo("main.customers");
    }

    @Test
    void resyncEmbedsOnlyAnAddedTableAndNothingWhenTheSchemaIsUnchanged() throws SQLException {
        Stack stack = stack(dir.resolve("index"), MODEL, true);
        stack.service.reconcile();
        stack.recorder.clear();
        execute(
                "CREATE TABLE suppliers (id INTEGER PRIMARY KEY, company_name TEXT NOT NULL, country TEXT NOT NULL)",
                "INSERT INTO suppliers VALUES (1, 'Brauhaus GmbH', 'Germany'), (2, 'Lyon Fer', 'France')");

        KnowledgeService.SyncReport report = stack.service.resync(ds);

        assertThat(report.drift().addedTables()).containsExactly("main.suppliers");
        assertThat(report.drift().breaking()).isFalse();
        assertThat(report.indexWarning()).isNull();
        assertThat(stack.recorder.schemaTables()).containsExactly("main.suppliers");
        assertThat(stack.recorder.schemaDocuments()).hasSize(1 + 3);
        assertThat(firstTable(stack, "Which suppliers are based in Germany?")).isEqualTo("main.suppliers");

        stack.recorder.clear();
        KnowledgeService.SyncReport unchanged = stack.service.resync(ds);

        assertThat(unchanged.drift().isEmpty()).isTrue();
        assertThat(unchanged.drift().addedTables()).isEmpty();
        assertThat(unchanged.brokenPatternIds()).isEmpty();
        assertThat(stack.recorder.schemaDocuments()).isEmpty();
    }

    @Test
    void resyncAfterARenamedColumnBreaksThePatternsUsingItAndStopsOfferingThem() throws SQLException {
        Stack stack = stack(dir.resolve("index"), MODEL, true);
        stack.service.reconcile();
        QueryPattern byCity = stack.patterns.add(
                ds,
                "Which customers live in Paris?",
                "SELECT name FROM customers WHERE city = 'Paris'",
                PatternStatus.VERIFIED,
                "admin",
                "test");
        QueryPattern prices = stack.patterns.add(
                ds,
                "What does each product cost?",
                "SELECT title, unit_price FROM products",
                PatternStatus.VERIFIED,
                "admin",
                "test");
        assertThat(stack.service.similarPatterns("customers living in Paris", ds, 5))
                .extracting(p -> p.pattern().id())
                .contains(byCity.id());
        stack.recorder.clear();
        execute("ALTER TABLE customers RENAME COLUMN city TO town");

        KnowledgeService.SyncReport report = stack.service.resync(ds);

        assertThat(report.drift().removedColumns()).containsExactly("main.customers.city");
        assertThat(report.drift().addedColumns()).containsExactly("main.customers.town");
        assertThat(report.patternsChecked()).isEqualTo(2);
        assertThat(report.brokenPatternIds()).containsExactly(byCity.id());
        assertThat(stack.recorder.schemaTables()).containsExactly("main.customers");
        assertThat(stack.service.similarPatterns("customers living in Paris", ds, 5))
                .extracting(p -> p.pattern().id())
                .doesNotContain(byCity.id())
                .contains(prices.id());
        assertThat(new FeedbackStore(jdbi, Clock.systemUTC())
                        .listReviewItems(ReviewItem.Status.PENDING, ds, ReviewItem.Reason.SCHEMA_DRIFT))
                .extracting(ReviewItem::patternId)
                .containsExactly(byCity.id());
    }

    @Test
    void aDescriptionMakesATableRetrievableByWhatItHolds() {
        Stack stack = stack(dir.resolve("index"), MODEL, false);
        stack.service.reconcile();
        String question = "How many pallets of frozen seafood are in cold storage?";
        assertThat(firstTable(stack, question)).as("before any description").isNotEqualTo("main.zq_lots");

        stack.notes.saveDescription(ds, "zq_lots", null, "Pallets of frozen seafood kept in cold storage");
        stack.service.descriptionsChanged(ds);

        KnowledgeIndex.RetrievedSchema retrieved = stack.service.retrieveSchema(question, ds, MAX_TABLES, TOKENS);
        assertThat(retrieved.tables().getFirst().qualifiedName()).isEqualTo("main.zq_lots");
        assertThat(retrieved.tables().getFirst().comment()).contains("frozen seafood");
        stack.close();

        Stack restarted = stack(dir.resolve("index"), MODEL, true);
        restarted.service.reconcile();
        assertThat(restarted.recorder.schemaDocuments())
                .as("the described schema's hash was stored, so a restart attaches it")
                .isEmpty();
        assertThat(restarted
                        .service
                        .retrieveSchema(question, ds, MAX_TABLES, TOKENS)
                        .tables()
                        .getFirst()
                        .comment())
                .contains("frozen seafood");
    }

    @Test
    void instructionsAndGlossaryComeBackAsRelevantNotesOnceIndexed() {
        Stack stack = stack(dir.resolve("index"), MODEL, false);
        stack.service.reconcile();
        stack.notes.saveInstructions(
                ds,
                "Quantities are counted in single units, never in boxes.\n\n"
                        + "Orders placed on a weekend are shipped the following Monday.");
        KnowledgeNotes.GlossaryEntry churned = stack.notes.addGlossaryEntry(
                ds, "churned customer", "a customer who has placed no order in the last twelve months");
        stack.notes.addGlossaryEntry(ds, "kettle", "the product sold under the title Kettle");
        String weekend = "When are weekend orders shipped?";
        assertThat(stack.service.relevantNotes(weekend, ds, 1, 1).instructions())
                .as("saved but not yet indexed")
                .isEmpty();

        stack.service.notesChanged(ds);

        assertThat(stack.service.relevantNotes(weekend, ds, 1, 0).instructions())
                .containsExactly("Orders placed on a weekend are shipped the following Monday.");
        assertThat(stack.service
                        .relevantNotes("Who are our churned customers?", ds, 0, 1)
                        .glossary())
                .extracting(KnowledgeNotes.GlossaryEntry::id, KnowledgeNotes.GlossaryEntry::term)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(churned.id(), "churned customer"));

        stack.notes.deleteGlossaryEntry(churned.id());
        stack.service.glossaryEntryDeleted(churned.id());
        assertThat(stack.service
                        .relevantNotes("Who are our churned customers?", ds, 0, 5)
                        .glossary())
                .extracting(KnowledgeNotes.GlossaryEntry::term)
                .containsExactly("kettle");
    }

    private String firstTable(Stack stack, String question) {
        List<TableInfo> tables =
                stack.service.retrieveSchema(question, ds, MAX_TABLES, TOKENS).tables();
        assertThat(tables).as("tables retrieved for '%s'", question).isNotEmpty();
        return tables.getFirst().qualifiedName();
    }

    private static int documentCount(SchemaSnapshot schema) {
        return schema.tables().size()
                + schema.tables().stream().mapToInt(t -> t.columns().size()).sum();
    }

    private DataSourceService dataSources() {
        return new DataSourceService(
                new DataSourceStore(jdbi, Clock.systemUTC()),
                new ConnectorRegistry(List.of(new SqliteConnectorFactory(SourcePolicy.allowingFilesIn(dir)))),
                cipher);
    }

    /** Everything a process builds at start-up, over the shared metadata database. */
    private Stack stack(Path indexDirectory, String modelId, boolean recording) {
        Stack s = new Stack(indexDirectory, modelId, recording);
        open.add(s);
        return s;
    }

    private final class Stack {
        final LuceneVectorStore lucene;
        final RecordingVectorStore recorder;
        final DataSourceService dataSources;
        final PatternStore patterns;
        final KnowledgeNotes notes;
        final KnowledgeService service;
        private boolean closed;

        Stack(Path indexDirectory, String modelId, boolean recording) {
            Clock clock = Clock.systemUTC();
            lucene = LuceneVectorStore.builder(indexDirectory, model)
                    .embeddingModelId(modelId)
                    .build();
            // The recorder hides the Lucene store's hybrid search: tests that judge ranking on
            // exact words use the store itself, as the application does.
            recorder = recording ? new RecordingVectorStore(lucene) : null;
            VectorKnowledgeIndex index = new VectorKnowledgeIndex(recording ? recorder : lucene, modelId);
            dataSources = dataSources();
            patterns = new IndexedPatternStore(new JdbiPatternStore(jdbi, clock), index);
            notes = new JdbiKnowledgeNotes(jdbi, clock);
            LearningAgent learning = new LearningAgent(
                    new FeedbackStore(jdbi, clock),
                    new ChatStore(jdbi, clock),
                    dataSources,
                    patterns,
                    new SqlGuard(GuardPolicy.defaults()),
                    false);
            service = new KnowledgeService(index, dataSources, patterns, notes, new SettingsStore(jdbi), learning);
        }

        void close() {
            if (!closed) {
                closed = true;
                dataSources.close();
                lucene.close();
            }
        }
    }

    /** Passes everything through and remembers the documents added, to count what was embedded. */
    static final class RecordingVectorStore implements VectorStore {
        private final VectorStore delegate;
        private final List<Document> added = new CopyOnWriteArrayList<>();

        RecordingVectorStore(VectorStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(List<Document> documents) {
            delegate.add(documents);
            added.addAll(documents);
        }

        @Override
        public void delete(List<String> idList) {
            delegate.delete(idList);
        }

        @Override
        public void delete(Filter.Expression filterExpression) {
            delegate.delete(filterExpression);
        }

        @Override
        public List<Document> similaritySearch(SearchRequest request) {
            return delegate.similaritySearch(request);
        }

        /** Table and column documents added since the last {@link #clear()}. */
        List<Document> schemaDocuments() {
            return added.stream()
                    .filter(d -> Set.of(SchemaIndexer.KIND_TABLE, SchemaIndexer.KIND_COLUMN)
                            .contains(d.getMetadata().get(SchemaIndexer.KIND)))
                    .toList();
        }

        /** Documents of any other kind (patterns, instructions, glossary) added since the last clear. */
        List<Document> noteDocuments() {
            return added.stream()
                    .filter(d -> !Set.of(SchemaIndexer.KIND_TABLE, SchemaIndexer.KIND_COLUMN)
                            .contains(d.getMetadata().get(SchemaIndexer.KIND)))
                    .toList();
        }

        Set<String> schemaTables() {
            return schemaDocuments().stream()
                    .map(d -> String.valueOf(d.getMetadata().get(SchemaIndexer.TABLE)))
                    .collect(Collectors.toSet());
        }

        void clear() {
            added.clear();
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataFile);
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
