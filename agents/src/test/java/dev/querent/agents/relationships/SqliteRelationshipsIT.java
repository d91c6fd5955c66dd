package dev.querent.agents.relationships;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.DataSourceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

/** The contract over a SQLite file built in the test (no foreign keys declared). */
class SqliteRelationshipsIT extends RelationshipsContractIT {
    @Override
    protected DataSourceInterface openFixture(Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path file = sources.resolve("shop.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            build(c);
        }
        return new SqliteConnectorFactory(SourcePolicy.allowingFilesIn(sources))
                .open(new DataSourceConfig(
                        DataSourceId.random(), "sqlite", "shop", Map.of("path", file.toString()), Map.of()));
    }
}
