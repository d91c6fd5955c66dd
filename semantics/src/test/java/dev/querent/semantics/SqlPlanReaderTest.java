package dev.querent.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.ComputedKind;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.JoinType;
import dev.querent.semantics.QueryPlan.StepKind;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.description.EcommerceSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each construct SQL can hold, read into the plan it runs. */
class SqlPlanReaderTest {
    private static final String ORDERS = "ecommerce.orders";
    private static final String ITEMS = "ecommerce.order_items";
    private static final String CUSTOMERS = "ecommerce.customers";

    private final SchemaSnapshot schema = EcommerceSchema.snapshot();
    private final SqlPlanReader reader = new SqlPlanReader();

    private QueryPlan read(String sql) {
        return reader.read(sql, Dialect.POSTGRESQL, schema);
    }

    private static ColumnRef col(String table, String column) {
        return new ColumnRef(table, column);
    }

    @Test
    void tablesAndJoinsWithTheirKeysAndKindWhateverTheAliases() {
        QueryPlan p =
                read("SELECT c.name, COUNT(*) AS n FROM orders o JOIN customers c ON o.customer_id = c.customer_id"
                        + " LEFT JOIN order_items oi ON oi.order_id = o.order_id GROUP BY c.name");
        assertThat(p.tables()).containsExactly(ORDERS, CUSTOMERS, ITEMS);
        assertThat(p.joins())
                .containsExactly(
                        new QueryPlan.Join(JoinType.INNER, col(ORDERS, "customer_id"), col(CUSTOMERS, "customer_id")),
                        new QueryPlan.Join(JoinType.LEFT, col(ITEMS, "order_id"), col(ORDERS, "order_id")));
        assertThat(p.groupBy()).containsExactly(new QueryPlan.Dimension(col(CUSTOMERS, "name"), null, "name"));
        assertThat(p.measures()).containsExactly(new QueryPlan.Measure(Aggregate.COUNT, null, "n"));
        assertThat(p.hasExpressions()).isFalse();
    }

    @Test
    void anOrOfPlainConditionsIsAFiltersAlternativesAndCompilesBack() {
        String sql = "SELECT c.name FROM customers c WHERE (c.country = 'Germany' OR c.name LIKE 'J%')"
                + " AND c.customer_id > 3";
        QueryPlan p = read(sql);
        assertThat(p.filters())
                .containsExactly(
                        Filter.anyOf(List.of(
                                new Filter(
                                        col(CUSTOMERS, "country"), FilterOp.EQ, List.of("Germany"), ValueType.STRING),
                                new Filter(col(CUSTOMERS, "name"), FilterOp.LIKE, List.of("J%"), ValueType.STRING))),
                        new Filter(col(CUSTOMERS, "customer_id"), FilterOp.GT, List.of("3"), ValueType.NUMBER));
        assertThat(p.hasExpressions()).isFalse();
        assertThat(reader.read(new PlanSqlCompiler().compile(p, Dialect.POSTGRESQL, schema), Dialect.POSTGRESQL, schema)
                        .filters())
                .isEqualTo(p.filters());
        // an alternative that is no plain condition keeps the whole OR as SQL text
        QueryPlan sub = read("SELECT c.name FROM customers c WHERE c.country = 'Germany'"
                + " OR c.customer_id IN (SELECT o.customer_id FROM orders o)");
        assertThat(sub.filters()).singleElement().satisfies(f -> assertThat(f.expression())
                .contains(" OR "));
    }

    @Test
    void oldStyleJoinsInWhereAreJoinsAndUsingNamesBothSides() {
        QueryPlan comma = read("SELECT o.order_id FROM orders o, customers c WHERE o.customer_id = c.customer_id"
                + " AND c.country = 'Germany'");
        assertThat(comma.joins())
                .containsExactly(
                        new QueryPlan.Join(JoinType.INNER, col(ORDERS, "customer_id"), col(CUSTOMERS, "customer_id")));
        assertThat(comma.filters())
                .containsExactly(
                        new Filter(col(CUSTOMERS, "country"), FilterOp.EQ, List.of("Germany"), ValueType.STRING));
        QueryPlan using = read("SELECT * FROM orders JOIN order_items USING (order_id)");
        assertThat(using.joins())
                .containsExactly(new QueryPlan.Join(JoinType.INNER, col(ORDERS, "order_id"), col(ITEMS, "order_id")));
        QueryPlan cross = read("SELECT * FROM orders CROSS JOIN customers");
        assertThat(cross.joins())
                .singleElement()
                .extracting(QueryPlan.Join::type)
                .isEqualTo(JoinType.CROSS);
        QueryPlan full = read("SELECT * FROM orders o FULL OUTER JOIN customers c ON o.customer_id = c.customer_id"
                + " AND c.is_active");
        assertThat(full.joins()).singleElement().satisfies(j -> {
            assertThat(j.type()).isEqualTo(JoinType.FULL);
            assertThat(j.condition()).isEqualTo("ecommerce.customers.is_active");
        });
        assertThat(full.hasExpressions()).isTrue();
    }

