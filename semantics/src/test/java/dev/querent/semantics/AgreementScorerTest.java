package dev.querent.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.description.EcommerceSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgreementScorerTest {

    private static final SchemaSnapshot SCHEMA = EcommerceSchema.snapshot();
    private final SqlBackTranslator translator = new SqlBackTranslator();
    private final AgreementScorer scorer = new AgreementScorer();

    private Agreement score(String question, String sql, SchemaSnapshot schema) {
        return scorer.score(question, translator.describe(sql, Dialect.POSTGRESQL, schema), schema);
    }

    /**
     * A group per value of a DATE column is a breakdown per day; on SQLite, where a declared DATE may
     * hold times of day, it is not read so.
     */
    @Test
    void aGroupPerDateIsOnePerDay() {
        String q = "How many orders were placed each day?";
        String sql = "SELECT order_date, COUNT(*) AS order_count FROM ecommerce.orders GROUP BY order_date";
        Agreement pg = score(q, sql, SCHEMA);
        assertThat(pg.missingFromSql()).noneMatch(c -> c.kind() == ConceptKind.GRAIN);
        assertThat(pg.agrees()).isTrue();
        Agreement sqlite = scorer.score(q, translator.describe(sql, Dialect.SQLITE, SCHEMA), SCHEMA);
        assertThat(sqlite.missingFromSql()).anyMatch(c -> c.kind() == ConceptKind.GRAIN);
    }

    /** Grouped by the key as well, a date is each row's own: no breakdown per day the question lacks. */
    @Test
    void aDateBesideTheKeyIsNoBreakdownPerDay() {
        String q = "What is the average order amount?";
        String perRow = "SELECT AVG(t.total) FROM (SELECT order_id, order_date, MAX(total_amount) AS total"
                + " FROM ecommerce.orders GROUP BY order_id, order_date) t";
        String perDay = "SELECT AVG(t.total) FROM (SELECT order_date, SUM(total_amount) AS total"
                + " FROM ecommerce.orders GROUP BY order_date) t";
        assertThat(score(q, perRow, SCHEMA).extraInSql()).noneMatch(c -> c.kind() == ConceptKind.GRAIN);
        assertThat(score(q, perDay, SCHEMA).extraInSql()).anyMatch(c -> c.kind() == ConceptKind.GRAIN);
    }

    static final String ORDERS_PER_MONTH_2024 =
            "SELECT date_trunc('month', order_date) AS month, COUNT(*) AS order_count FROM ecommerce.orders"
                    + " WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01' GROUP BY 1 ORDER BY 1";

    static final String TOP_5_PRODUCTS =
            "SELECT p.name, SUM(oi.quantity * oi.unit_price) AS total_revenue FROM ecommerce.order_items oi"
                    + " JOIN ecommerce.products p ON p.product_id = oi.product_id"
                    + " GROUP BY p.name ORDER BY total_revenue DESC LIMIT 5";

    static Stream<Arguments> matchingPairs() {
        return Stream.of(
                Arguments.of("How many orders were placed per month in 2024?", ORDERS_PER_MONTH_2024),
                Arguments.of("How many customers are there?", "SELECT COUNT(*) FROM ecommerce.customers"),
                Arguments.of(
                        "What is the total revenue per customer in 2024?",
                        "SELECT c.name, SUM(o.total_amount) AS total_revenue FROM ecommerce.orders o"
                                + " JOIN ecommerce.customers c ON c.customer_id = o.customer_id"
                                + " WHERE o.order_date >= '2024-01-01' AND o.order_date < '2025-01-01'"
                                + " GROUP BY c.name ORDER BY total_revenue DESC"),
                Arguments.of("What are the top 5 products by total revenue?", TOP_5_PRODUCTS),
                Arguments.of(
                        "How many customers are from Germany?",
                        "SELECT COUNT(*) FROM ecommerce.customers WHERE country = 'Germany'"),
                Arguments.of(
                        "What is the average order amount for shipped orders?",
                        "SELECT AVG(total_amount) FROM ecommerce.orders WHERE status = 'shipped'"),
                Arguments.of(
                        "List the names of customers from France or Japan",
                        "SELECT name FROM ecommerce.customers WHERE country IN ('France', 'Japan')"),
                Arguments.of(
                        "Which customer spent the most?",
                        "SELECT c.name, SUM(o.total_amount) AS spent FROM ecommerce.customers c"
                                + " JOIN ecommerce.orders o ON o.customer_id = c.customer_id"
                                + " GROUP BY c.name ORDER BY spent DESC LIMIT 1"),
                Arguments.of(
                        "How many orders did each customer place?",
                        "SELECT customer_id, COUNT(*) AS orders FROM ecommerce.orders GROUP BY customer_id"),
                Arguments.of(
                        "Show monthly revenue for 2023",
                        "SELECT strftime('%Y-%m', order_date) AS month, SUM(total_amount) AS revenue"
                                + " FROM orders WHERE strftime('%Y', order_date) = '2023' GROUP BY 1 ORDER BY 1"),
                Arguments.of(
                        "How many orders have a total amount over 100?",
                        "SELECT COUNT(*) FROM ecommerce.orders WHERE total_amount > 100"),
                Arguments.of(
                        "Which products cost less than 20?",
                        "SELECT name, price FROM ecommerce.products WHERE price < 20"),
                Arguments.of(
                        "How many different products were ordered in March 2024?",
                        "SELECT COUNT(DISTINCT oi.product_id) FROM ecommerce.order_items oi"
                                + " JOIN ecommerce.orders o ON o.order_id = oi.order_id"
                                + " WHERE o.order_date >= '2024-03-01' AND o.order_date < '2024-04-01'"),
                Arguments.of(
                        "What is the average price per category?",
                        "SELECT category, AVG(price) AS avg_price FROM ecommerce.products GROUP BY category"),
                Arguments.of(
                        "How many orders were cancelled in each year?",
                        "SELECT EXTRACT(YEAR FROM order_date) AS year, COUNT(*) FROM ecommerce.orders"
                                + " WHERE status = 'cancelled' GROUP BY 1 ORDER BY 1"),
                Arguments.of(
                        "Which customers have never placed an order?",
                        "SELECT c.name FROM ecommerce.customers c WHERE NOT EXISTS"
                                + " (SELECT 1 FROM ecommerce.orders o WHERE o.customer_id = c.customer_id)"),
                Arguments.of("What is the maximum order amount?", "SELECT MAX(total_amount) FROM ecommerce.orders"),
                Arguments.of(
                        "List the 10 most recent orders",
                        "SELECT * FROM ecommerce.orders ORDER BY order_date DESC LIMIT 10"),
                Arguments.of(
                        "How many active customers are in Germany?",
                        "SELECT COUNT(*) FROM ecommerce.customers WHERE is_active = true AND country = 'Germany'"),
                Arguments.of(
                        "How many orders were placed in the last 30 days?",
                        "SELECT COUNT(*) FROM ecommerce.orders WHERE order_date >= CURRENT_DATE - INTERVAL '30 days'"),
                Arguments.of(
                        "Top 3 customers by number of orders",
                        "SELECT c.name, COUNT(*) AS n FROM ecommerce.customers c JOIN ecommerce.orders o"
                                + " ON o.customer_id = c.customer_id GROUP BY c.name ORDER BY n DESC LIMIT 3"),
                Arguments.of(
                        "Which country has the most customers?",
                        "SELECT country, COUNT(*) FROM ecommerce.customers GROUP BY country"
                                + " ORDER BY COUNT(*) DESC LIMIT 1"),
                Arguments.of(
                        "List all products in the Electronics category",
                        "SELECT name FROM ecommerce.products WHERE category = 'Electronics'"),
                Arguments.of(
                        "Revenue by product category in Q1 2024",
                        "SELECT p.category, SUM(oi.quantity * oi.unit_price) FROM ecommerce.order_items oi"
                                + " JOIN ecommerce.products p ON p.product_id = oi.product_id"
                                + " JOIN ecommerce.orders o ON o.order_id = oi.order_id"
                                + " WHERE o.order_date >= '2024-01-01' AND o.order_date < '2024-04-01'"
                                + " GROUP BY p.category"),
                Arguments.of(
                        "Which month in 2024 had the highest revenue?",
                        "SELECT date_trunc('month', order_date) AS month, SUM(total_amount) AS revenue"
                                + " FROM ecommerce.orders WHERE EXTRACT(YEAR FROM order_date) = 2024"
                                + " GROUP BY 1 ORDER BY revenue DESC LIMIT 1"),
                Arguments.of(
                        "How many units of each product were sold?",
                        "SELECT p.name, SUM(oi.quantity) FROM ecommerce.order_items oi"
                                + " JOIN ecommerce.products p ON p.product_id = oi.product_id GROUP BY p.name"),
                Arguments.of(
                        "List customers with more than 5 orders",
                        "SELECT c.name FROM ecommerce.customers c JOIN ecommerce.orders o"
                                + " ON o.customer_id = c.customer_id GROUP BY c.name HAVING COUNT(*) > 5"),
                Arguments.of(
                        "What is the cheapest product?",
                        "SELECT name, price FROM ecommerce.products ORDER BY price ASC LIMIT 1"),
                Arguments.of(
                        "What percentage of orders were cancelled?",
                        "SELECT 100.0 * SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) / COUNT(*)"
                                + " FROM ecommerce.orders"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchingPairs")
    void matchingPairsAgree(String question, String sql) {
        Agreement a = score(question, sql, SCHEMA);

        assertThat(a.verdict()).as("%s%n%s", question, a).isEqualTo(Verdict.AGREES);
        assertThat(a.score()).isGreaterThanOrEqualTo(AgreementScorer.AGREES_THRESHOLD);
        assertThat(a.extraInSql()).isEmpty();
    }

    /** A question, the SQL that answers it, and a plausible wrong SQL for it. */
    static Stream<Arguments> mismatchedPairs() {
        return Stream.of(
                Arguments.of(
                        "other days of the week",
                        "How many orders were placed on weekends?",
                        "SELECT COUNT(*) FROM ecommerce.orders WHERE EXTRACT(ISODOW FROM order_date) IN (6, 7)",
                        "SELECT COUNT(*) FROM ecommerce.orders WHERE EXTRACT(DOW FROM order_date) IN (6, 7)"),
                Arguments.of(
                        "wrong year",
                        "How many orders were placed per month in 2024?",
                        ORDERS_PER_MONTH_2024,
                        ORDERS_PER_MONTH_2024
                                .replace("2024-01-01", "2023-01-01")
                                .replace("2025-01-01", "2024-01-01")),
                Arguments.of(
                        "missing filter",
                        "How many orders were placed per month in 2024?",
                        ORDERS_PER_MONTH_2024,
                        "SELECT date_trunc('month', order_date) AS month, COUNT(*) FROM ecommerce.orders GROUP BY 1"),
                Arguments.of(
                        "sum instead of count",
                        "How many orders did each customer place?",
                        "SELECT customer_id, COUNT(*) FROM ecommerce.orders GROUP BY customer_id",
                        "SELECT customer_id, SUM(total_amount) FROM ecommerce.orders GROUP BY customer_id"),
                Arguments.of(
                        "wrong grouping",
                        "How many orders were placed per month in 2024?",
                        ORDERS_PER_MONTH_2024,
                        ORDERS_PER_MONTH_2024.replace("'month'", "'year'")),
                Arguments.of(
                        "grouped by the wrong column",
                        "How many orders are there per status?",
                        "SELECT status, COUNT(*) FROM ecommerce.orders GROUP BY status",
                        "SELECT customer_id, COUNT(*) FROM ecommerce.orders GROUP BY customer_id"),
                Arguments.of(
                        "wrong table",
                        "How many customers are there?",
                        "SELECT COUNT(*) FROM ecommerce.customers",
                        "SELECT COUNT(*) FROM ecommerce.orders"),
                Arguments.of(
                        "extra filter",
                        "How many orders were placed in 2024?",
                        "SELECT COUNT(*) FROM ecommerce.orders WHERE order_date BETWEEN '2024-01-01' AND '2024-12-31'",
                        "SELECT COUNT(*) FROM ecommerce.orders WHERE order_date BETWEEN '2024-01-01' AND '2024-12-31'"
                                + " AND status = 'completed'"),
                Arguments.of(
                        "different limit",
                        "What are the top 5 products by total revenue?",
                        TOP_5_PRODUCTS,
                        TOP_5_PRODUCTS.replace("LIMIT 5", "LIMIT 10")),
                Arguments.of(
                        "lowest instead of top",
                        "What are the top 5 products by total revenue?",
                        TOP_5_PRODUCTS,
                        TOP_5_PRODUCTS.replace("DESC", "ASC")),
                Arguments.of(
                        "wrong value",
                        "How many customers are from Germany?",
                        "SELECT COUNT(*) FROM ecommerce.customers WHERE country = 'Germany'",
                        "SELECT COUNT(*) FROM ecommerce.customers WHERE country = 'France'"),
                Arguments.of(
                        "a negated comparison read as the comparison it negates",
                        "Which products cost not more than 20?",
                        "SELECT name, price FROM ecommerce.products WHERE price <= 20",
                        "SELECT name, price FROM ecommerce.products WHERE price > 20"),
                Arguments.of(
                        "a negated comparison read as itself",
                        "Which products have a price not higher than 20?",
                        "SELECT name, price FROM ecommerce.products WHERE price <= 20",
                        "SELECT name, price FROM ecommerce.products WHERE price > 20"),
                Arguments.of(
                        "the first few of an ascending order read as the highest",
                        "What are the top 3 products with the lowest price?",
                        "SELECT name, price FROM ecommerce.products ORDER BY price ASC LIMIT 3",
                        "SELECT name, price FROM ecommerce.products ORDER BY price DESC LIMIT 3"),
                Arguments.of(
                        "the first few alphabetically",
                        "List the top 3 product names in alphabetical order",
                        "SELECT name FROM ecommerce.products ORDER BY name ASC LIMIT 3",
                        "SELECT name FROM ecommerce.products ORDER BY name ASC LIMIT 5"),
                Arguments.of(
                        "comparison the wrong way",
                        "Which products cost less than 20?",
                        "SELECT name, price FROM ecommerce.products WHERE price < 20",
                        "SELECT name, price FROM ecommerce.products WHERE price > 20"),
                Arguments.of(
                        "lost negation",
                        "Which customers have never placed an order?",
                        "SELECT c.name FROM ecommerce.customers c WHERE NOT EXISTS"
                                + " (SELECT 1 FROM ecommerce.orders o WHERE o.customer_id = c.customer_id)",
                        "SELECT c.name FROM ecommerce.customers c WHERE EXISTS"
                                + " (SELECT 1 FROM ecommerce.orders o WHERE o.customer_id = c.customer_id)"),
                Arguments.of(
                        "average instead of maximum",
                        "What is the maximum order amount?",
                        "SELECT MAX(total_amount) FROM ecommerce.orders",
                        "SELECT AVG(total_amount) FROM ecommerce.orders"),
                Arguments.of(
                        "per-month breakdown nobody asked for",
                        "How many orders were placed in 2024?",
                        "SELECT COUNT(*) FROM ecommerce.orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'",
                        "SELECT date_trunc('month', order_date), COUNT(*) FROM ecommerce.orders"
                                + " WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01' GROUP BY 1"),
                Arguments.of(
                        "missing status filter",
                        "What is the average order amount for shipped orders?",
                        "SELECT AVG(total_amount) FROM ecommerce.orders WHERE status = 'shipped'",
                        "SELECT AVG(total_amount) FROM ecommerce.orders"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatchedPairs")
    void mismatchedPairsScoreLowerAndDoNotAgree(String mistake, String question, String goodSql, String badSql) {
        Agreement good = score(question, goodSql, SCHEMA);
        Agreement bad = score(question, badSql, SCHEMA);

        assertThat(good.verdict()).as("%s%n%s", goodSql, good).isEqualTo(Verdict.AGREES);
        assertThat(bad.verdict()).as("%s: %s%n%s", mistake, badSql, bad).isNotEqualTo(Verdict.AGREES);
        assertThat(bad.score()).isLessThan(good.score());
        assertThat(bad.missingFromSql().size() + bad.extraInSql().size()).isPositive();
    }

    @Test
    void theDistinctRowsOfAGroupingAreDistinctButACountOfDistinctOnesIsNot() {
        Agreement grouped = score(
                "Which 3 distinct customers spent the most in total?",
                "SELECT customer_id, SUM(total) AS spent FROM orders GROUP BY customer_id ORDER BY spent DESC LIMIT 3",
                SCHEMA);
        assertThat(grouped.missingFromSql()).doesNotContain(ConceptKind.DISTINCT.flag());

        Agreement counted = score(
                "How many distinct customers placed orders in each status?",
                "SELECT status, COUNT(customer_id) FROM orders GROUP BY status",
                SCHEMA);
        assertThat(counted.missingFromSql()).contains(ConceptKind.DISTINCT.flag());
    }

    @Test
    void theQuestionsNumberBoundTheOtherWayIsReportedAsItsBound() {
        Agreement a = score(
                "How many customers placed more than 2 orders?",
                "SELECT COUNT(*) FROM (SELECT"
                        + " customer_id FROM orders GROUP BY customer_id HAVING COUNT(*) >= 2) t",
                SCHEMA);

        assertThat(a.missingFromSql()).containsExactly(ConceptKind.BOUND.of("gt 2"));
        assertThat(a.verdict()).isNotEqualTo(Verdict.AGREES);
    }

    @Test
    void wrongYearReportsBothTheMissingAndTheExtraYear() {
        Agreement a = score(
                "How many orders were placed per month in 2024?",
                ORDERS_PER_MONTH_2024.replace("2024-01-01", "2023-01-01").replace("2025-01-01", "2024-01-01"),
                SCHEMA);

        assertThat(a.missingFromSql()).containsExactly(ConceptKind.YEAR.of("2024"));
        assertThat(a.extraInSql()).containsExactly(ConceptKind.YEAR.of("2023"));
        assertThat(a.verdict()).isEqualTo(Verdict.DISAGREES);
    }

    @Test
    void extraFilterIsReportedAsExtra() {
        Agreement a = score(
                "How many orders were placed in 2024?",
                "SELECT COUNT(*) FROM ecommerce.orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'"
                        + " AND status = 'completed'",
                SCHEMA);

        assertThat(a.missingFromSql()).isEmpty();
        assertThat(a.extraInSql()).containsExactly(ConceptKind.VALUE.of("completed"));
    }

    @Test
    void worksWithoutASchema() {
        Agreement good = score("How many orders were placed per month in 2024?", ORDERS_PER_MONTH_2024, null);
        Agreement bad = score(
                "How many orders were placed per month in 2024?", ORDERS_PER_MONTH_2024.replace("2024", "2022"), null);
        Agreement germany = score(
                "How many customers are from Germany?",
                "SELECT COUNT(*) FROM customers WHERE country = 'Germany'",
                null);

        assertThat(good.verdict()).as("%s", good).isEqualTo(Verdict.AGREES);
        assertThat(bad.verdict()).as("%s", bad).isNotEqualTo(Verdict.AGREES);
        assertThat(germany.verdict()).as("%s", germany).isEqualTo(Verdict.AGREES);
    }

    @Test
    void undescribedSqlDisagrees() {
        Agreement a = score("How many orders are there?", "SELEKT nothing FROM", SCHEMA);

        assertThat(a.score()).isZero();
        assertThat(a.verdict()).isEqualTo(Verdict.DISAGREES);
        assertThat(a.missingFromSql()).contains(ConceptKind.AGG.of("count"));
    }

    @Test
    void scoringIsDeterministic() {
        Agreement first = score("What are the top 5 products by total revenue?", TOP_5_PRODUCTS, SCHEMA);
        Agreement second = score("What are the top 5 products by total revenue?", TOP_5_PRODUCTS, SCHEMA);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void verdictFollowsTheThresholds() {
        assertThat(AgreementScorer.verdict(1.0)).isEqualTo(Verdict.AGREES);
        assertThat(AgreementScorer.verdict(AgreementScorer.AGREES_THRESHOLD)).isEqualTo(Verdict.AGREES);
        assertThat(AgreementScorer.verdict(AgreementScorer.PARTIAL_THRESHOLD)).isEqualTo(Verdict.PARTIAL);
        assertThat(AgreementScorer.verdict(0.1)).isEqualTo(Verdict.DISAGREES);
    }

    /** A period relative to today written out as its dates, as the planner writes it, meets the question. */
    @Test
    void aRecentPeriodWrittenAsItsDatesMeetsTheQuestion() {
        String question = "How many orders were placed last week?";
        String lastWeek = "SELECT COUNT(*) FROM ecommerce.orders"
                + " WHERE order_date >= DATE '2026-11-23' AND order_date < DATE '2026-11-30'";
        assertMeetsTheQuestion(scoreOn("2026-12-06", question, lastWeek));
        // dates of another year are no rendering of last week: still a period missed and a year unasked
        Agreement other = scoreOn("2026-12-06", question, lastWeek.replace("2026", "2019"));
        assertThat(other.verdict()).isNotEqualTo(Verdict.AGREES);
        assertThat(other.missingFromSql()).contains(ConceptKind.RECENT.flag());
    }

    /** "The previous month" written out as that month's dates is that period, not an unasked month. */
    @Test
    void thePreviousMonthWrittenAsItsDatesMeetsTheQuestion() {
        String question = "How many orders were placed in the previous month?";
        String november = "SELECT COUNT(*) FROM ecommerce.orders"
                + " WHERE order_date >= DATE '2026-11-01' AND order_date < DATE '2026-12-01'";
        assertMeetsTheQuestion(scoreOn("2026-12-07", question, november));
        // another month of the same year is no rendering of the previous month
        String october = november.replace("2026-11-01", "2026-10-01").replace("2026-12-01", "2026-11-01");
        assertThat(scoreOn("2026-12-07", question, october).extraInSql()).contains(ConceptKind.MONTH.of("october"));
    }

    /** The agreement of PostgreSQL {@code sql} with {@code question} on the given day (noon, UTC). */
    private Agreement scoreOn(String day, String question, String sql) {
        AgreementScorer scorer = new AgreementScorer(Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC));
        return scorer.score(question, translator.describe(sql, Dialect.POSTGRESQL, SCHEMA), SCHEMA);
    }

    private static void assertMeetsTheQuestion(Agreement a) {
        assertThat(a.verdict()).isEqualTo(Verdict.AGREES);
        assertThat(a.missingFromSql()).isEmpty();
        assertThat(a.extraInSql()).isEmpty();
    }
}
