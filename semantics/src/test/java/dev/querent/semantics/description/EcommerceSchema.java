package dev.querent.semantics.description;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.List;

/** A small e-commerce schema, as a connector would introspect it, shared by the validation tests. */
public final class EcommerceSchema {
    private EcommerceSchema() {}

    static final String SCHEMA = "ecommerce";

    public static SchemaSnapshot snapshot() {
        return new SchemaSnapshot(
                Dialect.POSTGRESQL,
                SCHEMA,
                List.of(customers(), products(), orders(), orderItems()),
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static TableInfo customers() {
        return new TableInfo(
                SCHEMA,
                "customers",
                TableKind.TABLE,
                "Everyone who has registered an account in the shop, whether or not they ordered.",
                List.of(
                        column("customer_id", "integer", null),
                        column("name", "text", null),
                        column("email", "text", null),
                        column("country", "text", null, "Germany", "France", "Japan", "United States"),
                        column("city", "text", null),
                        column("created_at", "timestamp", null),
                        column("is_active", "boolean", null)),
                List.of("customer_id"),
                List.of(),
                1_000);
    }

    private static TableInfo products() {
        return new TableInfo(
                SCHEMA,
                "products",
                TableKind.TABLE,
                null,
                List.of(
                        column("product_id", "integer", null),
                        column("name", "text", null),
                        column("category", "text", null, "Electronics", "Books", "Clothing", "Home & Garden"),
                        column("price", "numeric(10,2)", "List price")),
                List.of("product_id"),
                List.of(),
                200);
    }

    private static TableInfo orders() {
        return new TableInfo(
                SCHEMA,
                "orders",
                TableKind.TABLE,
                null,
                List.of(
                        column("order_id", "integer", null),
                        column("customer_id", "integer", null),
                        column("order_date", "date", null),
                        column("status", "text", null, "pending", "shipped", "delivered", "cancelled", "completed"),
                        column("total_amount", "numeric(12,2)", "Order total in USD, including tax and shipping")),
                List.of("order_id"),
                List.of(new ForeignKey(List.of("customer_id"), SCHEMA, "customers", List.of("customer_id"))),
                50_000);
    }

    private static TableInfo orderItems() {
        return new TableInfo(
                SCHEMA,
                "order_items",
                TableKind.TABLE,
                null,
                List.of(
                        column("order_item_id", "integer", null),
                        column("order_id", "integer", null),
                        column("product_id", "integer", null),
                        column("quantity", "integer", null),
                        column("unit_price", "numeric(10,2)", null)),
                List.of("order_item_id"),
                List.of(
                        new ForeignKey(List.of("order_id"), SCHEMA, "orders", List.of("order_id")),
                        new ForeignKey(List.of("product_id"), SCHEMA, "products", List.of("product_id"))),
                150_000);
    }

    private static ColumnInfo column(String name, String type, String comment, String... samples) {
        return new ColumnInfo(name, type, true, comment, List.of(samples));
    }
}