    @Test
    void filtersOfEveryStructuredKindAreTyped() {
        QueryPlan p = read("SELECT order_id FROM orders WHERE status IN ('shipped', 'delivered')"
                + " AND total_amount BETWEEN 10 AND 20.5 AND order_date >= DATE '2024-01-01'"
                + " AND order_date < '2025-01-01' AND customer_id IS NOT NULL AND status ILIKE '%ship%'"
                + " AND 100 < total_amount AND total_amount <> -3");
        assertThat(p.filters())
                .containsExactly(
                        new Filter(
                                col(ORDERS, "status"), FilterOp.IN, List.of("shipped", "delivered"), ValueType.STRING),
                        new Filter(
                                col(ORDERS, "total_amount"), FilterOp.BETWEEN, List.of("10", "20.5"), ValueType.NUMBER),
                        new Filter(col(ORDERS, "order_date"), FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE),
                        new Filter(col(ORDERS, "order_date"), FilterOp.LT, List.of("2025-01-01"), ValueType.DATE),
                        new Filter(col(ORDERS, "customer_id"), FilterOp.NOT_NULL, List.of(), null),
                        new Filter(col(ORDERS, "status"), FilterOp.LIKE, List.of("%ship%"), ValueType.STRING),
                        new Filter(col(ORDERS, "total_amount"), FilterOp.GT, List.of("100"), ValueType.NUMBER),
                        new Filter(col(ORDERS, "total_amount"), FilterOp.NE, List.of("-3"), ValueType.NUMBER));
        assertThat(p.summary()).contains("status is one of 'shipped', 'delivered'");
    }

    @Test
    void computedMeasuresKeepTheirExpressionWithPlanTableNames() {
        QueryPlan p = read("SELECT p.category, SUM(oi.quantity * oi.unit_price) AS revenue,"
                + " SUM(oi.quantity) / COUNT(DISTINCT oi.order_id) AS items_per_order, COUNT(DISTINCT oi.order_id) AS n"
                + " FROM order_items oi JOIN products p ON p.product_id = oi.product_id GROUP BY p.category");
        assertThat(p.measures())
                .containsExactly(
                        new QueryPlan.Measure(
                                Aggregate.SUM,
                                null,
                                "revenue",
                                "SUM(ecommerce.order_items.quantity * ecommerce.order_items.unit_price)"),
                        new QueryPlan.Measure(
                                Aggregate.SUM,
                                col(ITEMS, "quantity"),
                                "items_per_order",
                                "SUM(ecommerce.order_items.quantity) / COUNT(DISTINCT ecommerce.order_items.order_id)"),
                        new QueryPlan.Measure(Aggregate.COUNT_DISTINCT, col(ITEMS, "order_id"), "n"));
        assertThat(p.hasExpressions()).isTrue();
        assertThat(p.summary()).isNotBlank().doesNotStartWith(BackTranslation.UNDESCRIBED);
    }

    @Test
    void distinctHavingOnAMeasureAndOtherHavingConditions() {
        QueryPlan p = read("SELECT DISTINCT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id"
                + " HAVING COUNT(*) >= 3 AND SUM(total_amount) > 100 ORDER BY 2 DESC LIMIT 5");
        assertThat(p.distinct()).isTrue();
        assertThat(p.filters())
                .containsExactly(
                        new Filter(col(null, "orders"), FilterOp.GTE, List.of("3"), ValueType.NUMBER),
                        Filter.expression("SUM(ecommerce.orders.total_amount) > 100"));
        assertThat(p.orderBy()).containsExactly(new QueryPlan.Order("orders", QueryPlan.Direction.DESC));
        assertThat(p.limit()).isEqualTo(5);
    }

