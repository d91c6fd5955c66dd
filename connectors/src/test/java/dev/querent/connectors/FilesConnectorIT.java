package dev.querent.connectors;

import dev.querent.connectors.FileSources.FileLimits;
import dev.querent.connectors.FileSources.StagedFile;
import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.connectors.files.FileStorage;
import dev.querent.connectors.files.FilesConnectorFactory;
import dev.querent.core.DataSourceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The shared contract on a files source: the shop's two tables are written as CSV files, uploaded
 * through {@link FileSources}, and the amount column's inferred DOUBLE adjusted to a decimal, as a
 * user would on the data-source screen.
 */
class FilesConnectorIT extends DataSourceContractIT {
    private Path dir;

    @Override
    protected DataSourceInterface createFixture() throws Exception {
        dir = Files.createTempDirectory("querent-files-it");
        Path csvs = Files.createDirectory(dir.resolve("csv"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (customer_id INTEGER, name VARCHAR, email VARCHAR, tier VARCHAR,"
                    + " signup_date DATE)");
            st.execute("CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, reference VARCHAR,"
                    + " status VARCHAR, order_date DATE, amount DECIMAL(12,2))");
            for (String insert : fixtureInserts()) {
                st.execute(insert);
            }
            st.execute("COPY customers TO '" + csvs.resolve("customers.csv") + "' (HEADER)");
            st.execute("COPY orders TO '" + csvs.resolve("Orders.csv") + "' (HEADER)");
        }
        SourcePolicy policy = SourcePolicy.allowingFilesIn(dir);
        FileStorage storage = new FileStorage(dir.resolve("files"), policy, FileLimits.defaults(), Clock.systemUTC());
        DataSourceConfig config =
                new DataSourceConfig(DataSourceId.random(), FileSources.TYPE, "shop", Map.of(), Map.of());
        DuckDbConnector connector = new FilesConnectorFactory(storage, policy).open(config);
        List<StagedFile> staged = List.of(
                upload(storage, config.id(), csvs.resolve("customers.csv"), "customers.csv"),
                upload(storage, config.id(), csvs.resolve("Orders.csv"), "Orders.csv"));
        storage.load(config.id(), staged);
        storage.retype(config.id(), "orders", "amount", "DECIMAL(12,2)");
        // The load replaced the database file: a connector opened before it reads the new one once reopened.
        connector.close();
        return new DuckDbConnector(FileSources.TYPE, storage.database(config.id()), policy.valueBufferBytes());
    }

    static StagedFile upload(FileSources storage, DataSourceId id, Path content, String name) throws Exception {
        StagedFile staged = storage.stage(id, name);
        Files.write(staged.path(), Files.readAllBytes(content));
        return staged;
    }

    @Override
    protected void dropFixture() throws Exception {
        TestFiles.deleteRecursively(dir);
    }

    @Override
    protected DataSourceInterface unreachableDataSource() {
        return new DuckDbConnector(FileSources.TYPE, dir.resolve("missing.duckdb"), 1 << 20);
    }

    @Override
    protected String expectedDefaultSchema() {
        return "main";
    }

    @Override
    protected boolean supportsComments() {
        return false;
    }

    @Override
    protected boolean hasViews() {
        return false;
    }

    @Override
    protected boolean declaresForeignKeys() {
        return false;
    }
}
