package dev.querent.connectors.snowflake;

import dev.querent.connectors.ConnectorBenchmark;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.core.DataSourceId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@link ConnectorBenchmark}'s Snowflake: the real driver against {@link SnowflakeFake} holding the
 * generated schema; the raw side is one logged-in connection of the same driver, kept open.
 */
public final class SnowflakeBenchTarget implements ConnectorBenchmark.Target {
    private final SnowflakeFake fake;
    private final SnowflakeConnector connector;

    private SnowflakeBenchTarget(SnowflakeFake fake, SnowflakeConnector connector) {
        this.fake = fake;
        this.connector = connector;
    }

    public static SnowflakeBenchTarget open(List<String> schema) throws Exception {
        SnowflakeFake fake = new SnowflakeFake(
                SnowflakeConnectorIT.DATABASE, SnowflakeConnectorIT.SCHEMA, SnowflakeConnectorIT.PASSWORD, schema);
        SnowflakeConnector connector = new SnowflakeConnectorFactory()
                .open(new DataSourceConfig(
                        DataSourceId.random(),
                        "snowflake",
                        "bench",
                        Map.of(
                                "account", "querent-bench",
                                "database", SnowflakeConnectorIT.DATABASE,
                                "schema", SnowflakeConnectorIT.SCHEMA,
                                "user", "QUERENT",
                                "warehouse", "FAKE_WH",
                                "role", "QUERENT_READER",
                                "endpoint", fake.endpoint()),
                        Map.of("password", SnowflakeConnectorIT.PASSWORD)));
        return new SnowflakeBenchTarget(fake, connector);
    }

    @Override
    public String name() {
        return "Snowflake (fake)";
    }

    @Override
    public DataSourceInterface connector() {
        return connector;
    }

    @Override
    public Connection raw() throws SQLException {
        // The connector's own driver and login properties; then nothing of its per-query work.
        return connector.openSession();
    }

    @Override
    public void close() throws Exception {
        connector.close();
        fake.close();
    }
}
