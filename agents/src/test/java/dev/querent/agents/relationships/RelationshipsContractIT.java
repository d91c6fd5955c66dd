package dev.querent.agents.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.InferredRelationship;
import dev.querent.agents.RelationshipStatus;
import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.MetadataMigrations;
import dev.querent.agents.store.RelationshipStore;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Relationship inference against a real engine: a schema that declares no foreign keys, whose data
 * holds three real join keys, one name-alike whose values do not match, and two tables that share
 * only a bare {@code id}. Each engine subclass builds the same fixture in its own database.
 */
abstract class RelationshipsContractIT {
    static final List<String> FIXTURE = List.of(
            "CREATE TABLE regions (region_code VARCHAR(5), region_name VARCHAR(50))",
            "CREATE TABLE customers (customer_id INTEGER, name VARCHAR(50), region_code VARCHAR(5))",
            "CREATE TABLE orders (id INTEGER, customer_id INTEGER, amount INTEGER)",
            "CREATE TABLE shipments (shipment_id INTEGER, order_id INTEGER, carrier_code VARCHAR(10))",
            "CREATE TABLE carriers (carrier_code VARCHAR(10), carrier_name VARCHAR(50))",
            "CREATE TABLE notes (id INTEGER, body VARCHAR(100))",
            // a carrier in a role (text: inferred), and an order number in one (a number: never proposed)
            "CREATE TABLE pickups (pickup_id INTEGER, pickup_carrier VARCHAR(10), spare_order INTEGER)",
            "INSERT INTO regions VALUES ('N', 'North'), ('S', 'South'), ('E', 'East')",
            "INSERT INTO customers VALUES (1, 'Ada', 'N'), (2, 'Bo', 'S'), (3, 'Cy', 'N'), (4, 'Di', NULL)",
            "INSERT INTO orders VALUES (10, 1, 5), (11, 1, 7), (12, 2, 9), (13, 3, 4), (14, 4, 1)",
            "INSERT INTO shipments VALUES (100, 10, 'UPS'), (101, 11, 'DHL'), (102, 12, 'ACME'), (103, 14, 'ZIP')",
            "INSERT INTO carriers VALUES ('UPS', 'United'), ('DHL', 'Deutsche')",
            "INSERT INTO notes VALUES (10, 'a'), (11, 'b'), (12, 'c')",
            "INSERT INTO pickups VALUES (1, 'UPS', 10), (2, 'DHL', 11), (3, 'UPS', 12)");

    @TempDir
    Path dir;

    private DataSourceInterface connector;
    private Relationships relationships;
    private DataSourceId ds;

    /** The engine's fixture, built with {@link #FIXTURE}, open read-only through its connector. */
    protected abstract DataSourceInterface openFixture(Path dir) throws Exception;

