package dev.querent.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.QueryResult;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Against real BigQuery, only when {@code QUERENT_TEST_BIGQUERY_PROJECT} and
 * {@code QUERENT_TEST_BIGQUERY_DATASET} are set with credentials: {@code
 * QUERENT_TEST_BIGQUERY_CREDENTIALS} (path of a service account key file) or application-default
 * credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}). Runs only free dry runs and queries that
 * read no table (0 bytes billed), under a 10 MB cap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BigQueryLiveIT {
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(60), 100, 1_000_000);
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
    private BigQueryConnector connector;
    private String unavailable;

    @BeforeEach
    void requireCredentials() {
        // Checked per test, so a run without credentials reports skipped tests with this message.
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @BeforeAll
    void open() throws Exception {
        String project = System.getenv("QUERENT_TEST_BIGQUERY_PROJECT");
        String dataset = System.getenv("QUERENT_TEST_BIGQUERY_DATASET");
        String keyFile = System.getenv("QUERENT_TEST_BIGQUERY_CREDENTIALS");
        boolean adc = System.getenv("GOOGLE_APPLICATION_CREDENTIALS") != null;
        if (project == null || dataset == null || (keyFile == null && !adc)) {
            unavailable =
                    "BigQuery live tests skipped: set QUERENT_TEST_BIGQUERY_PROJECT, QUERENT_TEST_BIGQUERY_DATASET and"
                            + " QUERENT_TEST_BIGQUERY_CREDENTIALS (service account key file) or"
                            + " GOOGLE_APPLICATION_CREDENTIALS to run them.";
            return;
        }
        Map<String, String> settings = new HashMap<>(
                Map.of("project", project, "dataset", dataset, "max_bytes_billed", Long.toString(10L << 20)));
        Map<String, String> secrets = new HashMap<>();
        if (keyFile != null) {
            secrets.put("credentials_json", Files.readString(Path.of(keyFile)));
        } else {
            settings.put("auth", "application_default");
        }
        connector = new BigQueryConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "bigquery", "live", settings, secrets));
    }

    @Test
    void connects() {
        ConnectionTestResult result = connector.testConnection();

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.serverVersion()).startsWith("BigQuery");
    }

    @Test
    void runsAQueryThatReadsNoTable() {
        QueryResult result = connector.executeQuery(
                guard.require("SELECT 1 AS one, 'a' AS letter", Dialect.BIGQUERY, null),
                LIMITS,
                QueryCancellation.none());

        assertThat(result.rows()).containsExactly(java.util.List.of(1L, "a"));
    }

    @Test
    void explainIsAFreeDryRun() {
        ExplainResult result = connector.explain(guard.require("SELECT 1 AS one", Dialect.BIGQUERY, null), LIMITS);

        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(result.plan()).contains("estimated bytes: 0");
    }

    @Test
    void introspectsTheDataset() {
        assertThat(connector.getSchema().defaultSchema()).isEqualTo(System.getenv("QUERENT_TEST_BIGQUERY_DATASET"));
    }
}
