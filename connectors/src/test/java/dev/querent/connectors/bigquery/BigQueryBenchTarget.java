package dev.querent.connectors.bigquery;

import dev.querent.connectors.ConnectorBenchmark;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.core.DataSourceId;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * {@link ConnectorBenchmark}'s BigQuery: the real client against {@link BigQueryFake} holding the
 * generated schema. BigQuery has no JDBC connection to compare with, so there is no raw side.
 */
public final class BigQueryBenchTarget implements ConnectorBenchmark.Target {
    private final BigQueryFake fake;
    private final DataSourceInterface connector;

    private BigQueryBenchTarget(BigQueryFake fake, DataSourceInterface connector) {
        this.fake = fake;
        this.connector = connector;
    }

    public static BigQueryBenchTarget open(List<String> schema) throws Exception {
        BigQueryFake fake = new BigQueryFake(BigQueryConnectorIT.PROJECT, BigQueryConnectorIT.DATASET, schema);
        DataSourceInterface connector = new BigQueryConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(),
                        "bigquery",
                        "bench",
                        Map.of(
                                "project", BigQueryConnectorIT.PROJECT,
                                "dataset", BigQueryConnectorIT.DATASET,
                                "endpoint", fake.endpoint()),
                        Map.of()));
        return new BigQueryBenchTarget(fake, connector);
    }

    @Override
    public String name() {
        return "BigQuery (fake)";
    }

    @Override
    public DataSourceInterface connector() {
        return connector;
    }

    @Override
    public Connection raw() {
        return null;
    }

    @Override
    public void close() throws Exception {
        connector.close();
        fake.close();
    }
}
