package dev.querent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {

    @Test
    void identicalSchemasTakenAtDifferentTimesHaveNoDrift() {
        SchemaSnapshot before = shop();
        SchemaSnapshot after = new SchemaSnapshot(
                before.dialect(), before.defaultSchema(), before.tables(), Instant.parse("2025-01-01T00:00:00Z"));

        SchemaDrift drift = SchemaDrift.between(before, after);

        assertThat(drift.isEmpty()).isTrue();
        assertThat(drift.breaking()).isFalse();
        assertThat(drift).isEqualTo(SchemaDrift.NONE);
    }

    @Test
    void nothingIndexedBeforeMeansEveryTableIsAdded() {
        SchemaDrift drift = SchemaDrift.between(null, shop());

        assertThat(drift.addedTables()).containsExactly("public.customers", "public.orders", "public.products");
        assertThat(drift.changedTables()).containsExactly("public.customers", "public.orders", "public.products");
        assertThat(drift.removedTables()).isEmpty();
        assertThat(drift.addedColumns()).isEmpty();
        assertThat(drift.removedColumns()).isEmpty();
        assertThat(drift.retypedColumns()).isEmpty();
        assertThat(drift.breaking()).isFalse();
        assertThat(drift.isEmpty()).isFalse();
    }

    @Test
    void addedAndRemovedTables() {
        SchemaSnapshot before = snapshot(customers(), orders());
        SchemaSnapshot after = snapshot(customers(), products());

        SchemaDrift drift = SchemaDrift.between(before, after);

        assertThat(drift.addedTables()).containsExactly("public.products");
        assertThat(drift.removedTables()).containsExactly("public.orders");
        assertThat(drift.changedTables()).containsExactlyInAnyOrder("public.products", "public.orders");
        // Columns of whole tables that come or go are reported as tables, not column by column.
        assertThat(drift.addedColumns()).isEmpty();
        assertThat(drift.removedColumns()).isEmpty();
        assertThat(drift.breaking()).isTrue();
    }

    @Test
    void addingATableOrAColumnIsNotBreaking() {
        TableInfo widerCustomers = withColumns(
                customers(), column("customer_id", "integer"), column("email", "text"), column("phone", "text"));

        SchemaDrift drift = SchemaDrift.between(snapshot(customers()), snapshot(widerCustomers, products()));

        assertThat(drift.addedTables()).containsExactly("public.products");
        assertThat(drift.addedColumns()).containsExactly("public.customers.phone");
        assertThat(drift.changedTables()).containsExactlyInAnyOrder("public.customers", "public.products");
        assertThat(drift.breaking()).isFalse();
    }

    @Test
    void addedRemovedAndRetypedColumns() {
        TableInfo before = withColumns(
                orders(),
                column("order_id", "integer"),
                column("total_amount", "numeric(10,2)"),
                column("note", "text"));
        TableInfo after = withColumns(
                orders(),
                // Case and surrounding blanks of a type are not a change.
                column("order_id", " INTEGER "),
                column("total_amount", "text"),
                column("status", "varchar(20)"));

        SchemaDrift drift = SchemaDrift.between(snapshot(customers(), before), snapshot(customers(), after));

        assertThat(drift.addedColumns()).containsExactly("public.orders.status");
        assertThat(drift.removedColumns()).containsExactly("public.orders.note");
        assertThat(drift.retypedColumns()).containsExactly("public.orders.total_amount (numeric(10,2) → text)");
        assertThat(drift.changedTables()).containsExactly("public.orders");
        assertThat(drift.addedTables()).isEmpty();
        assertThat(drift.removedTables()).isEmpty();
        assertThat(drift.breaking()).isTrue();
    }

    @Test
    void aRetypedColumnAloneIsBreaking() {
        TableInfo retyped = withColumns(customers(), column("customer_id", "bigint"), column("email", "text"));

        SchemaDrift drift = SchemaDrift.between(snapshot(customers()), snapshot(retyped));

        assertThat(drift.retypedColumns()).containsExactly("public.customers.customer_id (integer → bigint)");
        assertThat(drift.removedColumns()).isEmpty();
        assertThat(drift.breaking()).isTrue();
    }

    @Test
    void commentAndSampleValueChangesAreIndexedChangesButNotBreaking() {
        TableInfo commented = new TableInfo(
                "public",
                "customers",
                TableKind.TABLE,
                "People who bought at least once",
                customers().columns(),
                customers().primaryKey(),
                customers().foreignKeys(),
                -1);
        TableInfo sampled = withColumns(
                products(),
                column("product_id", "integer"),
                new ColumnInfo("category", "text", true, null, List.of("Books", "Garden", "Toys")));

        SchemaDrift drift = SchemaDrift.between(
                snapshot(customers(), orders(), products()), snapshot(commented, orders(), sampled));

        assertThat(drift.changedTables()).containsExactly("public.customers", "public.products");
        assertThat(drift.addedTables()).isEmpty();
        assertThat(drift.removedTables()).isEmpty();
        assertThat(drift.addedColumns()).isEmpty();
        assertThat(drift.removedColumns()).isEmpty();
        assertThat(drift.retypedColumns()).isEmpty();
        assertThat(drift.breaking()).isFalse();
        assertThat(drift.isEmpty()).isFalse();
    }

    @Test
    void aColumnCommentOrForeignKeyChangeMarksOnlyThatTableChanged() {
        TableInfo columnComment = withColumns(
                customers(),
                new ColumnInfo("customer_id", "integer", false, "surrogate key", List.of()),
                column("email", "text"));
        TableInfo withoutForeignKey = new TableInfo(
                "public", "orders", TableKind.TABLE, null, orders().columns(), orders().primaryKey(), List.of(), -1);

        SchemaDrift drift = SchemaDrift.between(
                snapshot(customers(), orders(), products()), snapshot(columnComment, withoutForeignKey, products()));

        assertThat(drift.changedTables()).containsExactly("public.customers", "public.orders");
        assertThat(drift.breaking()).isFalse();
    }

    @Test
    void tablesAndColumnsMatchCaseInsensitively() {
        TableInfo upper = new TableInfo(
                "PUBLIC",
                "CUSTOMERS",
                TableKind.TABLE,
                null,
                List.of(column("CUSTOMER_ID", "integer"), column("Email", "text")),
                List.of("CUSTOMER_ID"),
                List.of(),
                -1);

        SchemaDrift drift = SchemaDrift.between(snapshot(customers()), snapshot(upper));

        assertThat(drift.addedTables()).isEmpty();
        assertThat(drift.removedTables()).isEmpty();
        assertThat(drift.addedColumns()).isEmpty();
        assertThat(drift.removedColumns()).isEmpty();
        assertThat(drift.breaking()).isFalse();
    }

    @Test
    void aChangedRowEstimateIsNoDrift() {
        TableInfo o = orders();
        TableInfo analysed = new TableInfo(
                o.schema(), o.name(), o.kind(), o.comment(), o.columns(), o.primaryKey(), o.foreignKeys(), 1000);

        SchemaDrift drift = SchemaDrift.between(snapshot(o), snapshot(analysed));

        assertThat(drift.isEmpty()).isTrue();
        assertThat(drift.changedTables()).isEmpty();
    }

    private static SchemaSnapshot shop() {
        return snapshot(customers(), orders(), products());
    }

    private static TableInfo customers() {
        return table("customers", List.of(column("customer_id", "integer"), column("email", "text")), List.of());
    }

    private static TableInfo orders() {
        return table(
                "orders",
                List.of(
                        column("order_id", "integer"),
                        column("customer_id", "integer"),
                        column("total_amount", "numeric")),
                List.of(new ForeignKey(List.of("customer_id"), "public", "customers", List.of("customer_id"))));
    }

    private static TableInfo products() {
        return table("products", List.of(column("product_id", "integer"), column("category", "text")), List.of());
    }

    private static TableInfo table(String name, List<ColumnInfo> columns, List<ForeignKey> fks) {
        return new TableInfo(
                "public",
                name,
                TableKind.TABLE,
                null,
                columns,
                List.of(columns.getFirst().name()),
                fks,
                -1);
    }

    private static TableInfo withColumns(TableInfo t, ColumnInfo... columns) {
        return new TableInfo(
                t.schema(), t.name(), t.kind(), t.comment(), List.of(columns), t.primaryKey(), t.foreignKeys(), -1);
    }

    private static ColumnInfo column(String name, String type) {
        return new ColumnInfo(name, type, true, null, List.of());
    }

    private static SchemaSnapshot snapshot(TableInfo... tables) {
        return new SchemaSnapshot(Dialect.POSTGRESQL, "public", List.of(tables), Instant.EPOCH);
    }
}