    @Test
    void inExistsAndAntiJoinConditionsAreExpressionFiltersWithSubqueryStepsInOrder() {
        QueryPlan p = read("SELECT c.name FROM customers c WHERE c.customer_id IN (SELECT customer_id FROM orders"
                + " WHERE status = 'shipped') AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.customer_id ="
                + " c.customer_id AND o2.status = 'cancelled')");
        assertThat(p.filters()).extracting(Filter::expression).allSatisfy(e -> assertThat(e)
                .isNotNull());
        assertThat(p.filters().get(0).expression())
                .startsWith("ecommerce.customers.customer_id IN (SELECT customer_id FROM orders");
        assertThat(p.filters().get(1).expression()).startsWith("NOT EXISTS (");
        assertThat(p.columns()).containsExactly(col(CUSTOMERS, "name"));

        assertThat(p.steps()).extracting(QueryPlan.Step::name).containsExactly("subquery 1", "subquery 2");
        assertThat(p.steps()).allSatisfy(s -> assertThat(s.plan().tables()).containsExactly(ORDERS));

        QueryPlan scalar = read("SELECT (SELECT MAX(total_amount) FROM orders) / NULLIF((SELECT MIN(price) FROM"
                + " products), 0) AS ratio");
        assertThat(scalar.tables())
                .as("a query with no FROM reads what its sub-queries read")
                .containsExactly(ORDERS, "ecommerce.products");
        assertThat(scalar.computed())
                .singleElement()
                .extracting(QueryPlan.Computed::alias)
                .isEqualTo("ratio");
        assertThat(scalar.steps()).hasSize(2);

        QueryPlan anti = read("SELECT c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id"
                + " WHERE o.order_id IS NULL");
        assertThat(anti.joins())
                .singleElement()
                .extracting(QueryPlan.Join::type)
                .isEqualTo(JoinType.LEFT);
        assertThat(anti.filters())
                .containsExactly(new Filter(col(ORDERS, "order_id"), FilterOp.IS_NULL, List.of(), null));
    }

