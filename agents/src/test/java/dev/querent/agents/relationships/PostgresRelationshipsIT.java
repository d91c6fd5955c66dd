package dev.querent.agents.relationships;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.postgres.PostgresConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.testing.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

/** The contract on a real PostgreSQL, in a throw-away schema (no foreign keys declared). */
class PostgresRelationshipsIT extends RelationshipsContractIT {
    private TestPostgres.Schema schema;

    @Override
    protected DataSourceInterface openFixture(Path dir) throws Exception {
        schema = TestPostgres.freshSchema("rel");
        try (Connection c = schema.dataSource().getConnection()) {
            build(c);
        }
        URI uri = URI.create(schema.url().substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>();
        settings.put("host", uri.getHost());
        settings.put("port", Integer.toString(uri.getPort() == -1 ? 5432 : uri.getPort()));
        settings.put("database", uri.getPath().substring(1));
        settings.put("user", schema.user());
        settings.put("schemas", schema.name());
        Map<String, String> secrets = schema.password().isEmpty() ? Map.of() : Map.of("password", schema.password());
        return new PostgresConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "postgresql", "rel", settings, secrets));
    }

    @Override
    protected void dropFixture() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
