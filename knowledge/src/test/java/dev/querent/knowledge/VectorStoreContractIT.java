package dev.querent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * What every vector store of the knowledge base must do, whatever engine is behind it. Subclasses
 * say how to open a store over the test's own storage; each test starts from empty storage.
 *
 * <p>The assertions hold for any reasonable embedding model: they compare rankings and sets, never
 * fixed similarity values, because score scales differ from model to model. Document ids are UUIDs
 * because some stores (pgvector) only accept those.
 */
public abstract class VectorStoreContractIT {
    private static final FilterExpressionBuilder F = new FilterExpressionBuilder();

    protected static final String ORDERS = id("orders");
    protected static final String CUSTOMERS = id("customers");
    protected static final String INVOICES = id("invoices");
    protected static final String MONTHLY_ORDERS = id("monthly-orders");
    protected static final String PATIENTS = id("patients");
    protected static final String PRESCRIPTIONS = id("prescriptions");

    protected VectorStore store;

    /**
     * Opens a store over this test's storage. Called once before each test and again after {@link
     * #closeStore} to check that documents persist; both calls must see the same data.
     */
    protected abstract VectorStore openStore() throws Exception;

    /** The registered provider of this kind of store. */
    protected abstract VectorStoreProvider provider();

    /**
     * Settings under which {@link #provider()} opens an empty store of its own, apart from {@link
     * #store} (subclasses remove it after the test).
     */
    protected abstract VectorStoreSettings providerSettings() throws Exception;

    /** What the application does: {@code querent.knowledge.store} names the provider, the registry opens it. */
    @Test
    void theRegistryOpensAWorkingStoreThroughTheProviderByName() throws Exception {
        VectorStoreRegistry registry = new VectorStoreRegistry(List.of(provider()));
        VectorStore opened = registry.provider(" " + provider().name().toUpperCase(java.util.Locale.ROOT) + " ")
                .create(providerSettings());
        try {
            opened.add(corpus());
            List<Document> hits = opened.similaritySearch(
                    SearchRequest.builder().query("customer orders").topK(3).build());
            assertThat(hits).extracting(Document::getId).contains(ORDERS);
        } finally {
            closeStore(opened);
        }
        assertThat(registry.names()).containsExactly(provider().name());
    }

