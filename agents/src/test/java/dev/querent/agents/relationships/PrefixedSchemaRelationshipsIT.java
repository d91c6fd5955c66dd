package dev.querent.agents.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.MetadataMigrations;
import dev.querent.agents.store.RelationshipStore;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A schema whose every name carries one prefix, read through the SQLite connector: the keys its data
 * holds are found by the prefixed-key rule, and a table whose name is SQL text (an attack on the
 * probes built from introspected names) is probed as a name, never run: every table keeps its rows.
 */
class PrefixedSchemaRelationshipsIT {
    private static final String HOSTILE = "sbx\"; DROP TABLE sbCustomer; --";

    @TempDir
    Path dir;

    @Test
    void prefixedKeysAreInferredAndAHostileNameIsOnlyAName() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path file = sources.resolve("broker.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE sbCustomer (sbCustId VARCHAR(20) PRIMARY KEY, sbCustName TEXT, sbCustCountry TEXT)");
            s.execute("CREATE TABLE sbTransaction (sbTxId VARCHAR(20) PRIMARY KEY, sbTxCustId VARCHAR(20),"
                    + " sbTxAmount NUMERIC)");
            s.execute("CREATE TABLE \"" + HOSTILE.replace("\"", "\"\"") + "\" (sbxCustId VARCHAR(20), sbxNote TEXT,"
                    + " sbxMore TEXT)");
            s.execute("INSERT INTO sbCustomer VALUES ('C1', 'Ada', 'UK'), ('C2', 'Bo', 'US')");
            s.execute("INSERT INTO sbTransaction VALUES ('T1', 'C1', 5), ('T2', 'C2', 7), ('T3', 'C1', 9)");
            s.execute("INSERT INTO \"" + HOSTILE.replace("\"", "\"\"") + "\" VALUES ('C1', 'x', 'y')");
        }
        try (DataSourceInterface connector = new SqliteConnectorFactory(SourcePolicy.allowingFilesIn(sources))
                .open(new DataSourceConfig(
                        DataSourceId.random(), "sqlite", "broker", Map.of("path", file.toString()), Map.of()))) {
            SQLiteDataSource meta = new SQLiteDataSource();
            meta.setUrl("jdbc:sqlite:" + dir.resolve("meta.db") + "?foreign_keys=on");
            MetadataMigrations.migrate(meta);
            Jdbi jdbi = Jdbi.create(meta);
            DataSourceId ds = DataSourceId.random();
            new DataSourceStore(jdbi, Clock.systemUTC()).insert(ds, "broker", connector.type(), Map.of(), null);
            Relationships relationships = new Relationships(
                    new RelationshipStore(jdbi),
                    new RelationshipInference(RelationshipInference.Settings.defaults(), Clock.systemUTC()),
                    new SqlGuard(GuardPolicy.defaults()),
                    Clock.systemUTC());

            SchemaSnapshot raw = connector.getSchema();
            relationships.refresh(ds, raw, connector);

            List<String> inferred = relationships.merge(ds, raw).tables().stream()
                    .flatMap(t -> t.foreignKeys().stream()
                            .filter(ForeignKey::inferred)
                            .map(fk -> t.name() + "." + fk.columns().getFirst() + "->" + fk.refTable() + "."
                                    + fk.refColumns().getFirst()))
                    .toList();
            assertThat(inferred)
                    .containsExactlyInAnyOrder(
                            "sbTransaction.sbTxCustId->sbCustomer.sbCustId",
                            HOSTILE + ".sbxCustId->sbCustomer.sbCustId");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sbCustomer")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
    }
}
