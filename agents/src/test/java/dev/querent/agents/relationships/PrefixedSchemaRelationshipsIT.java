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
 * The same for a column named for a role (the role-key rule) whose name is SQL text.
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
        assertThat(inferred(sources, file))
                .containsExactlyInAnyOrder(
                        "sbTransaction.sbTxCustId->sbCustomer.sbCustId", HOSTILE + ".sbxCustId->sbCustomer.sbCustId");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sbCustomer")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
    }

    /** A column named for a role whose name is SQL text is probed as a name too, and inferred as one. */
    @Test
    void aRoleColumnWhoseNameIsSqlIsOnlyAName() throws Exception {
        String column = "x\"; DROP TABLE carrier; --_carrier";
        Path sources = Files.createDirectories(dir.resolve("roles"));
        Path file = sources.resolve("shipping.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE carrier (carrier_code TEXT, carrier_name TEXT)");
            s.execute("CREATE TABLE pickup (pickup_id INTEGER, \"" + column.replace("\"", "\"\"") + "\" TEXT)");
            s.execute("INSERT INTO carrier VALUES ('UPS', 'United'), ('DHL', 'Deutsche')");
            s.execute("INSERT INTO pickup VALUES (1, 'UPS'), (2, 'DHL')");
        }
        assertThat(inferred(sources, file)).containsExactly("pickup." + column + "->carrier.carrier_code");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM carrier")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
    }

    /** The relationships inferred over a SQLite file, through the connector and a fresh metadata store. */
    private List<String> inferred(Path sources, Path file) throws Exception {
        try (DataSourceInterface connector = new SqliteConnectorFactory(SourcePolicy.allowingFilesIn(sources))
                .open(new DataSourceConfig(
                        DataSourceId.random(), "sqlite", "source", Map.of("path", file.toString()), Map.of()))) {
            SQLiteDataSource meta = new SQLiteDataSource();
            meta.setUrl("jdbc:sqlite:" + sources.resolve("meta.db") + "?foreign_keys=on");
            MetadataMigrations.migrate(meta);
            Jdbi jdbi = Jdbi.create(meta);
            DataSourceId ds = DataSourceId.random();
            new DataSourceStore(jdbi, Clock.systemUTC()).insert(ds, "source", connector.type(), Map.of(), null);
            Relationships relationships = new Relationships(
                    new RelationshipStore(jdbi),
                    new RelationshipInference(RelationshipInference.Settings.defaults(), Clock.systemUTC()),
                    new SqlGuard(GuardPolicy.defaults()),
                    Clock.systemUTC());

            SchemaSnapshot raw = connector.getSchema();
            relationships.refresh(ds, raw, connector);

            return relationships.merge(ds, raw).tables().stream()
                    .flatMap(t -> t.foreignKeys().stream()
                            .filter(ForeignKey::inferred)
                            .map(fk -> t.name() + "." + fk.columns().getFirst() + "->" + fk.refTable() + "."
                                    + fk.refColumns().getFirst()))
                    .toList();
        }
    }
}
