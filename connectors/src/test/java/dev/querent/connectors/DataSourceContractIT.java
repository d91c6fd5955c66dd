package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.internal.AbstractJdbcConnector;
import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.QueryResult;
import dev.querent.core.ResultColumn;
import dev.querent.core.dialect.SqlDialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.SqlGuard;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;

/**
 * The contract every {@link DataSourceInterface} passes. A subclass builds the same small shop
 * (customers, orders with a foreign key, a view, comments where the engine has them) in its
 * engine with its own DDL, from the rows defined here, and opens a connector on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DataSourceContractIT {
    protected static final String CUSTOMERS_COMMENT = "People who buy from the shop";
    protected static final String TIER_COMMENT = "Loyalty tier: gold, silver or bronze";
    protected static final int ORDER_COUNT = 60;
    protected static final String VIEW_SQL = "CREATE VIEW customer_totals AS"
            + " SELECT c.customer_id, c.name, count(o.order_id) AS order_count, sum(o.amount) AS total_amount"
            + " FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id"
            + " GROUP BY c.customer_id, c.name";

    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 1_000, 1_000_000);
    private static final List<String> STATUSES = List.of("delivered", "shipped", "cancelled");

    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
    protected DataSourceInterface dataSource;
    private String unavailable;

    /**
     * Creates the fixture in the engine and returns a connector opened on it; aborts (an
     * {@link Assumptions} failure) when the engine is not available here.
     */
    protected abstract DataSourceInterface createFixture() throws Exception;

    /** Removes what {@link #createFixture()} made; runs after the connector is closed. */
    protected abstract void dropFixture() throws Exception;

    /** A connector of the same type whose database cannot be reached. */
    protected abstract DataSourceInterface unreachableDataSource();

    protected abstract String expectedDefaultSchema();

    protected abstract boolean supportsComments();

    /**
     * Whether the fixture has the {@code customer_totals} view; a source made of files has only
     * tables.
     */
    protected boolean hasViews() {
        return true;
    }

    /**
     * Whether the engine declares the fixture's foreign key; a source made of files declares none
     * (relationship inference proposes them).
     */
    protected boolean declaresForeignKeys() {
        return true;
    }

    /** Whether the engine's plan carries row estimates (SQLite's query plan does not). */
    protected boolean estimatesRows() {
        return true;
    }

    /**
     * Whether the engine behind the connector is the dialect's own, so that SQL written for the
     * dialect is judged by it; the Snowflake and BigQuery fakes serve DuckDB, which reads their date
     * functions differently or not at all.
     */
    protected boolean runsTheDialectsOwnEngine() {
        return true;
    }

    /** A query that runs far longer than any test waits; portable unless an engine needs another. */
    protected String longRunningQuery() {
        return "SELECT count(*) FROM orders a, orders b, orders c, orders d, orders e, orders f"
                + " WHERE a.amount + b.amount + c.amount + d.amount + e.amount + f.amount < 0";
    }

    /** The whole fixture in DuckDB's SQL: tables, view, comments, rows (for DuckDB and the fakes over it). */
    protected static List<String> duckDbFixture() {
        List<String> statements = new ArrayList<>(List.of(
                "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                        + " email VARCHAR, tier VARCHAR NOT NULL, signup_date DATE NOT NULL)",
                "CREATE TABLE orders (order_id INTEGER PRIMARY KEY,"
                        + " customer_id INTEGER NOT NULL REFERENCES customers (customer_id),"
                        + " reference VARCHAR NOT NULL, status VARCHAR NOT NULL, order_date DATE NOT NULL,"
                        + " amount DECIMAL(12,2) NOT NULL)",
                VIEW_SQL,
                "COMMENT ON TABLE customers IS '" + CUSTOMERS_COMMENT + "'",
                "COMMENT ON COLUMN customers.tier IS '" + TIER_COMMENT + "'"));
        statements.addAll(fixtureInserts());
        return statements;
    }

    /** The fixture's rows as portable INSERT statements. */
    protected static List<String> fixtureInserts() {
        List<String> out = new ArrayList<>(List.of(
                "INSERT INTO customers VALUES (1, 'Ada Lovelace', 'ada@example.com', 'gold', '2023-01-15')",
                "INSERT INTO customers VALUES (2, 'Alan Turing', 'alan@example.com', 'silver', '2023-03-02')",
                "INSERT INTO customers VALUES (3, 'Grace Hopper', NULL, 'gold', '2023-06-30')",
                "INSERT INTO customers VALUES (4, 'Edsger Dijkstra', 'edsger@example.com', 'bronze', '2024-01-09')",
                "INSERT INTO customers VALUES (5, 'Barbara Liskov', 'barbara@example.com', 'silver', '2024-02-20')"));
        for (int i = 1; i <= ORDER_COUNT; i++) {
            out.add("INSERT INTO orders VALUES (" + i + ", " + customerOf(i) + ", 'ORD-"
                    + String.format(java.util.Locale.ROOT, "%04d", i)
                    + "', '" + statusOf(i) + "', '" + orderDateOf(i) + "', "
                    + amountOf(i).toPlainString() + ")");
        }
        return out;
    }

    private static int customerOf(int order) {
        return order % 5 + 1;
    }

    private static String statusOf(int order) {
        return STATUSES.get(order % 3);
    }

    private static LocalDate orderDateOf(int order) {
        return LocalDate.of(2024, 1, 1).plusDays(order * 5L);
    }

    private static BigDecimal amountOf(int order) {
        return BigDecimal.valueOf(order * 725L, 2);
    }

    @BeforeAll
    void openFixture() throws Exception {
        try {
            dataSource = createFixture();
        } catch (TestAbortedException e) {
            // Reported per test below, so a run without the engine shows skipped tests, not none.
            unavailable = e.getMessage();
        }
    }

    @BeforeEach
    void requireEngine() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    void closeFixture() throws Exception {
        if (dataSource != null) {
            dataSource.close();
        }
        dropFixture();
    }

    protected SafeSql safe(String sql) {
        return guard.require(sql, dataSource.dialect(), null);
    }

    private QueryResult run(String sql) {
        return dataSource.executeQuery(safe(sql), LIMITS, QueryCancellation.none());
    }

    private static long asLong(Object v) {
        return ((Number) v).longValue();
    }

    private static BigDecimal asDecimal(Object v) {
        return new BigDecimal(v.toString());
    }

    // --- connection ---------------------------------------------------------------------------

    @Test
    void testConnectionSucceeds() {
        ConnectionTestResult result = dataSource.testConnection();

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.serverVersion()).isNotBlank();
        assertThat(result.error()).isNull();
    }

    @Test
    void testConnectionReportsFailureWithoutThrowing() {
        try (DataSourceInterface unreachable = unreachableDataSource()) {
            ConnectionTestResult result = unreachable.testConnection();

            assertThat(result.ok()).isFalse();
            assertThat(result.error()).isNotBlank();
        }
    }

    @Test
    void unreachableSourceFailsWithDataSourceUnreachable() {
        try (DataSourceInterface unreachable = unreachableDataSource()) {
            SafeSql sql = guard.require("SELECT 1", unreachable.dialect(), null);

            assertThat(catchThrowableOfType(
                                    QuerentException.class,
                                    () -> unreachable.executeQuery(sql, LIMITS, QueryCancellation.none()))
                            .code())
                    .isEqualTo(ErrorCode.DATA_SOURCE_UNREACHABLE);
            assertThat(catchThrowableOfType(QuerentException.class, unreachable::getSchema)
                            .code())
                    .isEqualTo(ErrorCode.DATA_SOURCE_UNREACHABLE);
        }
    }

    // --- introspection ------------------------------------------------------------------------

    @Test
    void introspectsTablesAndViews() {
        SchemaSnapshot schema = dataSource.getSchema();

        assertThat(schema.dialect()).isEqualTo(dataSource.dialect());
        assertThat(schema.defaultSchema()).isEqualTo(expectedDefaultSchema());
        List<org.assertj.core.groups.Tuple> expected = new ArrayList<>(List.of(
                org.assertj.core.groups.Tuple.tuple("customers", TableKind.TABLE, expectedDefaultSchema()),
                org.assertj.core.groups.Tuple.tuple("orders", TableKind.TABLE, expectedDefaultSchema())));
        if (hasViews()) {
            expected.add(
                    org.assertj.core.groups.Tuple.tuple("customer_totals", TableKind.VIEW, expectedDefaultSchema()));
        }
        assertThat(schema.tables())
                .extracting(TableInfo::name, TableInfo::kind, TableInfo::schema)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void introspectsColumnsTypesAndNullability() {
        SchemaSnapshot schema = dataSource.getSchema();
        TableInfo customers = schema.table(null, "customers").orElseThrow();
        TableInfo orders = schema.table(null, "orders").orElseThrow();

        assertThat(customers.columns())
                .extracting(ColumnInfo::name)
                .containsExactly("customer_id", "name", "email", "tier", "signup_date");
        assertThat(customers.column("customer_id").orElseThrow().type()).containsIgnoringCase("int");
        assertThat(customers.column("name").orElseThrow().nullable()).isFalse();
        assertThat(customers.column("email").orElseThrow().nullable()).isTrue();
        assertThat(customers.column("signup_date").orElseThrow().type()).containsIgnoringCase("date");
        assertThat(orders.column("amount").orElseThrow().type()).matches("(?i).*(decimal|numeric).*");
        if (hasViews()) {
            assertThat(schema.table(null, "customer_totals").orElseThrow().columns())
                    .extracting(ColumnInfo::name)
                    .containsExactly("customer_id", "name", "order_count", "total_amount");
        }
    }

    @Test
    void introspectsPrimaryAndForeignKeys() {
        SchemaSnapshot schema = dataSource.getSchema();
        TableInfo customers = schema.table(null, "customers").orElseThrow();
        TableInfo orders = schema.table(null, "orders").orElseThrow();

        assertThat(customers.primaryKey()).containsExactly("customer_id");
        assertThat(orders.primaryKey()).containsExactly("order_id");
        if (declaresForeignKeys()) {
            assertThat(orders.foreignKeys())
                    .containsExactly(new ForeignKey(
                            List.of("customer_id"), expectedDefaultSchema(), "customers", List.of("customer_id")));
        } else {
            assertThat(orders.foreignKeys()).isEmpty();
        }
        assertThat(customers.foreignKeys()).isEmpty();
    }

    @Test
    void introspectsCommentsWhereSupported() {
        TableInfo customers = dataSource.getSchema().table(null, "customers").orElseThrow();

        if (supportsComments()) {
            assertThat(customers.comment()).isEqualTo(CUSTOMERS_COMMENT);
            assertThat(customers.column("tier").orElseThrow().comment()).isEqualTo(TIER_COMMENT);
            assertThat(customers.column("email").orElseThrow().comment()).isNull();
        } else {
            assertThat(customers.comment()).isNull();
        }
    }

    @Test
    void samplesLowCardinalityTextColumnsOnly() {
        SchemaSnapshot schema = dataSource.getSchema();
        TableInfo customers = schema.table(null, "customers").orElseThrow();
        TableInfo orders = schema.table(null, "orders").orElseThrow();

        // Most frequent first, ties alphabetical.
        assertThat(customers.column("tier").orElseThrow().sampleValues()).containsExactly("gold", "silver", "bronze");
        assertThat(orders.column("status").orElseThrow().sampleValues())
                .containsExactly("cancelled", "delivered", "shipped");
        assertThat(orders.column("reference").orElseThrow().sampleValues())
                .as("60 distinct values is not low-cardinality")
                .isEmpty();
        assertThat(orders.column("amount").orElseThrow().sampleValues()).isEmpty();
    }

    @Test
    void estimatesRowCounts() {
        SchemaSnapshot schema = dataSource.getSchema();

        assertThat(schema.table(null, "customers").orElseThrow().rowEstimate()).isEqualTo(5);
        assertThat(schema.table(null, "orders").orElseThrow().rowEstimate()).isEqualTo(ORDER_COUNT);
        if (hasViews()) {
            assertThat(schema.table(null, "customer_totals").orElseThrow().rowEstimate())
                    .isEqualTo(-1);
        }
    }

    // --- execution ----------------------------------------------------------------------------

    @Test
    void executesAndReturnsTypedRows() {
        QueryResult result = run("SELECT c.name, count(*) AS order_count, sum(o.amount) AS total"
                + " FROM customers c JOIN orders o ON o.customer_id = c.customer_id"
                + " WHERE o.status <> 'cancelled' GROUP BY c.name ORDER BY c.name");

        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<String> names =
                List.of("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov");
        for (int i = 1; i <= ORDER_COUNT; i++) {
            if (!statusOf(i).equals("cancelled")) {
                String name = names.get(customerOf(i) - 1);
                counts.computeIfAbsent(name, k -> new long[1])[0]++;
                totals.merge(name, amountOf(i), BigDecimal::add);
            }
        }

        assertThat(result.columns()).extracting(ResultColumn::name).containsExactly("name", "order_count", "total");
        assertThat(result.columns()).allSatisfy(c -> assertThat(c.type()).isNotNull());
        assertThat(result.truncated()).isFalse();
        assertThat(result.rows()).hasSize(counts.size());
        List<String> expectedNames = new ArrayList<>(counts.keySet());
        for (int i = 0; i < result.rows().size(); i++) {
            List<Object> row = result.rows().get(i);
            String name = expectedNames.get(i);
            assertThat(row.get(0)).isEqualTo(name);
            assertThat(row.get(1)).isInstanceOf(Long.class);
            assertThat(asLong(row.get(1))).isEqualTo(counts.get(name)[0]);
            assertThat(asDecimal(row.get(2))).isEqualByComparingTo(totals.get(name));
        }
    }

    @Test
    void convertsDatesNullsAndDecimalsConsistently() {
        QueryResult result = run("SELECT o.order_date, c.email, o.amount, c.signup_date FROM orders o"
                + " JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id = 2");

        List<Object> row = result.rows().getFirst();
        assertThat(row.get(0)).isEqualTo(orderDateOf(2).toString());
        assertThat(row.get(1)).as("Grace Hopper has no email").isNull();
        assertThat(asDecimal(row.get(2))).isEqualByComparingTo("14.50");
        assertThat(row.get(3)).isEqualTo("2023-06-30");
    }

    @Test
    void queriesViews() {
        Assumptions.assumeTrue(hasViews(), "this source has no views");
        QueryResult result = run("SELECT name, order_count FROM customer_totals ORDER BY customer_id");

        assertThat(result.rows()).hasSize(5);
        assertThat(result.rows()).allSatisfy(r -> assertThat(asLong(r.get(1))).isEqualTo(12));
        assertThat(result.rows().getFirst().getFirst()).isEqualTo("Ada Lovelace");
    }

    @Test
    void streamsColumnsBeforeRows() {
        List<String> events = new ArrayList<>();
        ExecutionSummary summary = dataSource.stream(
                safe("SELECT order_id FROM orders WHERE customer_id = 1 ORDER BY order_id"),
                LIMITS,
                QueryCancellation.none(),
                new RowSink() {
                    @Override
                    public void columns(List<ResultColumn> columns) {
                        events.add("columns:" + columns.size());
                    }

                    @Override
                    public void row(List<Object> values) {
                        events.add("row:" + values.getFirst());
                    }
                });

        assertThat(events).first().isEqualTo("columns:1");
        assertThat(events).hasSize(13).element(1).isEqualTo("row:5");
        assertThat(summary.rowCount()).isEqualTo(12);
        assertThat(summary.truncated()).isFalse();
    }

    @Test
    void rowCapTruncates() {
        QueryLimits tenRows = new QueryLimits(Duration.ofSeconds(30), 10, 1_000_000);
        QueryResult capped = dataSource.executeQuery(
                safe("SELECT order_id FROM orders ORDER BY order_id"), tenRows, QueryCancellation.none());
        QueryLimits exact = new QueryLimits(Duration.ofSeconds(30), ORDER_COUNT, 1_000_000);
        QueryResult whole = dataSource.executeQuery(
                safe("SELECT order_id FROM orders ORDER BY order_id"), exact, QueryCancellation.none());

        assertThat(capped.truncated()).isTrue();
        assertThat(capped.rows())
                .extracting(r -> asLong(r.getFirst()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(whole.truncated()).as("exactly the cap is not truncated").isFalse();
        assertThat(whole.rows()).hasSize(ORDER_COUNT);
    }

    @Test
    void resultSizeCapTruncates() {
        QueryLimits small = new QueryLimits(Duration.ofSeconds(30), 1_000, 400);
        QueryResult result = dataSource.executeQuery(
                safe("SELECT order_id, reference, status FROM orders ORDER BY order_id"),
                small,
                QueryCancellation.none());

        assertThat(result.truncated()).isTrue();
        assertThat(result.rows()).isNotEmpty().hasSizeLessThan(ORDER_COUNT);
        assertThat(asLong(result.rows().getFirst().getFirst())).isEqualTo(1);
    }

    @Test
    void longQueryStopsAtTimeout() {
        QueryLimits oneSecond = new QueryLimits(Duration.ofSeconds(1), 1_000, 1_000_000);

        QuerentException e = catchThrowableOfType(
                QuerentException.class,
                () -> dataSource.executeQuery(safe(longRunningQuery()), oneSecond, QueryCancellation.none()));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_TIMEOUT);
        assertThat(run("SELECT count(*) FROM customers").rows().getFirst().getFirst())
                .as("the data source still works after a timeout")
                .isEqualTo(5L);
    }

    /**
     * Cancels at several moments, including before the engine has started the statement (where a
     * single cancel is easily lost). The query's own timeout is far beyond the test's, so a lost
     * cancel fails the test instead of passing late.
     */
    @Test
    void cancelsFromAnotherThread() throws Exception {
        QueryLimits noTimeout = new QueryLimits(Duration.ofMinutes(10), 1_000, 1_000_000);
        SafeSql sql = safe(longRunningQuery());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (long delayMillis : new long[] {0, 20, 300}) {
                QueryCancellation cancellation = new QueryCancellation();
                Future<QueryResult> running =
                        executor.submit(() -> dataSource.executeQuery(sql, noTimeout, cancellation));
                Thread.sleep(delayMillis);
                cancellation.cancel();

                ExecutionException e = catchThrowableOfType(ExecutionException.class, running::get);
                assertThat(e).as("cancelled after %d ms", delayMillis).isNotNull();
                assertThat(e.getCause()).isInstanceOf(QuerentException.class);
                assertThat(((QuerentException) e.getCause()).code()).isEqualTo(ErrorCode.QUERY_CANCELLED);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void alreadyCancelledNeverRuns() {
        QueryCancellation cancellation = new QueryCancellation();
        cancellation.cancel();

        assertThat(catchThrowableOfType(
                                QuerentException.class,
                                () -> dataSource.executeQuery(safe("SELECT 1"), LIMITS, cancellation))
                        .code())
                .isEqualTo(ErrorCode.QUERY_CANCELLED);
    }

    @Test
    void engineErrorsAreQueryFailedWithTheEngineMessage() {
        QuerentException e =
                catchThrowableOfType(QuerentException.class, () -> run("SELECT no_such_column FROM orders"));

        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(e.getMessage()).contains("no_such_column").doesNotContain("\tat ");
    }

    @Test
    void runsConcurrently() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<QueryResult>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(executor.submit(() -> run("SELECT count(*) FROM orders")));
            }
            for (Future<QueryResult> f : futures) {
                assertThat(f.get().rows().getFirst().getFirst()).isEqualTo((long) ORDER_COUNT);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    // --- what the dialect writes, judged by the engine ------------------------------------------

    /** 2024-01-01 is a Monday; each day is read as a DATE and as a TIMESTAMP just before midnight. */
    @Test
    void isoDayOfWeekIsOneOnMondayToSevenOnSunday() {
        Assumptions.assumeTrue(runsTheDialectsOwnEngine(), "the engine here is not the dialect's own");
        SqlDialect sql = dataSource.dialect().sql();
        List<BigDecimal> expected = new ArrayList<>();
        List<BigDecimal> onDates = new ArrayList<>();
        List<BigDecimal> onTimestamps = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            String date = LocalDate.of(2024, 1, day).toString();
            QueryResult result = run("SELECT " + sql.isoDayOfWeek(sql.dateLiteral(date, false)) + " AS on_date, "
                    + sql.isoDayOfWeek(sql.dateLiteral(date + " 23:59:59", true)) + " AS on_timestamp");
            List<Object> row = result.rows().getFirst();
            expected.add(BigDecimal.valueOf(day));
            onDates.add(asDecimal(row.get(0)));
            onTimestamps.add(asDecimal(row.get(1)));
        }

        assertThat(onDates)
                .as("as DATE")
                .usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(expected);
        assertThat(onTimestamps)
                .as("as TIMESTAMP")
                .usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(expected);
    }

    /** On the fixture's date column, and followed by {@code IN (6, 7)} as a weekend filter is. */
    @Test
    void isoDayOfWeekOfADateColumnFindsTheWeekends() {
        Assumptions.assumeTrue(runsTheDialectsOwnEngine(), "the engine here is not the dialect's own");
        String dayOfWeek = dataSource.dialect().sql().isoDayOfWeek("o.order_date");
        QueryResult perOrder = run("SELECT o.order_id, " + dayOfWeek + " AS dow FROM orders o ORDER BY o.order_id");
        QueryResult weekends = run("SELECT count(*) FROM orders o WHERE " + dayOfWeek + " IN (6, 7)");

        List<Integer> expected = new ArrayList<>();
        long expectedWeekends = 0;
        for (int i = 1; i <= ORDER_COUNT; i++) {
            int iso = orderDateOf(i).getDayOfWeek().getValue();
            expected.add(iso);
            expectedWeekends += iso >= 6 ? 1 : 0;
        }
        assertThat(perOrder.rows())
                .extracting(r -> asDecimal(r.get(1)).intValueExact())
                .isEqualTo(expected);
        assertThat(expected)
                .as("the fixture's dates fall on every day of the week")
                .contains(1, 2, 3, 4, 5, 6, 7);
        assertThat(asLong(weekends.rows().getFirst().getFirst())).isEqualTo(expectedWeekends);
    }

    // --- explain ------------------------------------------------------------------------------

    @Test
    void explainReturnsThePlan() {
        ExplainResult result = dataSource.explain(safe("SELECT * FROM orders WHERE customer_id = 1"), LIMITS);

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.plan()).isNotBlank();
    }

    @Test
    void explainEstimatesTheRowsWhereTheEnginePlansWithEstimates() {
        ExplainResult result = dataSource.explain(safe("SELECT order_id FROM orders"), LIMITS);

        assertThat(result.ok()).as(result.error()).isTrue();
        if (estimatesRows()) {
            assertThat(result.estimatedRows()).as(result.plan()).isNotNull().isPositive();
        } else {
            assertThat(result.estimatedRows()).isNull();
        }
    }

    @Test
    void explainReturnsTheEngineErrorForABadColumn() {
        ExplainResult result = dataSource.explain(safe("SELECT no_such_column FROM orders"), LIMITS);

        assertThat(result.ok()).isFalse();
        assertThat(result.plan()).isNull();
        assertThat(result.error()).contains("no_such_column");
    }

    // --- safety -------------------------------------------------------------------------------

    @Test
    void rejectsSqlCheckedForAnotherDialect() {
        Dialect other = Arrays.stream(Dialect.values())
                .filter(d -> d != dataSource.dialect())
                .findFirst()
                .orElseThrow();
        SafeSql foreign = guard.require("SELECT 1", other, null);

        assertThat(catchThrowableOfType(
                                QuerentException.class,
                                () -> dataSource.executeQuery(foreign, LIMITS, QueryCancellation.none()))
                        .code())
                .isEqualTo(ErrorCode.SQL_REJECTED);
        assertThatThrownBy(() -> dataSource.explain(foreign, LIMITS)).isInstanceOf(QuerentException.class);
    }

    /**
     * Asserts that {@code write} fails below the guard, as if the guard had let it through: by
     * default in one of the connector's own read-only JDBC sessions. A connector without sessions
     * overrides this with its own last line of defence.
     */
    protected void assertWriteRefusedBelowTheGuard(String write) throws Exception {
        AbstractJdbcConnector connector = (AbstractJdbcConnector) dataSource;
        try (Connection session = connector.openSession();
                Statement st = session.createStatement()) {
            assertThatThrownBy(() -> st.execute(write)).as(write).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void sessionItselfRefusesWrites() throws Exception {
        List<String> writes = List.of(
                "INSERT INTO customers VALUES (99, 'Mallory', 'm@example.com', 'gold', '2024-01-01')",
                "UPDATE orders SET amount = 0",
                "DELETE FROM orders",
                "CREATE TABLE querent_probe (id INTEGER)",
                "DROP TABLE orders");
        for (String write : writes) {
            assertWriteRefusedBelowTheGuard(write);
        }

        assertThat(run("SELECT count(*) FROM customers").rows().getFirst().getFirst())
                .isEqualTo(5L);
        assertThat(run("SELECT count(*) FROM orders WHERE amount > 0")
                        .rows()
                        .getFirst()
                        .getFirst())
                .isEqualTo((long) ORDER_COUNT);
        assertThat(dataSource.getSchema().table(null, "querent_probe")).isEmpty();
    }
}