    protected static void build(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String sql : FIXTURE) {
                s.execute(sql);
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        connector = openFixture(dir);
        SQLiteDataSource meta = new SQLiteDataSource();
        meta.setUrl("jdbc:sqlite:" + dir.resolve("meta.db") + "?foreign_keys=on");
        MetadataMigrations.migrate(meta);
        Jdbi jdbi = Jdbi.create(meta);
        ds = DataSourceId.random();
        new DataSourceStore(jdbi, Clock.systemUTC()).insert(ds, "fixture", connector.type(), Map.of(), null);
        relationships = new Relationships(
                new RelationshipStore(jdbi),
                new RelationshipInference(RelationshipInference.Settings.defaults(), Clock.systemUTC()),
                new SqlGuard(GuardPolicy.defaults()),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (connector != null) {
            connector.close();
        }
        dropFixture();
    }

    protected void dropFixture() throws Exception {}

    private static List<String> inferred(SchemaSnapshot s) {
        return s.tables().stream()
                .flatMap(t -> t.foreignKeys().stream()
                        .filter(ForeignKey::inferred)
                        .map(fk -> t.name() + "." + fk.columns().getFirst() + "->" + fk.refTable() + "."
                                + fk.refColumns().getFirst()))
                .toList();
    }

    @Test
    void infersTheJoinKeysTheDataHoldsAndNothingElse() {
        SchemaSnapshot raw = connector.getSchema();
        assertThat(raw.tables().stream().allMatch(t -> t.foreignKeys().isEmpty()))
                .isTrue();

        RelationshipInference.Outcome outcome = relationships.refresh(ds, raw, connector);

        assertThat(outcome.complete()).isTrue();
        assertThat(inferred(relationships.merge(ds, raw)))
                .containsExactlyInAnyOrder(
                        "customers.region_code->regions.region_code",
                        "orders.customer_id->customers.customer_id",
                        "shipments.order_id->orders.id",
                        "pickups.pickup_carrier->carriers.carrier_code");
        assertThat(relationships.list(ds))
                .allMatch(r -> r.status() == RelationshipStatus.INFERRED && r.containment() == 1.0);
    }

    @Test
    void removedStaysRemovedAndConfirmedStaysOnResync() {
        SchemaSnapshot raw = connector.getSchema();
        relationships.refresh(ds, raw, connector);
        InferredRelationship region = find("customers", "region_code");
        InferredRelationship customer = find("orders", "customer_id");

        relationships.remove(ds, region.id());
        relationships.confirm(ds, customer.id());
        relationships.refresh(ds, connector.getSchema(), connector);

        assertThat(inferred(relationships.merge(ds, raw)))
                .containsExactlyInAnyOrder(
                        "orders.customer_id->customers.customer_id",
                        "shipments.order_id->orders.id",
                        "pickups.pickup_carrier->carriers.carrier_code");
        assertThat(find("customers", "region_code").status()).isEqualTo(RelationshipStatus.REMOVED);
        assertThat(find("orders", "customer_id").status()).isEqualTo(RelationshipStatus.CONFIRMED);
        assertThat(relationships.list(ds)).hasSize(4);
    }

    @Test
    void concurrentIntrospectionsStoreEachRelationshipOnce() throws Exception {
        SchemaSnapshot raw = connector.getSchema();
        Thread other = Thread.ofPlatform().start(() -> relationships.refresh(ds, raw, connector));
        relationships.refresh(ds, raw, connector);
        other.join();

        assertThat(relationships.list(ds)).hasSize(4);
        assertThat(inferred(relationships.merge(ds, raw))).hasSize(4);
    }

    @Test
    void aResyncThatCannotReadTheDataKeepsWhatWasFound() {
        SchemaSnapshot raw = connector.getSchema();
        relationships.refresh(ds, raw, connector);
        DataSourceInterface failing = (DataSourceInterface) Proxy.newProxyInstance(
                DataSourceInterface.class.getClassLoader(),
                new Class<?>[] {DataSourceInterface.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("stream") || method.getName().equals("executeQuery")) {
                        throw new QuerentException(ErrorCode.QUERY_TIMEOUT, "timed out");
                    }
                    try {
                        return method.invoke(connector, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        RelationshipInference.Outcome outcome = relationships.refresh(ds, raw, failing);

        assertThat(outcome.complete()).isFalse();
        assertThat(inferred(relationships.merge(ds, raw))).hasSize(4);
    }

    @Test
    void aRelationshipWhoseColumnIsGoneIsNotMerged() {
        SchemaSnapshot raw = connector.getSchema();
        relationships.refresh(ds, raw, connector);
        List<TableInfo> withoutRegions = raw.tables().stream()
                .filter(t -> !t.name().equalsIgnoreCase("regions"))
                .toList();
        SchemaSnapshot shrunk = new SchemaSnapshot(raw.dialect(), raw.defaultSchema(), withoutRegions, raw.takenAt());

        assertThat(inferred(relationships.merge(ds, shrunk)))
                .containsExactlyInAnyOrder(
                        "orders.customer_id->customers.customer_id",
                        "shipments.order_id->orders.id",
                        "pickups.pickup_carrier->carriers.carrier_code");
    }

    private InferredRelationship find(String table, String column) {
        Optional<InferredRelationship> r = relationships.list(ds).stream()
                .filter(x ->
                        x.fromTable().equalsIgnoreCase(table) && x.fromColumn().equalsIgnoreCase(column))
                .findFirst();
        assertThat(r).isPresent();
        return r.get();
    }
}
