package dev.querent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.knowledge.KnowledgeNotes.Description;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDescriptionsTest {
    private static final Instant TAKEN_AT = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void withoutDescriptionsTheSnapshotIsReturnedAsIs() {
        SchemaSnapshot shop = shop();

        assertThat(SchemaDescriptions.apply(shop, List.of())).isSameAs(shop);
        assertThat(SchemaDescriptions.apply(shop, null)).isSameAs(shop);
    }

    @Test
    void aTableDescriptionStandsInForAMissingComment() {
        // The knowledge store keeps a table description with an empty column name.
        SchemaSnapshot described =
                SchemaDescriptions.apply(shop(), List.of(new Description("public.orders", "", "One row per checkout")));

        assertThat(table(described, "orders").comment()).isEqualTo("One row per checkout");
        assertThat(table(described, "orders").columns())
                .isEqualTo(table(shop(), "orders").columns());
        assertThat(table(described, "customers")).isEqualTo(table(shop(), "customers"));
    }

    @Test
    void aTableDescriptionIsAppendedToTheEnginesComment() {
        SchemaSnapshot described = SchemaDescriptions.apply(
                shop(), List.of(new Description("public.customers", null, "  includes test accounts  ")));

        assertThat(table(described, "customers").comment()).isEqualTo("Customer master — includes test accounts");
    }

    @Test
    void aDescriptionRepeatingTheCommentIsNotDoubled() {
        SchemaSnapshot described =
                SchemaDescriptions.apply(shop(), List.of(new Description("public.customers", null, "customer MASTER")));

        assertThat(table(described, "customers").comment()).isEqualTo("customer MASTER");
    }

    @Test
    void columnDescriptionsStandInForOrAreAppendedToColumnComments() {
        SchemaSnapshot described = SchemaDescriptions.apply(
                shop(),
                List.of(
                        new Description("public.orders", "status", "S = shipped, C = cancelled"),
                        new Description("public.orders", "total_amount", "in euros, tax included")));

        TableInfo orders = table(described, "orders");
        assertThat(orders.column("status").orElseThrow().comment()).isEqualTo("S = shipped, C = cancelled");
        assertThat(orders.column("total_amount").orElseThrow().comment())
                .isEqualTo("Order total — in euros, tax included");
        assertThat(orders.column("order_id").orElseThrow().comment()).isNull();
        // A column description says nothing about the table.
        assertThat(orders.comment()).isNull();
    }

    @Test
    void tablesAndColumnsMatchCaseInsensitively() {
        SchemaSnapshot described = SchemaDescriptions.apply(
                shop(),
                List.of(
                        new Description("PUBLIC.Orders", null, "checkouts"),
                        new Description("Public.ORDERS", "Status", "S = shipped")));

        TableInfo orders = table(described, "orders");
        assertThat(orders.comment()).isEqualTo("checkouts");
        assertThat(orders.column("status").orElseThrow().comment()).isEqualTo("S = shipped");
    }

    @Test
    void blankDescriptionsAreIgnored() {
        SchemaSnapshot described = SchemaDescriptions.apply(
                shop(),
                List.of(
                        new Description("public.customers", null, "   "),
                        new Description("public.orders", "status", ""),
                        new Description("public.orders", "total_amount", null)));

        assertThat(described.tables()).isEqualTo(shop().tables());
    }

    @Test
    void descriptionsOfUnknownTablesOrColumnsChangeNothing() {
        SchemaSnapshot described = SchemaDescriptions.apply(
                shop(),
                List.of(
                        new Description("public.invoices", null, "not introspected"),
                        new Description("public.orders", "discount", "not a column")));

        assertThat(described.tables()).isEqualTo(shop().tables());
    }

    @Test
    void everythingButCommentsIsKept() {
        SchemaSnapshot shop = shop();

        SchemaSnapshot described = SchemaDescriptions.apply(
                shop,
                List.of(
                        new Description("public.orders", null, "checkouts"),
                        new Description("public.orders", "status", "S = shipped")));

        assertThat(described.dialect()).isEqualTo(shop.dialect());
        assertThat(described.defaultSchema()).isEqualTo(shop.defaultSchema());
        assertThat(described.takenAt()).isEqualTo(TAKEN_AT);
        TableInfo before = table(shop, "orders");
        TableInfo after = table(described, "orders");
        assertThat(after.schema()).isEqualTo(before.schema());
        assertThat(after.kind()).isEqualTo(before.kind());
        assertThat(after.primaryKey()).isEqualTo(before.primaryKey());
        assertThat(after.foreignKeys()).isEqualTo(before.foreignKeys());
        assertThat(after.rowEstimate()).isEqualTo(1200);
        ColumnInfo status = after.column("status").orElseThrow();
        assertThat(status.type()).isEqualTo("varchar(1)");
        assertThat(status.nullable()).isFalse();
        assertThat(status.sampleValues()).containsExactly("C", "S");
    }

    @Test
    void aTableOfTheDefaultSchemaNamedWithoutItIsDescribed() {
        // The UI names public.orders "orders" when public is the default schema.
        SchemaSnapshot described = SchemaDescriptions.apply(
                shop(),
                List.of(
                        new KnowledgeNotes.Description("orders", null, "checkouts"),
                        new KnowledgeNotes.Description("orders", "status", "C = cancelled, S = shipped")));

        TableInfo orders = table(described, "orders");
        assertThat(orders.comment()).isEqualTo("checkouts");
        assertThat(orders.column("status").orElseThrow().comment()).isEqualTo("C = cancelled, S = shipped");
    }

    private static TableInfo table(SchemaSnapshot snapshot, String name) {
        return snapshot.table("public", name).orElseThrow();
    }

    private static SchemaSnapshot shop() {
        TableInfo customers = new TableInfo(
                "public",
                "customers",
                TableKind.TABLE,
                "Customer master",
                List.of(
                        new ColumnInfo("customer_id", "integer", false, null, List.of()),
                        new ColumnInfo("email", "text", true, null, List.of())),
                List.of("customer_id"),
                List.of(),
                300);
        TableInfo orders = new TableInfo(
                "public",
                "orders",
                TableKind.TABLE,
                null,
                List.of(
                        new ColumnInfo("order_id", "integer", false, null, List.of()),
                        new ColumnInfo("customer_id", "integer", false, null, List.of()),
                        new ColumnInfo("status", "varchar(1)", false, null, List.of("C", "S")),
                        new ColumnInfo("total_amount", "numeric(10,2)", true, "Order total", List.of())),
                List.of("order_id"),
                List.of(new ForeignKey(List.of("customer_id"), "public", "customers", List.of("customer_id"))),
                1200);
        return new SchemaSnapshot(Dialect.POSTGRESQL, "public", List.of(customers, orders), TAKEN_AT);
    }
}
