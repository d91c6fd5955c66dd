package dev.querent.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceContractIT;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.RowSink;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.QueryResult;
import dev.querent.core.ResultColumn;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The shared contract on BigQuery: the official client, pointed at {@link BigQueryFake}, which
 * serves the shop from an in-memory DuckDB in BigQuery's REST protocol. Login (anonymous), dry
 * runs, jobs, paging, type mapping, errors, cancellation and timeouts all go through the client.
 */
class BigQueryConnectorIT extends DataSourceContractIT {

    /** A dry run estimates bytes, not rows (shown in the plan text). */
    @Override
    protected boolean estimatesRows() {
        return false;
    }

    static final String PROJECT = "querent-test";
    static final String DATASET = "shop";
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 1_000, 1_000_000);

    private static final RowSink DISCARD = new RowSink() {
        @Override
        public void columns(List<ResultColumn> columns) {}

        @Override
        public void row(List<Object> values) {}
    };

    private BigQueryFake fake;

    @Override
    protected DataSourceInterface createFixture() throws Exception {
        List<String> fixture = duckDbFixture();
        fake = new BigQueryFake(PROJECT, DATASET, fixture);
        return open(Map.of());
    }

    BigQueryConnector open(Map<String, String> extra) {
        Map<String, String> settings =
                new HashMap<>(Map.of("project", PROJECT, "dataset", DATASET, "endpoint", fake.endpoint()));
        settings.putAll(extra);
        return new BigQueryConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "bigquery", "shop", settings, Map.of()));
    }

    /** The fake answers from DuckDB, so SQL in this dialect's own date functions is not judged here. */
    @Override
    protected boolean runsTheDialectsOwnEngine() {
        return false;
    }

    @Override
    protected void dropFixture() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    @Override
    protected DataSourceInterface unreachableDataSource() {
        return new BigQueryConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(),
                        "bigquery",
                        "gone",
                        Map.of("project", PROJECT, "dataset", DATASET, "endpoint", "http://127.0.0.1:1"),
                        Map.of()));
    }

    @Override
    protected String expectedDefaultSchema() {
        return DATASET;
    }

    @Override
    protected boolean supportsComments() {
        return true;
    }

    /** BigQuery has no read-only session: the connector's dry run refuses anything but a SELECT. */
    @Override
    protected void assertWriteRefusedBelowTheGuard(String write) {
        int jobs = fake.queryJobsStarted.get();
        QuerentException e = catchThrowableOfType(QuerentException.class, () -> ((BigQueryConnector) dataSource)
                .run(write, LIMITS, QueryCancellation.none(), DISCARD));

        assertThat(e).as(write).isNotNull();
        assertThat(e.code()).as(write).isEqualTo(ErrorCode.SQL_REJECTED);
        assertThat(fake.queryJobsStarted.get()).as("no job ran for " + write).isEqualTo(jobs);
    }

    @Test
    void refusesAQueryAboveTheCostCapBeforeAnyJobRuns() {
        BigQueryConnector capped = open(Map.of("max_bytes_billed", "1000"));
        int jobs = fake.queryJobsStarted.get();

        QuerentException e = catchThrowableOfType(
                QuerentException.class,
                () -> capped.executeQuery(safe("SELECT * FROM orders"), LIMITS, QueryCancellation.none()));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_TOO_EXPENSIVE);
        assertThat(e.code().httpStatus()).isEqualTo(422);
        // orders: 60 rows x 6 columns x 8 bytes in the fake's estimate
        assertThat(e.details()).containsEntry("estimatedBytes", 2880L).containsEntry("maxBytesBilled", 1000L);
        assertThat(fake.queryJobsStarted.get()).as("no job was started").isEqualTo(jobs);
        QueryResult cheap =
                capped.executeQuery(safe("SELECT count(*) FROM customers"), LIMITS, QueryCancellation.none());
        assertThat(cheap.rows().getFirst().getFirst())
                .as("under the cap it runs")
                .isEqualTo(5L);
    }

    @Test
    void jobsCarryTheCapSoTheEngineEnforcesItToo() {
        // The dry run under-estimates here; the job itself is still refused by the engine.
        BigQueryConnector capped = open(Map.of("max_bytes_billed", "1000"));
        // The dry run estimates 10 bytes; the job then processes 5,000.
        fake.bytesEstimator = new ToLongFunction<>() {
            private int calls;

            @Override
            public synchronized long applyAsLong(String sql) {
                return calls++ == 0 ? 10 : 5_000;
            }
        };
        try {
            QuerentException e = catchThrowableOfType(
                    QuerentException.class,
                    () -> capped.executeQuery(safe("SELECT * FROM orders"), LIMITS, QueryCancellation.none()));

            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
            assertThat(e.getMessage()).contains("bytes billed");
        } finally {
            fake.useDefaultEstimate();
        }
    }

    @Test
    void explainIsTheDryRunWithEstimatedBytes() {
        ExplainResult result = dataSource.explain(safe("SELECT * FROM customers"), LIMITS);

        assertThat(result.ok()).isTrue();
        // customers: 5 rows x 5 columns x 8 bytes
        assertThat(result.plan()).contains("estimated bytes: 200").contains("statement: SELECT");
        assertThat(result.estimatedBytes()).isEqualTo(200L);
    }

    @Test
    void pagesThroughResultsLargerThanAPage() {
        int before = fake.requests.size();
        QueryLimits limits = new QueryLimits(Duration.ofSeconds(30), 2_500, 10_000_000);
        QueryResult result = dataSource.executeQuery(
                safe("SELECT a.order_id AS x, b.order_id AS y FROM orders a, orders b ORDER BY x, y LIMIT 3000"),
                limits,
                QueryCancellation.none());

        assertThat(result.truncated()).isTrue();
        assertThat(result.rows()).hasSize(2_500);
        assertThat(result.rows().get(2_499)).containsExactly(42L, 40L);
        assertThat(fake.requests.subList(before, fake.requests.size()).stream()
                        .filter(r -> r.contains("/data") || r.contains("/queries/")))
                .as("pages of %d rows", BigQueryConnector.MAX_PAGE_ROWS)
                .hasSizeGreaterThan(1);
    }

    @Test
    void mapsBigQueryTypesToPortableValues() {
        QueryResult result = dataSource.executeQuery(
                safe("SELECT signup_date, customer_id, name, customer_id > 2 AS late, customer_id / 2 AS half"
                        + " FROM customers WHERE customer_id = 3"),
                LIMITS,
                QueryCancellation.none());

        assertThat(result.rows().getFirst()).containsExactly("2023-06-30", 3L, "Grace Hopper", true, 1.5);
        assertThat(result.columns())
                .extracting(c -> c.type())
                .containsExactly("DATE", "INT64", "STRING", "BOOL", "FLOAT64");
    }

    @Test
    void unknownTableIsQueryFailedWithTheEngineMessage() {
        QuerentException e = catchThrowableOfType(
                QuerentException.class,
                () -> dataSource.executeQuery(safe("SELECT * FROM no_such_table"), LIMITS, QueryCancellation.none()));

        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(e.getMessage()).contains("no_such_table");
    }

    @Test
    void nestedAndRepeatedFieldsKeepTheirTypeAndShape() throws Exception {
        try (BigQueryFake nested = new BigQueryFake(
                PROJECT,
                "events",
                List.of(
                        "CREATE TABLE events (id INTEGER NOT NULL, tags VARCHAR[],"
                                + " payload STRUCT(kind VARCHAR, n INTEGER))",
                        "INSERT INTO events VALUES (1, ['a', 'b'], {'kind': 'click', 'n': 3})," + " (2, [], NULL)"))) {
            BigQueryConnector events = new BigQueryConnectorFactory()
                    .open(new DataSourceConfig(
                            DataSourceId.random(),
                            "bigquery",
                            "events",
                            Map.of("project", PROJECT, "dataset", "events", "endpoint", nested.endpoint()),
                            Map.of()));

            var table = events.getSchema().table(null, "events").orElseThrow();
            assertThat(table.column("tags").orElseThrow().type()).isEqualTo("ARRAY<STRING>");
            assertThat(table.column("payload").orElseThrow().type()).isEqualTo("STRUCT<kind STRING, n INT64>");

            QueryResult result = events.executeQuery(
                    safe("SELECT id, tags, payload FROM events ORDER BY id"), LIMITS, QueryCancellation.none());
            assertThat(result.columns())
                    .extracting(ResultColumn::type)
                    .containsExactly("INT64", "ARRAY<STRING>", "STRUCT<kind STRING, n INT64>");
            assertThat(result.rows().get(0)).containsExactly(1L, List.of("a", "b"), Map.of("kind", "click", "n", 3L));
            assertThat(result.rows().get(1)).containsExactly(2L, List.of(), null);
        }
    }

    @Test
    void aMissingDatasetFailsTheConnectionTest() {
        BigQueryConnector other = open(Map.of("dataset", "elsewhere"));

        assertThat(other.testConnection().ok()).isFalse();
        assertThatThrownBy(other::getSchema).isInstanceOf(QuerentException.class);
    }
}