    @Test
    void ctesAndSubqueriesInFromAreStepsWithDescriptions() {
        QueryPlan p = read("WITH spend AS (SELECT customer_id, SUM(total_amount) AS total FROM orders GROUP BY"
                + " customer_id), big AS (SELECT customer_id FROM spend WHERE total > 1000)"
                + " SELECT c.name, s.total FROM big b JOIN customers c ON c.customer_id = b.customer_id"
                + " JOIN spend s ON s.customer_id = b.customer_id ORDER BY s.total DESC");
        assertThat(p.steps()).extracting(QueryPlan.Step::name).containsExactly("spend", "big");
        assertThat(p.steps()).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(StepKind.CTE);
            assertThat(s.description()).isNotBlank().doesNotStartWith(BackTranslation.UNDESCRIBED);
            assertThat(s.plan().summary()).isEqualTo(s.description());
        });
        QueryPlan spend = p.steps().get(0).plan();
        assertThat(spend.tables()).containsExactly(ORDERS);
        assertThat(spend.measures())
                .containsExactly(new QueryPlan.Measure(Aggregate.SUM, col(ORDERS, "total_amount"), "total"));
        QueryPlan big = p.steps().get(1).plan();
        assertThat(big.tables()).containsExactly("spend");
        assertThat(big.filters())
                .containsExactly(new Filter(col("spend", "total"), FilterOp.GT, List.of("1000"), ValueType.NUMBER));
        assertThat(p.tables()).containsExactly("big", CUSTOMERS, "spend");
        assertThat(p.joins()).hasSize(2);
        assertThat(p.orderBy()).containsExactly(new QueryPlan.Order("spend.total", QueryPlan.Direction.DESC));

        QueryPlan derived = read("SELECT AVG(t.n) AS avg_items FROM (SELECT order_id, COUNT(*) AS n FROM order_items"
                + " GROUP BY order_id) t");
        assertThat(derived.steps()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("t");
            assertThat(s.kind()).isEqualTo(StepKind.SUBQUERY);
            assertThat(s.plan().tables()).containsExactly(ITEMS);
        });
        assertThat(derived.measures())
                .containsExactly(new QueryPlan.Measure(Aggregate.AVG, col("t", "n"), "avg_items"));
    }

    @Test
    void setOperationsAreStepsCombinedByTheirOperator() {
        QueryPlan p = read("SELECT name FROM customers WHERE country = 'Germany' UNION ALL"
                + " SELECT name FROM products EXCEPT SELECT name FROM customers WHERE is_active = false ORDER BY 1");
        assertThat(p.steps()).extracting(QueryPlan.Step::kind).containsOnly(StepKind.SET_OPERAND);
        assertThat(p.steps()).extracting(QueryPlan.Step::operator).containsExactly(null, "UNION ALL", "EXCEPT");
        assertThat(p.tables()).containsExactly(CUSTOMERS, "ecommerce.products");
        assertThat(p.steps().get(2).plan().filters())
                .containsExactly(
                        new Filter(col(CUSTOMERS, "is_active"), FilterOp.EQ, List.of("false"), ValueType.BOOLEAN));
    }

    @Test
    void windowFunctionsCaseAndGroupingExpressionsAreComputed() {
        QueryPlan p = read("SELECT customer_id, order_date, RANK() OVER (PARTITION BY customer_id ORDER BY"
                + " total_amount DESC) AS rnk, CASE WHEN total_amount > 100 THEN 'big' ELSE 'small' END AS size,"
                + " total_amount * 2 AS doubled FROM orders");
        assertThat(p.computed())
                .extracting(QueryPlan.Computed::kind)
                .containsExactly(ComputedKind.WINDOW, ComputedKind.CASE, ComputedKind.VALUE);
        assertThat(p.computed().get(2).expression()).isEqualTo("ecommerce.orders.total_amount * 2");
        assertThat(p.columns()).containsExactly(col(ORDERS, "customer_id"), col(ORDERS, "order_date"));

        QueryPlan byYear = read("SELECT EXTRACT(YEAR FROM order_date) AS y, date_trunc('month', order_date) AS m,"
                + " COUNT(*) AS n FROM orders GROUP BY 1, 2");
        assertThat(byYear.groupBy()).hasSize(2);
        assertThat(byYear.groupBy().get(0).expression()).isEqualTo("EXTRACT(YEAR FROM ecommerce.orders.order_date)");
        assertThat(byYear.groupBy().get(0).column()).isEqualTo(col(ORDERS, "order_date"));
        assertThat(byYear.groupBy().get(1))
                .isEqualTo(new QueryPlan.Dimension(col(ORDERS, "order_date"), TimeGrain.MONTH, "m"));
    }

    @Test
    void theCompilerRefusesPlansOnlySqlCanExpress() {
        QueryPlan p = read("SELECT SUM(quantity * unit_price) AS revenue FROM order_items");
        assertThatThrownBy(() -> new PlanSqlCompiler().compile(p, Dialect.POSTGRESQL, schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be compiled");
    }

    @Test
    void whatIsNotOneQueryIsRefused() {
        assertThatThrownBy(() -> read("DELETE FROM orders")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("SELECT 1; SELECT 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("SELEC nothing")).isInstanceOf(IllegalArgumentException.class);
        assertThat(reader.tryRead("", Dialect.POSTGRESQL, schema)).isEmpty();
        assertThat(reader.tryRead("SELECT * FROM orders;", Dialect.POSTGRESQL, schema))
                .isPresent();
    }

    /** SQL text is input too (a model's, a pattern's): hostile text is refused or read as the data it is. */
    @Test
    void hostileSqlIsRefusedOrReadAsData() {
        assertThatThrownBy(() -> read("SELECT order_id FROM orders WHERE status = '" + "x".repeat(25_000) + "'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than");
        String nested = "SELECT " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + " FROM orders";
        assertThatThrownBy(() -> read(nested)).isInstanceOf(IllegalArgumentException.class);
        assertThat(reader.tryRead(nested, Dialect.POSTGRESQL, schema)).isEmpty();

        QueryPlan plan = read("SELECT order_id FROM orders WHERE status = '''); DROP TABLE orders; --'");
        assertThat(plan.filters()).singleElement().satisfies(f -> assertThat(f.values())
                .containsExactly("'); DROP TABLE orders; --"));
    }
}
