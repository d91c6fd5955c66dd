package dev.querent.semantics.reading;

import static dev.querent.semantics.reading.TestSchemas.col;
import static dev.querent.semantics.reading.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.PlanDescriber;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Dimension;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.Join;
import dev.querent.semantics.QueryPlan.JoinType;
import dev.querent.semantics.QueryPlan.Measure;
import dev.querent.semantics.QueryPlan.Order;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanSqlCompilerTest {

    private final PlanSqlCompiler compiler = new PlanSqlCompiler();

    private static final ColumnRef ORDER_DATE = new ColumnRef("shop.orders", "order_date");

    /** Orders per month of 2024, the acceptance question's plan. */
    private static QueryPlan ordersPerMonth2024() {
        return new QueryPlan(
                List.of("shop.orders"),
                List.of(),
                List.of(
                        new Filter(ORDER_DATE, FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE),
                        new Filter(ORDER_DATE, FilterOp.LT, List.of("2025-01-01"), ValueType.DATE)),
                List.of(new Measure(Aggregate.COUNT, null, "order_count")),
                List.of(new Dimension(ORDER_DATE, TimeGrain.MONTH, "month")),
                List.of(),
                List.of(new Order("month", Direction.ASC)),
                null,
                false,
                "");
    }

    /** A listing of {@code table}'s rows that meet {@code filters}. */
    private static QueryPlan filtered(String table, Filter... filters) {
        return plan(List.of(table), List.of(), List.of(filters), List.of(), List.of(), List.of(), List.of(), null);
    }

    private static QueryPlan plan(
            List<String> tables,
            List<Join> joins,
            List<Filter> filters,
            List<Measure> measures,
            List<Dimension> dims,
            List<ColumnRef> columns,
            List<Order> orders,
            Integer limit) {
        return new QueryPlan(tables, joins, filters, measures, dims, columns, orders, limit, false, "");
    }

    @Test
    void monthlyCountsWithAYearFilterInEachDialect() {
        assertThat(compiler.compile(ordersPerMonth2024(), Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .isEqualTo(
                        """
                        SELECT date_trunc('month', order_date) AS month, COUNT(*) AS order_count
                        FROM shop.orders
                        WHERE order_date >= DATE '2024-01-01'
                          AND order_date < DATE '2025-01-01'
                        GROUP BY date_trunc('month', order_date)
                        ORDER BY month""");
        assertThat(compiler.compile(ordersPerMonth2024(), Dialect.DUCKDB, TestSchemas.shop(Dialect.DUCKDB)))
                .startsWith("SELECT date_trunc('month', order_date) AS month");
        assertThat(compiler.compile(ordersPerMonth2024(), Dialect.SQLITE, TestSchemas.shop(Dialect.SQLITE)))
                .isEqualTo(
                        """
                        SELECT strftime('%Y-%m-01', order_date) AS month, COUNT(*) AS order_count
                        FROM shop.orders
                        WHERE order_date >= '2024-01-01'
                          AND order_date < '2025-01-01'
                        GROUP BY strftime('%Y-%m-01', order_date)
                        ORDER BY month""");
        assertThat(compiler.compile(ordersPerMonth2024(), Dialect.MYSQL, TestSchemas.shop(Dialect.MYSQL)))
                .contains("DATE_FORMAT(order_date, '%Y-%m-01') AS month")
                .contains("order_date >= DATE '2024-01-01'");
    }

    @Test
    void timeGrainsPerDialect() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.SQLITE);
        for (TimeGrain grain : TimeGrain.values()) {
            QueryPlan p = plan(
                    List.of("shop.orders"),
                    List.of(),
                    List.of(),
                    List.of(new Measure(Aggregate.COUNT, null, "n")),
                    List.of(new Dimension(ORDER_DATE, grain, "period")),
                    List.of(),
                    List.of(),
                    null);
            String sqlite = compiler.compile(p, Dialect.SQLITE, schema);
            String mysql = compiler.compile(p, Dialect.MYSQL, schema);
            String duck = compiler.compile(p, Dialect.DUCKDB, schema);
            assertThat(duck).contains("date_trunc('" + grain.name().toLowerCase() + "', order_date)");
            switch (grain) {
                case DAY -> {
                    assertThat(sqlite).contains("date(order_date)");
                    assertThat(mysql).contains("DATE(order_date)");
                }
                case WEEK -> {
                    assertThat(sqlite).contains("date(order_date, 'weekday 0', '-6 days')");
                    assertThat(mysql).contains("DATE_SUB(DATE(order_date), INTERVAL WEEKDAY(order_date) DAY)");
                }
                case MONTH -> assertThat(sqlite).contains("strftime('%Y-%m-01', order_date)");
                case QUARTER -> {
                    assertThat(sqlite).contains("printf('%s-%02d-01'");
                    assertThat(mysql).contains("QUARTER(order_date)");
                }
                case YEAR -> {
                    assertThat(sqlite).contains("strftime('%Y-01-01', order_date)");
                    assertThat(mysql).contains("DATE_FORMAT(order_date, '%Y-01-01')");
                }
            }
        }
    }

    @Test
    void joinsUseShortAliasesAndHavingFiltersMeasureAliases() {
        QueryPlan p = plan(
                List.of("shop.orders", "shop.customers"),
                List.of(new Join(
                        JoinType.INNER,
                        new ColumnRef("shop.orders", "customer_id"),
                        new ColumnRef("shop.customers", "customer_id"))),
                List.of(
                        new Filter(
                                new ColumnRef("shop.customers", "country"),
                                FilterOp.IN,
                                List.of("Germany", "France"),
                                ValueType.STRING),
                        new Filter(new ColumnRef(null, "order_count"), FilterOp.GTE, List.of("3"), ValueType.NUMBER)),
                List.of(new Measure(Aggregate.COUNT, null, "order_count")),
                List.of(new Dimension(new ColumnRef("shop.customers", "name"), null, "name")),
                List.of(),
                List.of(new Order("order_count", Direction.DESC)),
                10);
        assertThat(compiler.compile(p, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .isEqualTo(
                        """
                        SELECT c.name, COUNT(*) AS order_count
                        FROM shop.orders o
                        JOIN shop.customers c ON o.customer_id = c.customer_id
                        WHERE c.country IN ('Germany', 'France')
                        GROUP BY c.name
                        HAVING COUNT(*) >= 3
                        ORDER BY order_count DESC
                        LIMIT 10""");
    }

    /**
     * "The highest order amount for each status, ordered by the amount": a grouped query ordered by a
     * column it aggregates once is ordered by that aggregate; with two aggregates of it the order stays
     * open and is refused.
     */
    @Test
    void aGroupedQueryOrderedByAColumnItAggregatesOrdersByTheAggregate() {
        ColumnRef amount = new ColumnRef("shop.orders", "total_amount");
        Dimension status = new Dimension(new ColumnRef("shop.orders", "status"), null, "status");
        QueryPlan one = plan(
                List.of("shop.orders"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.MAX, amount, "highest_amount")),
                List.of(status),
                List.of(),
                List.of(new Order("shop.orders.total_amount", Direction.DESC)),
                null);
        assertThat(compiler.compile(one, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .endsWith("GROUP BY status\nORDER BY highest_amount DESC");
        QueryPlan two = plan(
                List.of("shop.orders"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.MAX, amount, "highest"), new Measure(Aggregate.MIN, amount, "lowest")),
                List.of(status),
                List.of(),
                List.of(new Order("shop.orders.total_amount", Direction.DESC)),
                null);
        assertThatThrownBy(() -> compiler.compile(two, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .hasMessageContaining("neither grouped nor a measure");
    }

    /**
     * "Orders per month, ordered by date": a grouped query ordered by a date it groups at a grain is
     * ordered by that grain; with the date at two grains the order stays open and is refused.
     */
    @Test
    void aGroupedQueryOrderedByADateItGroupsAtAGrainOrdersByTheGrain() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        QueryPlan byDate = withOrder(ordersPerMonth2024(), new Order("shop.orders.order_date", Direction.DESC));
        assertThat(compiler.compile(byDate, Dialect.POSTGRESQL, schema))
                .endsWith("GROUP BY date_trunc('month', order_date)\nORDER BY month DESC");
        QueryPlan twoGrains = new QueryPlan(
                List.of("shop.orders"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.COUNT, null, "order_count")),
                List.of(
                        new Dimension(ORDER_DATE, TimeGrain.YEAR, "year"),
                        new Dimension(ORDER_DATE, TimeGrain.MONTH, "month")),
                List.of(),
                List.of(new Order("shop.orders.order_date", Direction.ASC)),
                null,
                false,
                "");
        assertThatThrownBy(() -> compiler.compile(twoGrains, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("neither grouped nor a measure");
    }

    @Test
    void leftJoinsAndPathsOfSeveralTables() {
        QueryPlan p = plan(
                List.of("shop.order_items", "shop.products", "shop.orders"),
                List.of(
                        new Join(
                                JoinType.INNER,
                                new ColumnRef("shop.order_items", "product_id"),
                                new ColumnRef("shop.products", "product_id")),
                        new Join(
                                JoinType.LEFT,
                                new ColumnRef("shop.order_items", "order_id"),
                                new ColumnRef("shop.orders", "order_id"))),
                List.of(),
                List.of(new Measure(Aggregate.SUM, new ColumnRef("shop.order_items", "line_total"), "revenue")),
                List.of(new Dimension(new ColumnRef("shop.products", "category"), null, "category")),
                List.of(),
                List.of(new Order("revenue", Direction.DESC)),
                null);
        assertThat(compiler.compile(p, Dialect.DUCKDB, TestSchemas.shop(Dialect.DUCKDB)))
                .contains("FROM shop.order_items oi\nJOIN shop.products p ON oi.product_id = p.product_id\n"
                        + "LEFT JOIN shop.orders o ON oi.order_id = o.order_id");
    }

    @Test
    void quotesOnlyIdentifiersThatNeedIt() {
        SchemaSnapshot schema = new SchemaSnapshot(
                Dialect.POSTGRESQL,
                "public",
                List.of(table(
                        "public",
                        "Order",
                        null,
                        "id",
                        List.of(),
                        col("id", "integer"),
                        col("OrderDate", "date"),
                        col("user", "text"),
                        col("unit price", "numeric"))),
                Instant.EPOCH);
        QueryPlan p = plan(
                List.of("public.Order"),
                List.of(),
                List.of(new Filter(
                        new ColumnRef("public.Order", "user"), FilterOp.EQ, List.of("O'Brien"), ValueType.STRING)),
                List.of(new Measure(Aggregate.SUM, new ColumnRef("public.Order", "unit price"), "total price")),
                List.of(new Dimension(new ColumnRef("public.Order", "OrderDate"), TimeGrain.YEAR, "year")),
                List.of(),
                List.of(),
                null);
        assertThat(compiler.compile(p, Dialect.POSTGRESQL, schema))
                .isEqualTo(
                        """
                        SELECT date_trunc('year', "OrderDate") AS year, SUM("unit price") AS "total price"
                        FROM public."Order"
                        WHERE "user" = 'O''Brien'
                        GROUP BY date_trunc('year', "OrderDate")""");
        assertThat(compiler.compile(p, Dialect.MYSQL, schema))
                .contains("FROM public.`Order`")
                .contains("DATE_FORMAT(OrderDate, '%Y-01-01')")
                .contains("`user` = 'O''Brien'");
    }

    @Test
    void literalsPerType() {
        QueryPlan p = plan(
                List.of("shop.products"),
                List.of(),
                List.of(
                        new Filter(
                                new ColumnRef("shop.products", "name"),
                                FilterOp.LIKE,
                                List.of("%lamp%"),
                                ValueType.STRING),
                        new Filter(
                                new ColumnRef("shop.products", "price"),
                                FilterOp.BETWEEN,
                                List.of("10", "20.5"),
                                ValueType.NUMBER),
                        new Filter(new ColumnRef("shop.products", "category"), FilterOp.NOT_NULL, List.of(), null)),
                List.of(),
                List.of(),
                List.of(new ColumnRef("shop.products", "name")),
                List.of(new Order("shop.products.price", Direction.DESC)),
                5);
        assertThat(compiler.compile(p, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .isEqualTo(
                        """
                        SELECT name
                        FROM shop.products
                        WHERE name ILIKE '%lamp%'
                          AND price BETWEEN 10 AND 20.5
                          AND category IS NOT NULL
                        ORDER BY price DESC
                        LIMIT 5""");
        assertThat(compiler.compile(p, Dialect.SQLITE, TestSchemas.shop(Dialect.SQLITE)))
                .contains("name LIKE '%lamp%'");
    }

    @Test
    void listingsWithoutColumnsSelectEverythingAndDistinctApplies() {
        QueryPlan all =
                plan(List.of("shop.products"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
        assertThat(compiler.compile(all, Dialect.DUCKDB, TestSchemas.shop(Dialect.DUCKDB)))
                .isEqualTo("SELECT *\nFROM shop.products");
        QueryPlan distinct = new QueryPlan(
                List.of("shop.products"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new ColumnRef("shop.products", "category")),
                List.of(),
                null,
                true,
                "");
        assertThat(compiler.compile(distinct, Dialect.DUCKDB, TestSchemas.shop(Dialect.DUCKDB)))
                .isEqualTo("SELECT DISTINCT category\nFROM shop.products");
    }

    @Test
    void rejectsWhatTheSchemaDoesNotHave() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        QueryPlan base = ordersPerMonth2024();
        assertThatThrownBy(
                        () -> compiler.compile(withTables(base, List.of("shop.invoices")), Dialect.POSTGRESQL, schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown table 'shop.invoices'");
        QueryPlan badColumn = plan(
                List.of("shop.orders"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.SUM, new ColumnRef("shop.orders", "amount"), "x")),
                List.of(),
                List.of(),
                List.of(),
                null);
        assertThatThrownBy(() -> compiler.compile(badColumn, Dialect.POSTGRESQL, schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown column 'amount' in table 'shop.orders'");
    }

    @Test
    void rejectsTablesThatNoJoinConnects() {
        QueryPlan p = plan(
                List.of("shop.orders", "shop.products"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.COUNT, null, "n")),
                List.of(new Dimension(new ColumnRef("shop.products", "category"), null, "category")),
                List.of(),
                List.of(),
                null);
        assertThatThrownBy(() -> compiler.compile(p, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shop.products' is not joined to 'shop.orders'");
    }

    @Test
    void daysOfTheWeekInEachDialect() {
        QueryPlan weekends = plan(
                List.of("shop.orders"),
                List.of(),
                List.of(new Filter(ORDER_DATE, FilterOp.DAY_OF_WEEK, List.of("SUNDAY", "saturday"), ValueType.STRING)),
                List.of(new Measure(Aggregate.COUNT, null, "order_count")),
                List.of(),
                List.of(),
                List.of(),
                null);
        assertThat(compiler.compile(weekends, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .contains("WHERE EXTRACT(ISODOW FROM order_date) IN (6, 7)");
        assertThat(compiler.compile(weekends, Dialect.SQLITE, TestSchemas.shop(Dialect.SQLITE)))
                .contains("WHERE ((CAST(strftime('%w', order_date) AS INTEGER) + 6) % 7 + 1) IN (6, 7)");
        assertThat(compiler.compile(weekends, Dialect.MYSQL, TestSchemas.shop(Dialect.MYSQL)))
                .contains("WHERE (WEEKDAY(order_date) + 1) IN (6, 7)");
        assertThat(new PlanDescriber().describe(weekends)).contains("order date falls on Saturday or Sunday");
    }

    /** A day of the week is one of seven names: anything else never reaches the SQL. */
    @Test
    void rejectsWhatIsNoDayOfTheWeek() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        for (List<String> days : List.of(
                List.of("SATURDAY') OR 1=1 --"),
                List.of("6"),
                List.of("Sat"),
                List.<String>of(),
                List.of("MONDAY", "funday"))) {
            QueryPlan p = filtered("shop.orders", new Filter(ORDER_DATE, FilterOp.DAY_OF_WEEK, days, ValueType.STRING));
            assertThatThrownBy(() -> compiler.compile(p, Dialect.POSTGRESQL, schema))
                    .as(days.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("day");
        }
    }

    @Test
    void rejectsMalformedFiltersAndMeasures() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        ColumnRef price = new ColumnRef("shop.products", "price");
        List<Filter> bad = List.of(
                new Filter(price, FilterOp.GT, List.of("1; DROP TABLE products"), ValueType.NUMBER),
                new Filter(price, null, List.of("1"), ValueType.NUMBER),
                new Filter(price, FilterOp.BETWEEN, List.of("1"), ValueType.NUMBER),
                new Filter(price, FilterOp.EQ, List.of(), ValueType.NUMBER),
                new Filter(new ColumnRef("shop.products", "name"), FilterOp.GT, List.of("2024-13-45"), ValueType.DATE),
                new Filter(new ColumnRef(null, "nothing"), FilterOp.GT, List.of("1"), ValueType.NUMBER));
        for (Filter f : bad) {
            QueryPlan p = filtered("shop.products", f);
            assertThatThrownBy(() -> compiler.compile(p, Dialect.POSTGRESQL, schema))
                    .as(f.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        QueryPlan sumOfText = plan(
                List.of("shop.products"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.SUM, new ColumnRef("shop.products", "name"), "x")),
                List.of(),
                List.of(),
                List.of(),
                null);
        assertThatThrownBy(() -> compiler.compile(sumOfText, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("SUM needs a numeric column");
        QueryPlan avgWithoutColumn = plan(
                List.of("shop.products"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.AVG, null, "x")),
                List.of(),
                List.of(),
                List.of(),
                null);
        assertThatThrownBy(() -> compiler.compile(avgWithoutColumn, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("AVG needs a column");
    }

    /** Alternatives of a filter: one parenthesised OR, each a condition checked like any other filter. */
    @Test
    void alternativesAreOneOrAndEachIsCheckedLikeAFilter() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        ColumnRef price = new ColumnRef("shop.products", "price");
        ColumnRef name = new ColumnRef("shop.products", "name");
        Filter cheap = new Filter(price, FilterOp.LT, List.of("10"), ValueType.NUMBER);
        Filter named = new Filter(name, FilterOp.LIKE, List.of("%o'clock%"), ValueType.STRING);
        Filter listed = new Filter(name, FilterOp.NOT_NULL, List.of(), null);
        QueryPlan either = filtered("shop.products", Filter.anyOf(List.of(cheap, named)), listed);
        assertThat(compiler.compile(either, Dialect.POSTGRESQL, schema))
                .contains("WHERE (price < 10 OR name ILIKE '%o''clock%')\n  AND name IS NOT NULL");
        List<Filter> bad = List.of(
                new Filter(price, FilterOp.GT, List.of("1) OR (1=1"), ValueType.NUMBER),
                new Filter(price, null, List.of("1"), ValueType.NUMBER),
                new Filter(new ColumnRef("shop.products", "secret"), FilterOp.EQ, List.of("1"), ValueType.NUMBER),
                new Filter(new ColumnRef("shop.customers", "city"), FilterOp.EQ, List.of("Berlin"), ValueType.STRING),
                new Filter(new ColumnRef(null, "revenue"), FilterOp.GT, List.of("1"), ValueType.NUMBER),
                Filter.expression("1=1) OR (1=1"),
                Filter.anyOf(List.of(cheap, named)));
        for (Filter f : bad) {
            QueryPlan p = filtered("shop.products", Filter.anyOf(List.of(cheap, f)));
            assertThatThrownBy(() -> compiler.compile(p, Dialect.POSTGRESQL, schema))
                    .as(f.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsOrdersThatAGroupedQueryCannotSort() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        QueryPlan byUngrouped = withOrder(ordersPerMonth2024(), new Order("shop.orders.total_amount", Direction.DESC));
        assertThatThrownBy(() -> compiler.compile(byUngrouped, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("neither grouped nor a measure");
        QueryPlan byUnknown = withOrder(ordersPerMonth2024(), new Order("popularity", Direction.DESC));
        assertThatThrownBy(() -> compiler.compile(byUnknown, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("unknown order target 'popularity'");
        QueryPlan zeroLimit = new QueryPlan(List.of("shop.orders"), null, null, null, null, null, null, 0, false, "");
        assertThatThrownBy(() -> compiler.compile(zeroLimit, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("limit must be positive");
    }

    @Test
    void booleansPerDialect() {
        SchemaSnapshot schema = new SchemaSnapshot(
                Dialect.SQLITE,
                "main",
                List.of(table(null, "users", null, "id", List.of(), col("id", "INTEGER"), col("is_active", "BOOLEAN"))),
                Instant.EPOCH);
        QueryPlan p = plan(
                List.of("users"),
                List.of(),
                List.of(new Filter(
                        new ColumnRef("users", "is_active"), FilterOp.EQ, List.of("true"), ValueType.BOOLEAN)),
                List.of(new Measure(Aggregate.COUNT, null, "n")),
                List.of(),
                List.of(),
                List.of(),
                null);
        assertThat(compiler.compile(p, Dialect.SQLITE, schema)).contains("WHERE is_active = 1");
        assertThat(compiler.compile(p, Dialect.DUCKDB, schema)).contains("WHERE is_active = TRUE");
    }

    private static QueryPlan withTables(QueryPlan p, List<String> tables) {
        return new QueryPlan(
                tables,
                p.joins(),
                p.filters(),
                p.measures(),
                p.groupBy(),
                p.columns(),
                p.orderBy(),
                p.limit(),
                p.distinct(),
                p.summary());
    }

    private static QueryPlan withOrder(QueryPlan p, Order order) {
        return new QueryPlan(
                p.tables(),
                p.joins(),
                p.filters(),
                p.measures(),
                p.groupBy(),
                p.columns(),
                List.of(order),
                p.limit(),
                p.distinct(),
                p.summary());
    }

    private static final ColumnRef STATUS = new ColumnRef("shop.orders", "status");

    private static QueryPlan countOfOrders(List<Filter> filters, List<Dimension> dims) {
        return plan(
                List.of("shop.orders"),
                List.of(),
                filters,
                List.of(new Measure(Aggregate.COUNT, null, "order_count")),
                dims,
                List.of(),
                List.of(),
                null);
    }

    private static QueryPlan ratioOf(QueryPlan numerator, QueryPlan denominator, List<Dimension> dims) {
        return QueryPlan.dividing(new QueryPlan.Ratio(numerator, denominator, "ratio"), dims);
    }

    private static Filter status(String value) {
        return new Filter(STATUS, FilterOp.EQ, List.of(value), ValueType.STRING);
    }

    /** A filter both sides share, or one of the plan holding the ratio, restricts the rows of both. */
    @Test
    void aRatioOverTheSameRowsKeepsEachSidesRowsInsideItsAggregate() {
        Filter recent = new Filter(ORDER_DATE, FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE);
        QueryPlan shared = ratioOf(
                countOfOrders(List.of(recent, status("delivered")), List.of()),
                countOfOrders(List.of(recent), List.of()),
                List.of());
        QueryPlan ofThePlan = ratioOf(
                        countOfOrders(List.of(status("delivered")), List.of()),
                        countOfOrders(List.of(), List.of()),
                        List.of())
                .withFilters(List.of(recent));
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        String expected =
                """
                SELECT 1.0 * COUNT(CASE WHEN status = 'delivered' THEN 1 END) / NULLIF(COUNT(*), 0) AS ratio
                FROM shop.orders
                WHERE order_date >= DATE '2024-01-01'""";
        assertThat(compiler.compile(shared, Dialect.POSTGRESQL, schema)).isEqualTo(expected);
        assertThat(compiler.compile(ofThePlan, Dialect.POSTGRESQL, schema)).isEqualTo(expected);
    }

    @Test
    void aRatioOfTotalsOverDifferentTablesDividesTwoSubQueries() {
        QueryPlan customers = plan(
                List.of("shop.customers"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.COUNT, null, "customer_count")),
                List.of(),
                List.of(),
                List.of(),
                null);
        QueryPlan ratio = ratioOf(countOfOrders(List.of(), List.of()), customers, List.of());
        assertThat(compiler.compile(ratio, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .isEqualTo("SELECT 1.0 * (SELECT COUNT(*) AS order_count\nFROM shop.orders) / NULLIF((SELECT"
                        + " COUNT(*) AS customer_count\nFROM shop.customers), 0) AS ratio");
    }

    @Test
    void aRatioPerGroupOverDifferentTablesJoinsTheGroupsOfBothSides() {
        ColumnRef country = new ColumnRef("shop.customers", "country");
        Dimension byCountry = new Dimension(country, null, "country");
        QueryPlan orders = plan(
                List.of("shop.orders", "shop.customers"),
                List.of(new Join(
                        JoinType.INNER,
                        new ColumnRef("shop.orders", "customer_id"),
                        new ColumnRef("shop.customers", "customer_id"))),
                List.of(),
                List.of(new Measure(Aggregate.COUNT, null, "order_count")),
                List.of(byCountry),
                List.of(),
                List.of(),
                null);
        QueryPlan customers = plan(
                List.of("shop.customers"),
                List.of(),
                List.of(),
                List.of(new Measure(Aggregate.COUNT, null, "customer_count")),
                List.of(byCountry),
                List.of(),
                List.of(),
                null);
        QueryPlan ratio = ratioOf(orders, customers, List.of(byCountry))
                .withOrder(List.of(new Order("ratio", Direction.DESC)), 3);
        assertThat(compiler.compile(ratio, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .isEqualTo(
                        """
                        SELECT den.g1 AS country, 1.0 * COALESCE(num.v, 0) / NULLIF(den.v, 0) AS ratio
                        FROM (SELECT country AS g1, COUNT(*) AS v
                        FROM shop.customers
                        GROUP BY country) den
                        LEFT JOIN (SELECT c.country AS g1, COUNT(*) AS v
                        FROM shop.orders o
                        JOIN shop.customers c ON o.customer_id = c.customer_id
                        GROUP BY c.country) num ON num.g1 = den.g1
                        ORDER BY ratio DESC
                        LIMIT 3""");
    }

    @Test
    void ratiosThatAreNotOneMeasureOverAnotherAreRefused() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        Dimension byStatus = new Dimension(STATUS, null, "status");
        QueryPlan one = countOfOrders(List.of(status("delivered")), List.of());
        QueryPlan listing = plan(
                List.of("shop.orders"), List.of(), List.of(), List.of(), List.of(), List.of(STATUS), List.of(), null);
        assertThatThrownBy(() -> compiler.compile(ratioOf(one, listing, List.of()), Dialect.POSTGRESQL, schema))
                .hasMessageContaining("denominator must be a single measure");
        assertThat(compiler.compile(
                        ratioOf(one, countOfOrders(List.of(), List.of()), List.of(byStatus)),
                        Dialect.POSTGRESQL,
                        schema))
                .as("the plan holding the ratio groups both sides (a grain or grouping edited on the plan card)")
                .contains("GROUP BY status");
        QueryPlan withOwnMeasure = ratioOf(one, countOfOrders(List.of(), List.of()), List.of())
                .withMeasures(List.of(new Measure(Aggregate.COUNT, null, "n")));
        assertThatThrownBy(() -> compiler.compile(withOwnMeasure, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("keeps its measures");
        QueryPlan badAlias = QueryPlan.dividing(
                new QueryPlan.Ratio(one, countOfOrders(List.of(), List.of()), "r; DROP TABLE orders"), List.of());
        assertThatThrownBy(() -> compiler.compile(badAlias, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("must be a name");
    }
    /** A side listing one column: the quotient of two columns of each row, every value checked against the schema. */
    private static QueryPlan listing(String table, String column) {
        return plan(
                List.of(table),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new ColumnRef(table, column)),
                List.of(),
                null);
    }

    private static QueryPlan rowRatio(QueryPlan numerator, QueryPlan denominator, List<ColumnRef> named) {
        return QueryPlan.dividingEachRow(new QueryPlan.Ratio(numerator, denominator, "ratio"), named);
    }

    @Test
    void aRatioOfTwoColumnsDividesThemInEachRow() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        ColumnRef item = new ColumnRef("shop.order_items", "order_item_id");
        QueryPlan perItem = rowRatio(
                        listing("shop.order_items", "line_total"),
                        listing("shop.order_items", "quantity"),
                        List.of(item))
                .withOrder(List.of(new Order("ratio", Direction.DESC)), 5);
        assertThat(compiler.compile(perItem, Dialect.POSTGRESQL, schema))
                .isEqualTo(
                        """
                        SELECT order_item_id, 1.0 * line_total / NULLIF(quantity, 0) AS ratio
                        FROM shop.order_items
                        ORDER BY ratio DESC
                        LIMIT 5""");
        assertThat(new PlanDescriber().describe(perItem))
                .startsWith(
                        "Computes for each row, order item id and the ratio of (line total of order items) to (quantity of order items)");
    }

    /** Each part of an edited plan is an attack surface: names are checked, text is not divided, rows must agree. */
    @Test
    void aRatioOfTwoColumnsIsCheckedLikeAnyOtherPlan() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.POSTGRESQL);
        QueryPlan quantity = listing("shop.order_items", "quantity");
        for (String hostile : List.of("quantity; DROP TABLE orders", "quantity) FROM users --", "nope")) {
            assertThatThrownBy(() -> compiler.compile(
                            rowRatio(listing("shop.order_items", hostile), quantity, List.of()),
                            Dialect.POSTGRESQL,
                            schema))
                    .as(hostile)
                    .hasMessageContaining("unknown column");
        }
        assertThatThrownBy(() -> compiler.compile(
                        rowRatio(
                                listing("shop.customers", "email"),
                                listing("shop.customers", "customer_id"),
                                List.of()),
                        Dialect.POSTGRESQL,
                        schema))
                .hasMessageContaining("a ratio divides numbers");
        assertThatThrownBy(() -> compiler.compile(
                        rowRatio(
                                listing("shop.order_items", "line_total"),
                                listing("shop.orders", "total_amount"),
                                List.of()),
                        Dialect.POSTGRESQL,
                        schema))
                .hasMessageContaining("from the same rows");
        QueryPlan grouped = rowRatio(listing("shop.order_items", "line_total"), quantity, List.of())
                .withGroupBy(List.of(new Dimension(new ColumnRef("shop.order_items", "order_id"), null, "order_id")));
        assertThatThrownBy(() -> compiler.compile(grouped, Dialect.POSTGRESQL, schema))
                .hasMessageContaining("has no groups or measures");
    }
}
