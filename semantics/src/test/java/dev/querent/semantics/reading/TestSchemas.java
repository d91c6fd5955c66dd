package dev.querent.semantics.reading;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Hand-built snapshots for unit tests. */
final class TestSchemas {

    private TestSchemas() {}

    static ColumnInfo col(String name, String type, String... samples) {
        return new ColumnInfo(name, type, true, null, Arrays.asList(samples));
    }

    static ColumnInfo col(String name, String type, String comment, List<String> samples) {
        return new ColumnInfo(name, type, true, comment, samples);
    }

    static ForeignKey fk(String column, String refTable, String refColumn) {
        return new ForeignKey(List.of(column), null, refTable, List.of(refColumn));
    }

    static TableInfo table(
            String schema, String name, String comment, String pk, List<ForeignKey> fks, ColumnInfo... cols) {
        return new TableInfo(schema, name, TableKind.TABLE, comment, List.of(cols), List.of(pk), fks, 100);
    }

    /** A web shop in schema {@code shop}: customers, products, orders, order_items. */
    static SchemaSnapshot shop(Dialect dialect) {
        return new SchemaSnapshot(
                dialect,
                "shop",
                List.of(
                        table(
                                "shop",
                                "customers",
                                "People who registered",
                                "customer_id",
                                List.of(),
                                col("customer_id", "INTEGER"),
                                col("name", "VARCHAR"),
                                col("email", "VARCHAR"),
                                col("city", "VARCHAR", "Berlin", "Paris", "New York"),
                                col("country", "VARCHAR", "Germany", "France", "USA"),
                                col("signup_date", "DATE")),
                        table(
                                "shop",
                                "products",
                                "Items for sale",
                                "product_id",
                                List.of(),
                                col("product_id", "INTEGER"),
                                col("name", "VARCHAR"),
                                col("category", "VARCHAR", "Electronics", "Books"),
                                col("price", "NUMERIC(10,2)")),
                        table(
                                "shop",
                                "orders",
                                "Purchases made in the web shop",
                                "order_id",
                                List.of(fk("customer_id", "customers", "customer_id")),
                                col("order_id", "INTEGER"),
                                col("customer_id", "INTEGER"),
                                col("order_date", "DATE"),
                                col("status", "VARCHAR", "pending", "shipped", "delivered", "cancelled"),
                                col("total_amount", "NUMERIC(10,2)")),
                        table(
                                "shop",
                                "order_items",
                                "Lines of an order",
                                "order_item_id",
                                List.of(
                                        fk("order_id", "orders", "order_id"),
                                        fk("product_id", "products", "product_id")),
                                col("order_item_id", "INTEGER"),
                                col("order_id", "INTEGER"),
                                col("product_id", "INTEGER"),
                                col("quantity", "INTEGER"),
                                col("line_total", "NUMERIC(10,2)"))),
                Instant.EPOCH);
    }
}
