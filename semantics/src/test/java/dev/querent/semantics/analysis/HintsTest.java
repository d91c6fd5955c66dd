package dev.querent.semantics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each hint is given for the inefficient query and not for the rewrite it suggests. */
class HintsTest {
    private static final SchemaSnapshot SHOP = new SchemaSnapshot(
            Dialect.SQLITE,
            null,
            List.of(
                    table(
                            "orders",
                            2_000_000,
                            col("order_id", false),
                            col("customer_id", true),
                            col("order_date", false)),
                    table("customers", 5_000, col("customer_id", false), col("name", false))),
            Instant.EPOCH);

    private static ColumnInfo col(String name, boolean nullable) {
        return new ColumnInfo(name, "INTEGER", nullable, null, List.of());
    }

    private static TableInfo table(String name, long rows, ColumnInfo... columns) {
        return new TableInfo(null, name, TableKind.TABLE, null, List.of(columns), List.of(), List.of(), rows);
    }

    private static List<String> hints(String sql) {
        return Hints.of(sql, Dialect.SQLITE, SHOP);
    }

    @Test
    void aJoinWithoutAConditionAndNotItsRewrite() {
        assertThat(hints("SELECT c.name, o.order_id FROM customers c, orders o"))
                .anyMatch(h -> h.contains("pairs every row"));
        assertThat(hints("SELECT c.name FROM customers c CROSS JOIN orders o"))
                .anyMatch(h -> h.contains("without a condition"));
        assertThat(hints("SELECT c.name, o.order_id FROM customers c, orders o WHERE o.customer_id = c.customer_id"))
                .noneMatch(h -> h.contains("pairs every row"));
        assertThat(hints("SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id"))
                .isEmpty();
        assertThat(
                        hints(
                                "SELECT a.n / b.n FROM (SELECT COUNT(*) AS n FROM orders) a, (SELECT COUNT(*) AS n FROM customers) b"))
                .as("one-row aggregates side by side")
                .isEmpty();
    }

    @Test
    void selectStarAndNotNamedColumns() {
        assertThat(hints("SELECT * FROM customers")).anyMatch(h -> h.startsWith("SELECT *"));
        assertThat(hints("SELECT name FROM customers")).isEmpty();
    }

    @Test
    void aFunctionAroundAFilteredColumnAndNotARange() {
        assertThat(hints("SELECT COUNT(*) FROM orders WHERE strftime('%Y', order_date) = '2024'"))
                .anyMatch(h -> h.contains("strftime(order_date)") && h.contains("range"));
        assertThat(hints("SELECT COUNT(*) FROM orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"))
                .isEmpty();
    }

    @Test
    void notInOverANullableColumnAndNotOverAKey() {
        assertThat(hints("SELECT name FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders)"))
                .anyMatch(h -> h.startsWith("NOT IN over customer_id"));
        assertThat(hints("SELECT name FROM customers WHERE customer_id NOT IN (SELECT order_id FROM orders)"))
                .isEmpty();
    }

    @Test
    void anUnboundedSortOfALargeTableAndNotOfASmallOneOrWithALimit() {
        assertThat(hints("SELECT order_id FROM orders ORDER BY order_date")).anyMatch(h -> h.contains("2,000,000"));
        assertThat(hints("SELECT order_id FROM orders ORDER BY order_date LIMIT 10"))
                .isEmpty();
        assertThat(hints("SELECT name FROM customers ORDER BY name")).isEmpty();
    }

    @Test
    void sqlThatDoesNotParseGetsNoHints() {
        assertThat(hints("SELEC nonsense FROM")).isEmpty();
        assertThat(hints("SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000)))
                .isEmpty();
        assertThat(Hints.of("SELECT * FROM customers", Dialect.SQLITE, null)).hasSize(1);
    }
}
