package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.Example;
import dev.querent.semantics.PatternMatch;
import dev.querent.semantics.PatternMatcher;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.RuleBasedPlanner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Questions through planner and compiler, executed on DuckDB and SQLite, judged by comparing the
 * rows with those of a hand-written gold query (not by comparing SQL text).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineGeneratorExecutionTest {

    /** A question and its gold SQL; {@code {e}}/{@code {f}} are the shop/ledger schema prefixes. */
    record Case(String question, String gold) {}

    /** A follow-up asked after {@code first}, judged on the refined plan. */
    record FollowUp(String first, String followUp, String gold) {}

    static final List<Case> CASES = List.of(
            new Case("How many orders are there?", "SELECT COUNT(*) FROM {e}orders"),
            new Case("How many customers do we have?", "SELECT COUNT(*) FROM {e}customers"),
            new Case(
                    "How many orders were placed per month in 2024?",
                    "SELECT {month:order_date}, COUNT(*) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new Case("What is the total revenue?", "SELECT SUM(line_total) FROM {e}order_items"),
            new Case(
                    "Total revenue per month in 2024",
                    "SELECT {month:order_date}, SUM(total_amount) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new Case("What is the average order value?", "SELECT AVG(total_amount) FROM {e}orders"),
            new Case("What is the highest product price?", "SELECT MAX(price) FROM {e}products"),
            new Case("Number of customers per country", "SELECT country, COUNT(*) FROM {e}customers GROUP BY country"),
            new Case("How many orders per status?", "SELECT status, COUNT(*) FROM {e}orders GROUP BY status"),
            new Case(
                    "Top 5 products by revenue",
                    "SELECT p.name, SUM(oi.line_total) FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id GROUP BY p.name ORDER BY 2 DESC LIMIT 5"),
            new Case("Show the 10 most recent orders", "SELECT * FROM {e}orders ORDER BY order_date DESC LIMIT 10"),
            new Case("What are the 3 cheapest products?", "SELECT name, price FROM {e}products ORDER BY price LIMIT 3"),
            new Case(
                    "How many delivered orders are there?",
                    "SELECT COUNT(*) FROM {e}orders WHERE status = 'delivered'"),
            new Case("List customers in Berlin", "SELECT * FROM {e}customers WHERE city = 'Berlin'"),
            new Case("List customers from Germany", "SELECT * FROM {e}customers WHERE country = 'Germany'"),
            new Case("Show products in Electronics", "SELECT * FROM {e}products WHERE category = 'Electronics'"),
            new Case("How many orders over 500?", "SELECT COUNT(*) FROM {e}orders WHERE total_amount > 500"),
            new Case(
                    "Products with a price between 10 and 100",
                    "SELECT * FROM {e}products WHERE price BETWEEN 10 AND 100"),
            new Case(
                    "Which customers have placed at least 20 orders?",
                    "SELECT c.name, COUNT(*) FROM {e}orders o JOIN {e}customers c ON o.customer_id = c.customer_id"
                            + " GROUP BY c.name HAVING COUNT(*) >= 20"),
            new Case(
                    "How many orders in March 2024?",
                    "SELECT COUNT(*) FROM {e}orders WHERE order_date >= '2024-03-01' AND order_date < '2024-04-01'"),
            new Case(
                    "How many orders since 2024-06-01?",
                    "SELECT COUNT(*) FROM {e}orders WHERE order_date >= '2024-06-01'"),
            new Case("How many orders before 2024?", "SELECT COUNT(*) FROM {e}orders WHERE order_date < '2024-01-01'"),
            new Case(
                    "How many orders were placed on weekends in 2024?",
                    "SELECT COUNT(*) FROM {e}orders WHERE {weekend:order_date}"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new Case(
                    "What was the revenue last year?",
                    "SELECT SUM(total_amount) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new Case(
                    "How many orders this year?",
                    "SELECT COUNT(*) FROM {e}orders WHERE order_date >= '2025-01-01' AND order_date < '2026-01-01'"),
            new Case(
                    "How many orders in the last 30 days?",
                    "SELECT COUNT(*) FROM {e}orders WHERE order_date >= '2025-02-13'"),
            new Case(
                    "Revenue per product category",
                    "SELECT p.category, SUM(oi.line_total) FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id GROUP BY p.category"),
            new Case(
                    "Customers with the most orders",
                    "SELECT c.name, COUNT(*) FROM {e}orders o JOIN {e}customers c ON o.customer_id = c.customer_id"
                            + " GROUP BY c.name"),
            new Case(
                    "Revenue by customer country",
                    "SELECT c.country, SUM(o.total_amount) FROM {e}orders o JOIN {e}customers c"
                            + " ON o.customer_id = c.customer_id GROUP BY c.country"),
            new Case("Average price per category", "SELECT category, AVG(price) FROM {e}products GROUP BY category"),
            new Case(
                    "How many orders did customers from Germany place?",
                    "SELECT COUNT(*) FROM {e}orders o JOIN {e}customers c ON o.customer_id = c.customer_id"
                            + " WHERE c.country = 'Germany'"),
            new Case(
                    "Number of orders per week in 2024",
                    "SELECT {week:order_date}, COUNT(*) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new Case(
                    "Quarterly revenue in 2024",
                    "SELECT {quarter:order_date}, SUM(total_amount) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new Case("Revenue by year", "SELECT {year:order_date}, SUM(total_amount) FROM {e}orders GROUP BY 1"),
            new Case(
                    "Daily orders in March 2024",
                    "SELECT {day:order_date}, COUNT(*) FROM {e}orders"
                            + " WHERE order_date >= '2024-03-01' AND order_date < '2024-04-01' GROUP BY 1"),
            new Case("How many products per category?", "SELECT category, COUNT(*) FROM {e}products GROUP BY category"),
            new Case(
                    "Total quantity sold per product",
                    "SELECT p.name, SUM(oi.quantity) FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id GROUP BY p.name"),
            new Case(
                    "How many cancelled orders in 2024?",
                    "SELECT COUNT(*) FROM {e}orders WHERE status = 'cancelled'"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new Case(
                    "Total transaction amount per account type",
                    "SELECT a.account_type, SUM(t.amount) FROM {f}transactions t JOIN {f}accounts a"
                            + " ON t.account_id = a.account_id GROUP BY a.account_type"),
            new Case("How many invoices are overdue?", "SELECT COUNT(*) FROM {f}invoices WHERE status = 'overdue'"),
            new Case(
                    "How many customers have names that start with the letter 'A'?",
                    "SELECT COUNT(*) FROM {e}customers WHERE name LIKE 'A%'"),
            new Case(
                    "How many products have a name that ends with the word 'Pro'?",
                    "SELECT COUNT(*) FROM {e}products WHERE name LIKE '%Pro'"),
            new Case(
                    "What is the ratio of delivered orders to cancelled orders?",
                    "SELECT 1.0 * SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END)"
                            + " / SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) FROM {e}orders"),
            new Case(
                    "What is the ratio of orders to customers?",
                    "SELECT 1.0 * (SELECT COUNT(*) FROM {e}orders) / (SELECT COUNT(*) FROM {e}customers)"),
            new Case(
                    "What is the ratio of delivered orders to cancelled orders per month in 2024?",
                    "SELECT {month:order_date}, 1.0 * SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END)"
                            + " / NULLIF(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new Case(
                    "What is the ratio of orders to customers by customer country?",
                    "SELECT c.country, 1.0 * COUNT(o.order_id) / COUNT(DISTINCT c.customer_id) FROM {e}customers c"
                            + " LEFT JOIN {e}orders o ON o.customer_id = c.customer_id GROUP BY c.country"),
            new Case(
                    "What percentage of orders were delivered?",
                    "SELECT 100.0 * SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END) / COUNT(*) FROM {e}orders"),
            new Case(
                    "What proportion of customers are from Germany?",
                    "SELECT 1.0 * SUM(CASE WHEN country = 'Germany' THEN 1 ELSE 0 END) / COUNT(*) FROM {e}customers"),
            new Case(
                    "What percentage of orders were cancelled per customer country?",
                    "SELECT c.country, 100.0 * SUM(CASE WHEN o.status = 'cancelled' THEN 1 ELSE 0 END) / COUNT(*)"
                            + " FROM {e}orders o JOIN {e}customers c ON o.customer_id = c.customer_id"
                            + " GROUP BY c.country"),
            new Case(
                    "What is the percentage of cancelled orders per customer country?",
                    "SELECT c.country, 100.0 * SUM(CASE WHEN o.status = 'cancelled' THEN 1 ELSE 0 END) / COUNT(*)"
                            + " FROM {e}orders o JOIN {e}customers c ON o.customer_id = c.customer_id"
                            + " GROUP BY c.country"),
            new Case(
                    "What percent of orders in 2024 had a total amount above 500?",
                    "SELECT 100.0 * SUM(CASE WHEN total_amount > 500 THEN 1 ELSE 0 END) / COUNT(*) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new Case(
                    "What is the average order value for customers in Germany? Return the city and the average order value.",
                    "SELECT c.city, AVG(o.total_amount) FROM {e}orders o JOIN {e}customers c"
                            + " ON o.customer_id = c.customer_id WHERE c.country = 'Germany' GROUP BY c.city"),
            new Case(
                    "Average account balance per industry",
                    "SELECT c.industry, AVG(a.balance) FROM {f}accounts a JOIN {f}customers c"
                            + " ON a.customer_id = c.customer_id GROUP BY c.industry"),
            new Case(
                    "List the names and emails of customers in Paris",
                    "SELECT name, email FROM {e}customers WHERE city = 'Paris'"),
            new Case(
                    "What is the total amount of invoices issued in 2024?",
                    "SELECT SUM(amount) FROM {f}invoices WHERE issue_date >= '2024-01-01' AND issue_date < '2025-01-01'"),
            new Case(
                    "How many customers signed up in 2024?",
                    "SELECT COUNT(*) FROM {e}customers"
                            + " WHERE signup_date >= '2024-01-01' AND signup_date < '2025-01-01'"),
            new Case(
                    "Count of orders that are not cancelled",
                    "SELECT COUNT(*) FROM {e}orders WHERE status <> 'cancelled'"),
            new Case(
                    "Total revenue from delivered orders per month in 2024",
                    "SELECT {month:order_date}, SUM(total_amount) FROM {e}orders WHERE status = 'delivered'"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new Case(
                    "Which product has the highest price?",
                    "SELECT name, price FROM {e}products ORDER BY price DESC LIMIT 1"),
            new Case(
                    "How many distinct customers placed orders in 2024?",
                    "SELECT COUNT(DISTINCT customer_id) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new Case("Average invoice amount by status", "SELECT status, AVG(amount) FROM {f}invoices GROUP BY status"),
            new Case(
                    "Monthly transaction count in 2024",
                    "SELECT {month:txn_date}, COUNT(*) FROM {f}transactions"
                            + " WHERE txn_date >= '2024-01-01' AND txn_date < '2025-01-01' GROUP BY 1"),
            new Case(
                    "Top 10 customers by total spend",
                    "SELECT c.name, SUM(o.total_amount) FROM {e}orders o JOIN {e}customers c"
                            + " ON o.customer_id = c.customer_id GROUP BY c.name ORDER BY 2 DESC LIMIT 10"),
            new Case("What is the earliest order date?", "SELECT MIN(order_date) FROM {e}orders"),
            new Case(
                    "List all orders with a total amount greater than 1000 placed in 2024",
                    "SELECT * FROM {e}orders WHERE total_amount > 1000"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new Case(
                    "How many orders are pending or shipped?",
                    "SELECT COUNT(*) FROM {e}orders WHERE status IN ('pending', 'shipped')"),
            new Case(
                    "Show revenue by status for orders over 500",
                    "SELECT status, SUM(total_amount) FROM {e}orders WHERE total_amount > 500 GROUP BY status"),
            new Case("Products cheaper than 20", "SELECT * FROM {e}products WHERE price < 20"),
            new Case(
                    "Give me the number of orders and total revenue by month for 2024",
                    "SELECT {month:order_date}, COUNT(*), SUM(total_amount) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new Case("list the 5 largest orders", "SELECT * FROM {e}orders ORDER BY total_amount DESC LIMIT 5"),
            new Case(
                    "What is the total revenue for each product in the Electronics category?",
                    "SELECT p.name, SUM(oi.line_total) FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id WHERE p.category = 'Electronics' GROUP BY p.name"),
            new Case(
                    "Which month in 2024 had the highest revenue?",
                    "SELECT {month:order_date}, SUM(total_amount) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"
                            + " GROUP BY 1 ORDER BY 2 DESC LIMIT 1"));

    static final List<FollowUp> FOLLOW_UPS = List.of(
            new FollowUp(
                    "How many orders per month in 2024?",
                    "now only delivered ones",
                    "SELECT {month:order_date}, COUNT(*) FROM {e}orders WHERE status = 'delivered'"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new FollowUp(
                    "What is the ratio of delivered orders to cancelled orders?",
                    "now only 2024",
                    "SELECT 1.0 * SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END)"
                            + " / SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new FollowUp(
                    "What is the ratio of delivered orders to cancelled orders?",
                    "per month instead",
                    "SELECT {month:order_date}, 1.0 * SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END)"
                            + " / NULLIF(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0) FROM {e}orders"
                            + " GROUP BY 1"),
            new FollowUp(
                    "How many orders per month in 2024?",
                    "What about 2023?",
                    "SELECT {month:order_date}, COUNT(*) FROM {e}orders"
                            + " WHERE order_date >= '2023-01-01' AND order_date < '2024-01-01' GROUP BY 1"),
            new FollowUp(
                    "Top 5 products by revenue",
                    "top 10 only",
                    "SELECT p.name, SUM(oi.line_total) FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id GROUP BY p.name ORDER BY 2 DESC LIMIT 10"),
            new FollowUp(
                    "Number of orders per month in 2024",
                    "by status instead",
                    "SELECT status, COUNT(*) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY status"),
            new FollowUp(
                    "Top 5 products by revenue",
                    "sort ascending",
                    "SELECT p.name, SUM(oi.line_total) FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id GROUP BY p.name ORDER BY 2 ASC LIMIT 5"),
            new FollowUp(
                    "Total revenue per month in 2024",
                    "and the average?",
                    "SELECT {month:order_date}, SUM(total_amount), AVG(total_amount) FROM {e}orders"
                            + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
            new FollowUp(
                    "How many orders in 2024?",
                    "exclude cancelled",
                    "SELECT COUNT(*) FROM {e}orders WHERE status <> 'cancelled'"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new FollowUp(
                    "How many orders in 2024?",
                    "only on weekends",
                    "SELECT COUNT(*) FROM {e}orders WHERE {weekend:order_date}"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new FollowUp(
                    "How many orders were placed on weekends?",
                    "and in 2024?",
                    "SELECT COUNT(*) FROM {e}orders WHERE {weekend:order_date}"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new FollowUp(
                    "List customers in Berlin",
                    "what about Paris?",
                    "SELECT * FROM {e}customers WHERE city = 'Paris'"));

    private static final List<String> REFUSALS = List.of(
            "What is the meaning of life?",
            "asdf qwerty zxcv",
            "Tell me a joke",
            "How many unicorns live in the castle?",
            "Who won the football world cup in 1990?",
            "What is the percentage of blue orders?",
            "What is the percentage of pending unicorns?",
            "What percentage of unicorns were cancelled?",
            "What is the ratio of unicorns to orders?",
            "What is the ratio of orders to orders?",
            "Which customers ordered in 2023 but not in 2024?",
            "How many customers placed more than 10 orders?");

    private final OfflineFixtures fixtures = new OfflineFixtures();
    private final RuleBasedPlanner planner = new RuleBasedPlanner();
    private final PlanSqlCompiler compiler = new PlanSqlCompiler();
    private final Map<Dialect, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, Boolean> outcomes = new ConcurrentHashMap<>();

    @BeforeAll
    void createDatabases() throws SQLException {
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        fixtures.load(duck, Dialect.DUCKDB);
        connections.put(Dialect.DUCKDB, duck);
        Connection lite = DriverManager.getConnection("jdbc:sqlite::memory:");
        fixtures.load(lite, Dialect.SQLITE);
        connections.put(Dialect.SQLITE, lite);
    }

    @AfterAll
    void report() throws SQLException {
        for (String group : List.of("question", "follow-up", "pattern", "refusal")) {
            long total =
                    outcomes.keySet().stream().filter(k -> k.startsWith(group)).count();
            long passed = outcomes.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(group) && e.getValue())
                    .count();
            System.out.printf("[offline] %-9s %d/%d passed%n", group, passed, total);
        }
        for (Connection c : connections.values()) {
            c.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> questions() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect dialect : List.of(Dialect.DUCKDB, Dialect.SQLITE)) {
            for (Case c : CASES) {
                tests.add(DynamicTest.dynamicTest(
                        dialect + ": " + c.question(),
                        () -> record("question " + dialect + " " + c.question(), () -> {
                            SchemaSnapshot schema = fixtures.snapshot(dialect);
                            PlanAttempt attempt = planner.plan(c.question(), schema, null, OfflineFixtures.TODAY);
                            assertThat(attempt.plan())
                                    .as("plan for '%s': %s", c.question(), attempt.explanationWhenNoPlan())
                                    .isNotNull();
                            assertSameRows(dialect, attempt.plan(), gold(c.gold(), dialect), c.question(), attempt);
                        })));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> followUps() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect dialect : List.of(Dialect.DUCKDB, Dialect.SQLITE)) {
            for (FollowUp f : FOLLOW_UPS) {
                tests.add(DynamicTest.dynamicTest(
                        dialect + ": " + f.first() + " → " + f.followUp(),
                        () -> record("follow-up " + dialect + " " + f.followUp(), () -> {
                            SchemaSnapshot schema = fixtures.snapshot(dialect);
                            QueryPlan first = planner.plan(f.first(), schema, null, OfflineFixtures.TODAY)
                                    .plan();
                            assertThat(first).isNotNull();
                            PlanAttempt attempt = planner.plan(f.followUp(), schema, first, OfflineFixtures.TODAY);
                            assertThat(attempt.plan())
                                    .as("plan for '%s': %s", f.followUp(), attempt.explanationWhenNoPlan())
                                    .isNotNull();
                            assertSameRows(dialect, attempt.plan(), gold(f.gold(), dialect), f.followUp(), attempt);
                        })));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> refusals() {
        return REFUSALS.stream()
                .map(q -> DynamicTest.dynamicTest(
                        q,
                        () -> record("refusal " + q, () -> {
                            PlanAttempt attempt =
                                    planner.plan(q, fixtures.snapshot(Dialect.DUCKDB), null, OfflineFixtures.TODAY);
                            assertThat(attempt.plan()).as("plan for '%s'", q).isNull();
                            assertThat(attempt.confidence()).isLessThan(RuleBasedPlanner.DEFAULT_THRESHOLD);
                            assertThat(attempt.explanationWhenNoPlan()).containsAnyOf("try naming", "cannot answer");
                        })));
    }

    @Test
    void ordersPerMonthIn2024HasOneRowPerMonthWithTheRightCounts() throws SQLException {
        for (Dialect dialect : List.of(Dialect.DUCKDB, Dialect.SQLITE)) {
            PlanAttempt attempt = planner.plan(
                    "How many orders were placed per month in 2024?",
                    fixtures.snapshot(dialect),
                    null,
                    OfflineFixtures.TODAY);
            String sql = compiler.compile(attempt.plan(), dialect, fixtures.snapshot(dialect));
            List<String> rows = OfflineFixtures.rows(connections.get(dialect), sql);
            Map<String, Long> perMonth = new java.util.TreeMap<>();
            fixtures.rows.entrySet().stream()
                    .filter(e -> e.getKey().name().equals("orders"))
                    .flatMap(e -> e.getValue().stream())
                    .map(r -> (java.time.LocalDate) r[2])
                    .filter(d -> d.getYear() == 2024)
                    .forEach(d -> perMonth.merge(d.withDayOfMonth(1).toString(), 1L, Long::sum));
            List<String> expected = perMonth.entrySet().stream()
                    .map(e -> java.util.stream.Stream.of(e.getKey(), String.valueOf(e.getValue()))
                            .sorted()
                            .collect(java.util.stream.Collectors.joining(" | ")))
                    .toList();
            assertThat(perMonth).hasSize(12);
            assertThat(rows).as(sql).containsExactlyElementsOf(expected);
        }
    }

    // --- verified patterns ---

    private static Example pattern(String question, String sql) {
        return new Example(question, sql);
    }

    private static final List<Example> PATTERNS = List.of(
            pattern(
                    "How many orders were delivered in 2023?",
                    "SELECT COUNT(*) FROM {e}orders WHERE status = 'delivered'"
                            + " AND order_date >= '2023-01-01' AND order_date < '2024-01-01'"),
            pattern(
                    "What was the revenue in March 2024?",
                    "SELECT SUM(total_amount) FROM {e}orders WHERE order_date >= '2024-03-01' AND order_date < '2024-04-01'"),
            pattern("List customers in Berlin", "SELECT * FROM {e}customers WHERE city = 'Berlin'"),
            pattern(
                    "Top 5 products by revenue",
                    "SELECT p.name, SUM(oi.line_total) AS revenue FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id GROUP BY p.name ORDER BY revenue DESC LIMIT 5"),
            pattern(
                    "How many orders since 2024-06-01?",
                    "SELECT COUNT(*) FROM {e}orders WHERE order_date >= '2024-06-01'"));

    record PatternCase(String question, String gold) {}

    private static final List<PatternCase> PATTERN_CASES = List.of(
            new PatternCase(
                    "How many orders were delivered in 2024?",
                    "SELECT COUNT(*) FROM {e}orders WHERE status = 'delivered'"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"),
            new PatternCase(
                    "What was the revenue in April 2024?",
                    "SELECT SUM(total_amount) FROM {e}orders"
                            + " WHERE order_date >= '2024-04-01' AND order_date < '2024-05-01'"),
            new PatternCase("List customers in Munich", "SELECT * FROM {e}customers WHERE city = 'Munich'"),
            new PatternCase(
                    "Show the top 3 products by revenue",
                    "SELECT p.name, SUM(oi.line_total) FROM {e}order_items oi JOIN {e}products p"
                            + " ON oi.product_id = p.product_id GROUP BY p.name ORDER BY 2 DESC LIMIT 3"),
            new PatternCase(
                    "How many orders since 2024-09-15?",
                    "SELECT COUNT(*) FROM {e}orders WHERE order_date >= '2024-09-15'"),
            new PatternCase(
                    "Number of orders delivered in 2024",
                    "SELECT COUNT(*) FROM {e}orders WHERE status = 'delivered'"
                            + " AND order_date >= '2024-01-01' AND order_date < '2025-01-01'"));

    @TestFactory
    Stream<DynamicTest> patterns() {
        PatternMatcher matcher = new PatternMatcher();
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect dialect : List.of(Dialect.DUCKDB, Dialect.SQLITE)) {
            List<Example> adapted = PATTERNS.stream()
                    .map(p -> pattern(p.question(), gold(p.sql(), dialect)))
                    .toList();
            for (PatternCase c : PATTERN_CASES) {
                tests.add(DynamicTest.dynamicTest(
                        dialect + ": " + c.question(),
                        () -> record("pattern " + dialect + " " + c.question(), () -> {
                            Optional<PatternMatch> m = matcher.match(c.question(), adapted);
                            assertThat(m).as("match for '%s'", c.question()).isPresent();
                            Connection conn = connections.get(dialect);
                            assertThat(OfflineFixtures.rows(conn, m.get().adaptedSql()))
                                    .as("rows of %s", m.get().adaptedSql())
                                    .containsExactlyInAnyOrderElementsOf(
                                            OfflineFixtures.rows(conn, gold(c.gold(), dialect)));
                        })));
            }
        }
        return tests.stream();
    }

    @Test
    void patternsAreNotUsedForDifferentQuestions() {
        PatternMatcher matcher = new PatternMatcher();
        for (String q : List.of(
                "How many customers signed up in 2023?",
                "How many orders were delivered?",
                "How many orders were delivered before 2024?",
                "List customers in Berlin with more than 3 orders",
                "List products in Berlin")) {
            assertThat(matcher.match(q, PATTERNS)).as(q).isEmpty();
        }
    }

    // --- helpers ---

    private interface Check {
        void run() throws Exception;
    }

    private void record(String key, Check check) throws Exception {
        try {
            check.run();
            outcomes.put(key, true);
        } catch (Exception | AssertionError e) {
            outcomes.put(key, false);
            throw e;
        }
    }

    private void assertSameRows(Dialect dialect, QueryPlan plan, String gold, String question, PlanAttempt attempt)
            throws SQLException {
        SchemaSnapshot schema = fixtures.snapshot(dialect);
        String sql = compiler.compile(plan, dialect, schema);
        Connection c = connections.get(dialect);
        List<String> expected = OfflineFixtures.rows(c, gold);
        List<String> actual = OfflineFixtures.rows(c, sql);
        assertThat(actual)
                .as(
                        "rows of '%s'%nSQL:%n%s%nconfidence %.2f, understood %s, not understood %s%nsummary: %s",
                        question,
                        sql,
                        attempt.confidence(),
                        attempt.understood(),
                        attempt.notUnderstood(),
                        plan.summary())
                .containsExactlyInAnyOrderElementsOf(expected);
        if (gold.contains("ORDER BY") && gold.contains("LIMIT")) {
            assertThat(actual).as("row order of '%s'%n%s", question, sql).containsExactlyElementsOf(expected);
        }
    }

    /** Expands the schema prefixes and time-grain placeholders of a gold query for a dialect. */
    static String gold(String template, Dialect dialect) {
        String sql = template.replace("{e}", dialect == Dialect.DUCKDB ? "ecommerce." : "")
                .replace("{f}", "finance.")
                // written as each engine counts days (0 Sunday), not as the compiler writes them
                .replaceAll(
                        "\\{weekend:([a-z_.]+)}",
                        dialect == Dialect.DUCKDB ? "dayofweek($1) IN (0, 6)" : "strftime('%w', $1) IN ('0', '6')");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(day|week|month|quarter|year):([a-z_.]+)}")
                .matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String col = m.group(2);
            String expr = dialect == Dialect.DUCKDB
                    ? "date_trunc('" + m.group(1) + "', " + col + ")"
                    : switch (m.group(1)) {
                        case "day" -> "date(" + col + ")";
                        case "week" -> "date(" + col + ", 'weekday 0', '-6 days')";
                        case "month" -> "strftime('%Y-%m-01', " + col + ")";
                        case "quarter" ->
                            "printf('%s-%02d-01', strftime('%Y', " + col + "), ((CAST(strftime('%m', " + col
                                    + ") AS INTEGER) - 1) / 3) * 3 + 1)";
                        default -> "strftime('%Y-01-01', " + col + ")";
                    };
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(expr));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
