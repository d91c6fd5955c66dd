package dev.querent.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.description.EcommerceSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlBackTranslatorTest {

    private static final SchemaSnapshot SCHEMA = EcommerceSchema.snapshot();
    private final SqlBackTranslator translator = new SqlBackTranslator();

    private BackTranslation describe(String sql) {
        return translator.describe(sql, Dialect.POSTGRESQL, SCHEMA);
    }

    @Test
    void describesAMonthlyCountWithAYearRange() {
        BackTranslation bt = describe(AgreementScorerTest.ORDERS_PER_MONTH_2024);

        assertThat(bt.text())
                .isEqualTo("Counts orders per month of order date, keeping only orders whose order date is in 2024,"
                        + " ordered by month.");
        assertThat(bt.concepts())
                .map(Concept::toString)
                .contains("agg:count", "grain:month", "year:2024", "word:order", "word:date");
        assertThat(bt.described()).isTrue();
    }

    @Test
    void describesATopNWithAJoin() {
        BackTranslation bt = describe(AgreementScorerTest.TOP_5_PRODUCTS);

        assertThat(bt.text())
                .contains("order items joined with products")
                .contains("per product name")
                .contains("returning the top 5 by total revenue");
        assertThat(bt.concepts())
                .map(Concept::toString)
                .contains("agg:sum", "limit:5", "order:desc", "group:product name", "word:revenue");
    }

    /** Each engine numbers the days of the week its own way; each reads back as the days it keeps. */
    @Test
    void readsDaysOfTheWeekAsTheirNames() {
        String count = "SELECT COUNT(*) FROM ecommerce.orders WHERE ";
        Map<String, Dialect> weekends = Map.of(
                "EXTRACT(ISODOW FROM order_date) IN (6, 7)", Dialect.POSTGRESQL,
                "EXTRACT(DOW FROM order_date) IN (0, 6)", Dialect.POSTGRESQL,
                "date_part('dow', order_date) IN (0, 6)", Dialect.DUCKDB,
                "strftime('%w', order_date) IN ('0', '6')", Dialect.SQLITE,
                "((CAST(strftime('%w', order_date) AS INTEGER) + 6) % 7 + 1) IN (6, 7)", Dialect.SQLITE,
                "DAYOFWEEK(order_date) IN (1, 7)", Dialect.MYSQL,
                "WEEKDAY(order_date) >= 5", Dialect.MYSQL,
                "(MOD(EXTRACT(DAYOFWEEK FROM order_date) + 5, 7) + 1) IN (6, 7)", Dialect.BIGQUERY,
                "DAYOFWEEKISO(order_date) > 5", Dialect.SNOWFLAKE);
        weekends.forEach((condition, dialect) -> {
            BackTranslation bt = translator.describe(count + condition, dialect, SCHEMA);
            assertThat(bt.text()).as(condition).contains("order date falls on Saturday or Sunday");
            assertThat(bt.concepts())
                    .as(condition)
                    .map(Concept::toString)
                    .contains("value:saturday", "value:sunday")
                    .doesNotContain("value:6", "value:0", "negation");
        });
        BackTranslation weekdays =
                translator.describe(count + "EXTRACT(DOW FROM order_date) NOT IN (0, 6)", Dialect.POSTGRESQL, SCHEMA);
        assertThat(weekdays.text()).contains("order date falls on a weekday (Monday to Friday)");
        assertThat(weekdays.concepts())
                .map(Concept::toString)
                .contains("value:monday")
                .doesNotContain("negation");
        BackTranslation monday =
                translator.describe(count + "EXTRACT(DOW FROM order_date) = 1", Dialect.POSTGRESQL, SCHEMA);
        assertThat(monday.text()).contains("order date falls on Monday");
        // a number compared with anything else stays a number
        assertThat(translator
                        .describe(count + "EXTRACT(MONTH FROM order_date) IN (6, 7)", Dialect.POSTGRESQL, SCHEMA)
                        .text())
                .doesNotContain("falls on");
    }

    /** An interval's length is read as a date modifier's is, however the engine writes it. */
    @Test
    void readsTheLengthOfAnInterval() {
        for (String interval : List.of("INTERVAL '30 days'", "INTERVAL '30' DAY", "INTERVAL 30 DAY")) {
            BackTranslation bt =
                    describe("SELECT COUNT(*) FROM ecommerce.orders WHERE order_date >= CURRENT_DATE - " + interval);
            assertThat(bt.concepts()).as(interval).map(Concept::toString).contains("number:30", "word:day");
            assertThat(bt.text()).as(interval).contains("an interval of 30");
        }
    }

    @Test
    void describesFilters() {
        BackTranslation bt = describe("SELECT c.name FROM ecommerce.customers c JOIN ecommerce.orders o"
                + " ON o.customer_id = c.customer_id WHERE c.country IN ('France', 'Japan')"
                + " AND c.email LIKE '%gmail%' AND o.total_amount BETWEEN 10 AND 100 AND c.city IS NULL"
                + " AND o.status <> 'cancelled'");

        assertThat(bt.text())
                .contains("customers joined with orders")
                .contains("keeping only rows where")
                .contains("country is one of 'France' or 'Japan'")
                .contains("email contains 'gmail'")
                .contains("total amount is between 10 and 100")
                .contains("city is missing")
                .contains("status is not 'cancelled'");
        assertThat(bt.concepts())
                .map(Concept::toString)
                .contains(
                        "value:france",
                        "value:japan",
                        "value:gmail",
                        "value:10",
                        "value:100",
                        "value:cancelled",
                        "negation");
    }

    @Test
    void describesComparisonsAndMonthRanges() {
        BackTranslation bt = describe("SELECT COUNT(DISTINCT customer_id) FROM ecommerce.orders"
                + " WHERE order_date >= '2024-03-01' AND order_date < '2024-04-01' AND total_amount > 250");

        assertThat(bt.text())
                .startsWith("Computes the number of distinct customer ids from orders")
                .contains("order date is in March 2024")
                .contains("total amount is greater than 250");
        assertThat(bt.concepts())
                .map(Concept::toString)
                .contains("agg:count_distinct", "distinct", "year:2024", "month:march", "compare:gt", "value:250");
    }

    @Test
    void recognisesDialectTimeGrains() {
        assertThat(describe("SELECT strftime('%Y', order_date), COUNT(*) FROM orders GROUP BY 1")
                        .concepts())
                .map(Concept::toString)
                .contains("grain:year");
        assertThat(describe("SELECT DATE_FORMAT(order_date, '%Y-%m'), COUNT(*) FROM orders GROUP BY 1")
                        .concepts())
                .map(Concept::toString)
                .contains("grain:month");
        assertThat(describe("SELECT EXTRACT(QUARTER FROM order_date), COUNT(*) FROM orders GROUP BY 1")
                        .concepts())
                .map(Concept::toString)
                .contains("grain:quarter");
        assertThat(describe("SELECT DATE_TRUNC(order_date, WEEK), COUNT(*) FROM orders GROUP BY 1")
                        .concepts())
                .map(Concept::toString)
                .contains("grain:week");
        assertThat(describe("SELECT to_char(order_date, 'YYYY-MM-DD'), COUNT(*) FROM orders GROUP BY 1")
                        .concepts())
                .map(Concept::toString)
                .contains("grain:day");
    }

    @Test
    void readsYearPartFilters() {
        BackTranslation bt =
                describe("SELECT SUM(total_amount) FROM orders WHERE EXTRACT(YEAR FROM order_date) = 2023");

        assertThat(bt.text())
                .isEqualTo("Computes the sum of total amount from orders, keeping only orders whose"
                        + " order date is in 2023.");
        assertThat(bt.concepts()).map(Concept::toString).contains("year:2023", "agg:sum");
    }

    @Test
    void usesShortCommentsAsLabels() {
        BackTranslation bt = describe("SELECT category, AVG(price) FROM ecommerce.products GROUP BY category");

        assertThat(bt.text()).isEqualTo("Computes the average list price from products per category.");
        assertThat(bt.concepts()).map(Concept::toString).contains("word:price", "group:category");
    }

    @Test
    void describesHavingAndSingleRowLimits() {
        BackTranslation bt = describe("SELECT customer_id, COUNT(*) FROM ecommerce.orders GROUP BY customer_id"
                + " HAVING COUNT(*) > 5 ORDER BY COUNT(*) DESC LIMIT 1");

        assertThat(bt.text())
                .contains("per customer id")
                .contains("keeping only groups where the number of orders is greater than 5")
                .contains("returning only the one with the highest number of orders");
        assertThat(bt.concepts()).map(Concept::toString).contains("compare:gt", "value:5", "limit:1", "order:desc");
    }

    @Test
    void countsTheManySideOfAJoin() {
        BackTranslation bt = describe("SELECT c.name, COUNT(*) FROM ecommerce.customers c JOIN ecommerce.orders o"
                + " ON o.customer_id = c.customer_id GROUP BY c.name");

        assertThat(bt.text()).isEqualTo("Counts orders across customers joined with orders per customer name.");
    }

    @Test
    void describesSubqueriesCtesAndSetOperations() {
        BackTranslation sub = describe("SELECT name FROM ecommerce.customers WHERE customer_id IN"
                + " (SELECT customer_id FROM ecommerce.orders WHERE status = 'shipped')");
        BackTranslation cte = describe("WITH monthly AS (SELECT date_trunc('month', order_date) AS m,"
                + " SUM(total_amount) AS revenue FROM ecommerce.orders GROUP BY 1) SELECT AVG(revenue) FROM monthly");
        BackTranslation union = describe(
                "SELECT name FROM ecommerce.customers UNION ALL SELECT name FROM ecommerce.products ORDER BY 1");
        BackTranslation except = describe(
                "SELECT customer_id FROM ecommerce.customers EXCEPT" + " SELECT customer_id FROM ecommerce.orders");

        assertThat(sub.text()).contains("customer id is among the results of a subquery that lists customer id");
        assertThat(sub.concepts()).map(Concept::toString).contains("value:shipped");
        assertThat(cte.text())
                .startsWith("Computes the average revenue from monthly.")
                .contains("Helper query monthly computes the sum of total amount as revenue from orders")
                .contains("per month of order date");
        assertThat(cte.concepts()).map(Concept::toString).contains("agg:avg", "agg:sum", "grain:month");
        assertThat(union.text()).startsWith("Combines the results of 2 queries, keeping duplicates: (1) lists name");
        assertThat(except.text()).startsWith("Takes the results of one query and removes those of another");
        assertThat(except.concepts()).map(Concept::toString).contains("negation");
    }

    @Test
    void readsDoubleQuotedStringsAsSqliteDoes() {
        BackTranslation bt =
                translator.describe("SELECT count(*) FROM singer WHERE country = \"France\"", Dialect.SQLITE, null);

        assertThat(bt.text()).isEqualTo("Counts singers, keeping only singers whose country is 'France'.");
        assertThat(bt.concepts()).map(Concept::toString).contains("value:france");
    }

    @Test
    void worksWithoutASchema() {
        BackTranslation bt = translator.describe(AgreementScorerTest.ORDERS_PER_MONTH_2024, Dialect.DUCKDB, null);

        assertThat(bt.text()).startsWith("Counts orders per month of order date");
    }

    @Test
    void saysWhenItCannotDescribe() {
        BackTranslation garbage = translator.describe("SELEKT * FROM", Dialect.POSTGRESQL, SCHEMA);
        BackTranslation delete = translator.describe("DELETE FROM orders", Dialect.POSTGRESQL, SCHEMA);
        BackTranslation empty = translator.describe("  ", Dialect.POSTGRESQL, SCHEMA);

        assertThat(garbage.text()).startsWith(BackTranslation.UNDESCRIBED).contains("does not parse");
        assertThat(garbage.concepts()).isEmpty();
        assertThat(garbage.described()).isFalse();
        assertThat(delete.text()).contains("not a query");
        assertThat(empty.described()).isFalse();
    }

    @Test
    void isDeterministic() {
        assertThat(describe(AgreementScorerTest.TOP_5_PRODUCTS))
                .isEqualTo(describe(AgreementScorerTest.TOP_5_PRODUCTS));
    }
}
