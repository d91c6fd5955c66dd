package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.eval.Perturber.Perturbation;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerturberTest {
    private static final SchemaSnapshot SHOP = new SchemaSnapshot(
            Dialect.SQLITE,
            null,
            List.of(
                    table("customers", col("id", "INTEGER"), col("name", "TEXT"), col("region_id", "INTEGER")),
                    table(
                            "orders",
                            col("id", "INTEGER"),
                            col("customer_id", "INTEGER"),
                            col("status", "TEXT"),
                            col("amount", "REAL"))),
            Instant.EPOCH);

    private static TableInfo table(String name, ColumnInfo... columns) {
        return new TableInfo(null, name, TableKind.TABLE, null, List.of(columns), List.of("id"), List.of(), -1);
    }

    private static ColumnInfo col(String name, String type) {
        return new ColumnInfo(name, type, true, null, List.of());
    }

    private static List<String> variants(String sql, String kind) {
        return Perturber.all(sql, Dialect.SQLITE, SHOP).stream()
                .filter(p -> p.kind().equals(kind))
                .map(p -> Perturber.normalise(p.sql()))
                .toList();
    }

    @Test
    void swapsAggregates() {
        assertThat(variants("SELECT SUM(amount) FROM orders", Perturber.WRONG_AGGREGATE))
                .containsExactlyInAnyOrder("select count(amount) from orders", "select avg(amount) from orders");
        assertThat(variants("SELECT MAX(amount) FROM orders", Perturber.WRONG_AGGREGATE))
                .containsExactly("select min(amount) from orders");
        assertThat(variants("SELECT COUNT(*) FROM orders", Perturber.WRONG_AGGREGATE))
                .as("SUM(*) is not SQL")
                .isEmpty();
    }

    @Test
    void flipsTheSortDirection() {
        assertThat(variants("SELECT name FROM customers ORDER BY name", Perturber.FLIPPED_DIRECTION))
                .containsExactly("select name from customers order by name desc");
        assertThat(variants("SELECT name FROM customers ORDER BY name DESC", Perturber.FLIPPED_DIRECTION))
                .containsExactly("select name from customers order by name asc");
    }

    @Test
    void flipsComparisons() {
        assertThat(variants("SELECT id FROM orders WHERE amount > 10 AND id <= 5", Perturber.FLIPPED_COMPARISON))
                .containsExactlyInAnyOrder(
                        "select id from orders where amount < 10 and id <= 5",
                        "select id from orders where amount > 10 and id >= 5");
    }

    @Test
    void dropsOneFilterConjunctButNotAJoinCondition() {
        assertThat(variants(
                        "SELECT o.id FROM orders o, customers c WHERE o.customer_id = c.id AND o.status = 'paid'"
                                + " AND o.amount > 5",
                        Perturber.DROPPED_FILTER))
                .containsExactlyInAnyOrder(
                        "select o.id from orders o, customers c where o.customer_id = c.id and o.amount > 5",
                        "select o.id from orders o, customers c where o.customer_id = c.id and o.status = 'paid'");
        assertThat(variants("SELECT id FROM orders WHERE (status = 'paid')", Perturber.DROPPED_FILTER))
                .containsExactly("select id from orders");
    }

    @Test
    void loosensEqualityToLikeAndShiftsNumbers() {
        assertThat(variants("SELECT id FROM orders WHERE status = 'paid' AND amount >= 10", Perturber.LOOSENED_FILTER))
                .containsExactlyInAnyOrder(
                        "select id from orders where status like '%paid%' and amount >= 10",
                        "select id from orders where status = 'paid' and amount >= 11");
    }

    @Test
    void joinsOnAnotherKeyOfTheJoinedTableOnlyWithASchema() {
        String sql = "SELECT c.name FROM orders o JOIN customers c ON o.customer_id = c.id";
        assertThat(variants(sql, Perturber.WRONG_JOIN_KEY))
                .containsExactly("select c.name from orders o join customers c on o.customer_id = c.region_id");
        assertThat(Perturber.all(sql, Dialect.SQLITE, null))
                .noneMatch(p -> p.kind().equals(Perturber.WRONG_JOIN_KEY));
    }

    @Test
    void dropsAGroupingColumnFromGroupBySelectAndOrder() {
        assertThat(variants(
                        "SELECT status, customer_id, COUNT(*) FROM orders GROUP BY status, customer_id ORDER BY status",
                        Perturber.DROPPED_GROUP_BY))
                .containsExactlyInAnyOrder(
                        "select customer_id, count(*) from orders group by customer_id",
                        "select status, count(*) from orders group by status order by status");
    }

    @Test
    void changesTheLimit() {
        assertThat(variants("SELECT name FROM customers ORDER BY id LIMIT 10", Perturber.CHANGED_LIMIT))
                .containsExactly("select name from customers order by id limit 15");
        assertThat(variants("SELECT name FROM customers ORDER BY id LIMIT 1", Perturber.CHANGED_LIMIT))
                .containsExactly("select name from customers order by id limit 2");
    }

    @Test
    void addsOrRemovesASelectedColumn() {
        assertThat(variants("SELECT name FROM customers", Perturber.EXTRA_COLUMN))
                .containsExactly("select name, id from customers");
        assertThat(variants("SELECT id, name FROM customers", Perturber.MISSING_COLUMN))
                .containsExactlyInAnyOrder("select name from customers", "select id from customers");
        assertThat(variants(
                        "SELECT status, SUM(amount) AS total FROM orders GROUP BY status ORDER BY total",
                        Perturber.MISSING_COLUMN))
                .as("an alias used later must stay")
                .containsExactly("select sum(amount) as total from orders group by status order by total");
    }

    @Test
    void everyVariantParsesAndDiffersFromTheOriginal() {
        String sql = "SELECT c.name, SUM(o.amount) FROM orders o JOIN customers c ON o.customer_id = c.id"
                + " WHERE o.status = 'paid' GROUP BY c.name ORDER BY SUM(o.amount) DESC LIMIT 3";
        List<Perturbation> all = Perturber.all(sql, Dialect.SQLITE, SHOP);
        assertThat(all)
                .extracting(Perturbation::kind)
                .contains(Perturber.KINDS.stream()
                        .filter(k -> !k.equals(Perturber.FLIPPED_COMPARISON) && !k.equals(Perturber.EXTRA_COLUMN))
                        .toArray(String[]::new));
        assertThat(all).allSatisfy(p -> {
            assertThat(Perturber.parse(p.sql())).isPresent();
            assertThat(Perturber.normalise(p.sql())).isNotEqualTo(Perturber.normalise(sql));
        });
        assertThat(Perturber.all("not sql", Dialect.SQLITE, SHOP)).isEmpty();
    }

    @Test
    void pickIsReproducibleAndOneOfAll() {
        String sql = "SELECT status, COUNT(*) FROM orders WHERE amount > 10 GROUP BY status ORDER BY status";
        assertThat(Perturber.pick(sql, Dialect.SQLITE, SHOP, 7))
                .isEqualTo(Perturber.pick(sql, Dialect.SQLITE, SHOP, 7));
        assertThat(Perturber.all(sql, Dialect.SQLITE, SHOP))
                .contains(Perturber.pick(sql, Dialect.SQLITE, SHOP, 7).orElseThrow());
        assertThat(Perturber.pick("SELECT 1", Dialect.SQLITE, SHOP, 7)).isEmpty();
    }
}