    /** Releases the store without dropping its data. */
    protected void closeStore(VectorStore vectorStore) throws Exception {
        if (vectorStore instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @BeforeEach
    void openStoreForTest() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStoreAfterTest() throws Exception {
        if (store != null) {
            closeStore(store);
            store = null;
        }
    }

    protected static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Two data sources of different domains, tables and a verified pattern, as the indexer writes them. */
    protected static List<Document> corpus() {
        return List.of(
                doc(
                        ORDERS,
                        "Table orders: one row per customer order, with order date, status and total amount.",
                        "warehouse",
                        "table",
                        120_000),
                doc(
                        CUSTOMERS,
                        "Table customers: customer name, email address, country and signup date.",
                        "warehouse",
                        "table",
                        8_000),
                doc(
                        INVOICES,
                        "Table invoices: amount billed to each customer, issue date and due date.",
                        "warehouse",
                        "table",
                        95_000),
                doc(
                        MONTHLY_ORDERS,
                        "Verified question: how many orders were placed each month? Counts orders grouped by"
                                + " calendar month of the order date.",
                        "warehouse",
                        "pattern",
                        0),
                doc(
                        PATIENTS,
                        "Table patients: patient demographics, date of birth and insurance provider.",
                        "clinic",
                        "table",
                        3_000),
                doc(
                        PRESCRIPTIONS,
                        "Table prescriptions: medication prescribed to a patient by a physician, with dosage.",
                        "clinic",
                        "table",
                        40_000));
    }

    private static Document doc(String id, String text, String dataSourceId, String kind, int rows) {
        return Document.builder()
                .id(id)
                .text(text)
                .metadata(Map.of("dataSourceId", dataSourceId, "kind", kind, "rows", rows))
                .build();
    }

    protected List<Document> search(String query, int topK) {
        return store.similaritySearch(
                SearchRequest.builder().query(query).topK(topK).build());
    }

    protected static List<String> ids(List<Document> documents) {
        return documents.stream().map(Document::getId).toList();
    }

    @Test
    void emptyStoreFindsNothing() {
        assertThat(search("orders per month", 5)).isEmpty();
    }

    @Test
    void findsTheClosestDocumentsFirst() {
        store.add(corpus());

        List<Document> results = search("How many orders were placed per month?", 3);

        assertThat(results).hasSize(3);
        assertThat(results.get(0).getId()).isIn(ORDERS, MONTHLY_ORDERS);
        assertThat(ids(results).subList(0, 2)).doesNotContain(PATIENTS, PRESCRIPTIONS);
        List<Double> scores = results.stream().map(Document::getScore).toList();
        assertThat(scores).doesNotContainNull().isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores).allSatisfy(s -> assertThat(s).isBetween(-1.0, 1.0));
    }

    @Test
    void returnsTextAndMetadataAsStored() {
        store.add(corpus());

        Document found =
                search("medication a doctor prescribed to a patient", 1).get(0);

        Document original = corpus().stream()
                .filter(d -> d.getId().equals(PRESCRIPTIONS))
                .findFirst()
                .orElseThrow();
        assertThat(found.getId()).isEqualTo(PRESCRIPTIONS);
        assertThat(found.getText()).isEqualTo(original.getText());
        // Stores may add their own keys (pgvector adds "distance"); ours must come back unchanged.
        assertThat(found.getMetadata()).containsAllEntriesOf(original.getMetadata());
    }

    @Test
    void topKLimitsTheResults() {
        store.add(corpus());

        assertThat(search("customer", 2)).hasSize(2);
        assertThat(search("customer", 100)).hasSize(corpus().size());
    }

    @Test
    void similarityThresholdDropsWeakerMatches() {
        store.add(corpus());
        String query = "monthly order counts";
        List<Document> all = search(query, 10);
        assertThat(all).hasSize(corpus().size());
        double cutoff = (all.get(1).getScore() + all.get(2).getScore()) / 2;

        List<Document> strong = store.similaritySearch(SearchRequest.builder()
                .query(query)
                .topK(10)
                .similarityThreshold(Math.max(cutoff, 0.0))
                .build());

        if (cutoff > 0) {
            assertThat(ids(strong)).containsExactlyElementsOf(ids(all).subList(0, 2));
        }
        assertThat(strong).allSatisfy(d -> assertThat(d.getScore()).isGreaterThanOrEqualTo(cutoff));
        assertThat(store.similaritySearch(SearchRequest.builder()
                        .query(query)
                        .topK(10)
                        .similarityThresholdAll()
                        .build()))
                .hasSize(corpus().size());
    }

    @Test
    void filtersOnMetadataEquality() {
        store.add(corpus());
        String aboutOrders = "How many orders were placed per month?";

        List<Document> clinic = store.similaritySearch(SearchRequest.builder()
                .query(aboutOrders)
                .topK(10)
                .filterExpression("dataSourceId == 'clinic'")
                .build());
        List<Document> warehouse = store.similaritySearch(SearchRequest.builder()
                .query(aboutOrders)
                .topK(10)
                .filterExpression(F.eq("dataSourceId", "warehouse").build())
                .build());

        assertThat(ids(clinic)).containsExactlyInAnyOrder(PATIENTS, PRESCRIPTIONS);
        assertThat(ids(warehouse)).containsExactlyInAnyOrder(ORDERS, CUSTOMERS, INVOICES, MONTHLY_ORDERS);
    }

    @Test
    void filtersWithInAndOr() {
        store.add(corpus());

        List<Document> inAndEq = store.similaritySearch(SearchRequest.builder()
                .query("orders")
                .topK(10)
                .filterExpression(F.and(F.eq("dataSourceId", "warehouse"), F.in("kind", "pattern", "glossary"))
                        .build())
                .build());
        List<Document> or = store.similaritySearch(SearchRequest.builder()
                .query("orders")
                .topK(10)
                .filterExpression("kind == 'pattern' || dataSourceId == 'clinic'")
                .build());
        List<Document> in = store.similaritySearch(SearchRequest.builder()
                .query("orders")
                .topK(10)
                .filterExpression("dataSourceId IN ['clinic', 'nowhere'] && kind == 'table'")
                .build());

        assertThat(ids(inAndEq)).containsExactly(MONTHLY_ORDERS);
        assertThat(ids(or)).containsExactlyInAnyOrder(MONTHLY_ORDERS, PATIENTS, PRESCRIPTIONS);
        assertThat(ids(in)).containsExactlyInAnyOrder(PATIENTS, PRESCRIPTIONS);
    }

    @Test
    void filtersOnNumbers() {
        store.add(corpus());

        List<Document> large = store.similaritySearch(SearchRequest.builder()
                .query("orders")
                .topK(10)
                .filterExpression("rows >= 40000")
                .build());

        assertThat(ids(large)).containsExactlyInAnyOrder(ORDERS, INVOICES, PRESCRIPTIONS);
    }

    @Test
    void deletesById() {
        store.add(corpus());

        store.delete(List.of(ORDERS, INVOICES));

        List<Document> remaining = search("orders and invoices", 100);
        assertThat(ids(remaining)).containsExactlyInAnyOrder(CUSTOMERS, MONTHLY_ORDERS, PATIENTS, PRESCRIPTIONS);
    }

    @Test
    void deletesByFilter() {
        store.add(corpus());

        store.delete(F.eq("dataSourceId", "clinic").build());
        assertThat(ids(search("patient prescriptions", 100)))
                .containsExactlyInAnyOrder(ORDERS, CUSTOMERS, INVOICES, MONTHLY_ORDERS);

        store.delete(F.in("kind", "pattern").build());
        assertThat(ids(search("patient prescriptions", 100))).containsExactlyInAnyOrder(ORDERS, CUSTOMERS, INVOICES);
    }

    @Test
    void addingAnExistingIdReplacesTheDocument() {
        store.add(corpus());
        Document rewritten = Document.builder()
                .id(ORDERS)
                .text("Table shipments: carrier, tracking number and delivery date of each parcel.")
                .metadata(Map.of("dataSourceId", "warehouse", "kind", "table", "rows", 1))
                .build();

        store.add(List.of(rewritten));

        List<Document> all = search("parcel tracking and delivery", 100);
        assertThat(ids(all)).hasSize(corpus().size()).containsOnlyOnce(ORDERS);
        assertThat(all.get(0).getId()).isEqualTo(ORDERS);
        assertThat(all.get(0).getText()).isEqualTo(rewritten.getText());
        assertThat(all.get(0).getMetadata()).containsEntry("rows", 1);
    }

    @Test
    void documentsSurviveReopening() throws Exception {
        store.add(corpus());
        List<String> before = ids(search("monthly order counts", 100));

        closeStore(store);
        store = null;
        store = openStore();

        List<Document> after = search("monthly order counts", 100);
        assertThat(ids(after)).containsExactlyElementsOf(before);
        assertThat(after.get(0).getMetadata()).containsKeys("dataSourceId", "kind", "rows");
    }
}
