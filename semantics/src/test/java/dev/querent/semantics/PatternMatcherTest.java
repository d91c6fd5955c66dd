package dev.querent.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatternMatcherTest {

    private final PatternMatcher matcher = new PatternMatcher();

    private static Example verified(String question, String sql) {
        return new Example(question, sql);
    }

    private static final Example DELIVERED_2023 = verified(
            "How many orders were delivered in 2023?",
            "SELECT COUNT(*) FROM orders WHERE status = 'delivered'"
                    + " AND order_date >= DATE '2023-01-01' AND order_date < DATE '2024-01-01'");

    private static final Example MONTHLY_2024 = verified(
            "How many orders were placed per month in 2024?",
            "SELECT date_trunc('month', order_date) AS m, COUNT(*) AS n FROM ecommerce.orders"
                    + " WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01' GROUP BY 1 ORDER BY 1");

    @Test
    void aParaphraseWithReorderedWordsAdaptsWhenNothingOnlyOneSideSaysIsInTheSql() {
        // Word alignment misses these (the words come in another order); the semantic path takes them.
        assertThat(matcher.match("Monthly order count for 2024", List.of(MONTHLY_2024)))
                .isEmpty();
        PatternMatch same = matcher.adaptParaphrase("Monthly order count for 2024", MONTHLY_2024, 0.91)
                .orElseThrow();
        assertThat(same.adaptedSql()).isEqualTo(MONTHLY_2024.sql());
        assertThat(same.similarity()).isEqualTo(0.91);
        PatternMatch other = matcher.adaptParaphrase("Number of orders each month in 2023", MONTHLY_2024, 0.9)
                .orElseThrow();
        assertThat(other.adaptedSql())
                .contains("'2023-01-01'")
                .contains("'2024-01-01'")
                .doesNotContain("2025");
    }

    @Test
    void aCloseEmbeddingIsNotEnoughWhenTheQuestionAsksForSomethingElse() {
        // All of these embed within 0.87-0.90 of the pattern's question with bge-small.
        for (String question : List.of(
                "How many orders were cancelled per month in 2024?",
                "How many customers signed up per month in 2024?",
                "Total revenue per month in 2024",
                "Average order value per month in 2024",
                "How many orders were not placed per month in 2024?")) {
            assertThat(matcher.adaptParaphrase(question, MONTHLY_2024, 0.9))
                    .as(question)
                    .isEmpty();
        }
    }

    @Test
    void aParaphraseDroppingAWordTheSqlFiltersOnIsRefused() {
        // "delivered" is the SQL's status filter: a question without it asks about all orders.
        assertThat(matcher.adaptParaphrase("Order count for 2023", DELIVERED_2023, 0.9))
                .isEmpty();
        assertThat(matcher.adaptParaphrase("Count of delivered orders in 2022", DELIVERED_2023, 0.9))
                .hasValueSatisfying(m -> assertThat(m.adaptedSql()).contains("'2022-01-01'"));
    }

    @Test
    void aYearMovesItsDerivedBoundsToo() {
        PatternMatch m = matcher.match("How many orders were delivered in 2024?", List.of(DELIVERED_2023))
                .orElseThrow();
        assertThat(m.adaptedSql())
                .isEqualTo("SELECT COUNT(*) FROM orders WHERE status = 'delivered'"
                        + " AND order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'");
        assertThat(m.substitutions()).isEqualTo(Map.of("2023", "2024"));
        assertThat(m.similarity()).isEqualTo(1.0);
        assertThat(m.example()).isSameAs(DELIVERED_2023);
    }

    @Test
    void paraphrasesMatch() {
        Optional<PatternMatch> m = matcher.match("Number of orders delivered in 2022", List.of(DELIVERED_2023));
        assertThat(m).isPresent();
        assertThat(m.get().adaptedSql()).contains("'2022-01-01'").contains("'2023-01-01'");
    }

    @Test
    void yearsWrittenAsNumbersInTheSql() {
        Example p = verified(
                "Revenue per month in 2023",
                "SELECT EXTRACT(MONTH FROM order_date) AS m, SUM(total_amount) FROM orders"
                        + " WHERE EXTRACT(YEAR FROM order_date) = 2023 GROUP BY 1");
        assertThat(matcher.match("Revenue per month in 2021", List.of(p))
                        .orElseThrow()
                        .adaptedSql())
                .contains("EXTRACT(YEAR FROM order_date) = 2021");
    }

    @Test
    void monthsMoveWithTheirNextMonthAcrossTheYearEnd() {
        Example p = verified(
                "What was the revenue in March 2024?",
                "SELECT SUM(total_amount) FROM orders WHERE order_date >= '2024-03-01' AND order_date < '2024-04-01'");
        PatternMatch m = matcher.match("What was the revenue in December 2024?", List.of(p))
                .orElseThrow();
        assertThat(m.adaptedSql()).contains("'2024-12-01'").contains("'2025-01-01'");
        assertThat(m.substitutions()).containsEntry("March 2024", "December 2024");
    }

    @Test
    void isoDatesNumbersAndNamedValues() {
        Example since = verified(
                "How many orders since 2024-06-01?", "SELECT COUNT(*) FROM orders WHERE order_date >= '2024-06-01'");
        assertThat(matcher.match("How many orders since 2024-09-15?", List.of(since))
                        .orElseThrow()
                        .adaptedSql())
                .endsWith("'2024-09-15'");
        Example top = verified(
                "Top 5 products by revenue",
                "SELECT p.name, SUM(oi.line_total) AS revenue FROM order_items oi JOIN products p"
                        + " ON oi.product_id = p.product_id GROUP BY p.name ORDER BY revenue DESC LIMIT 5");
        assertThat(matcher.match("Show the top 10 products by revenue", List.of(top))
                        .orElseThrow()
                        .adaptedSql())
                .endsWith("LIMIT 10");
        Example berlin = verified("List customers in Berlin", "SELECT * FROM customers WHERE city = 'Berlin'");
        PatternMatch m =
                matcher.match("List customers in New York", List.of(berlin)).orElseThrow();
        assertThat(m.adaptedSql()).isEqualTo("SELECT * FROM customers WHERE city = 'New York'");
        assertThat(m.substitutions()).isEqualTo(Map.of("Berlin", "New York"));
        Example named = verified("Products named 'Lamp'", "SELECT * FROM products WHERE name ILIKE '%Lamp%'");
        assertThat(matcher.match("Products named 'Desk'", List.of(named))
                        .orElseThrow()
                        .adaptedSql())
                .isEqualTo("SELECT * FROM products WHERE name ILIKE '%Desk%'");
    }

    @Test
    void theSameQuestionReusesTheSqlUnchanged() {
        PatternMatch m = matcher.match("how many orders were delivered in 2023", List.of(DELIVERED_2023))
                .orElseThrow();
        assertThat(m.adaptedSql()).isEqualTo(DELIVERED_2023.sql());
        assertThat(m.substitutions()).isEmpty();
    }

    @Test
    void otherQuestionsDoNotMatch() {
        for (String q : List.of(
                "How many customers signed up in 2023?",
                "How many orders were delivered?",
                "How many orders were delivered before 2024?",
                "How many orders were not delivered in 2023?",
                "How many orders were delivered in Berlin in 2023?",
                "What is the meaning of life?")) {
            assertThat(matcher.match(q, List.of(DELIVERED_2023))).as(q).isEmpty();
        }
    }

    @Test
    void aLiteralTheSqlDoesNotShowCannotBeSubstituted() {
        Example hardCoded =
                verified("How many orders in 2023?", "SELECT COUNT(*) FROM orders WHERE order_year = 'twenty-three'");
        assertThat(matcher.match("How many orders in 2024?", List.of(hardCoded)))
                .isEmpty();
    }

    @Test
    void theBestExampleIsUsed() {
        Example looser = verified(
                "How many orders were delivered to customers in 2023?",
                "SELECT COUNT(*) FROM orders o JOIN customers c ON o.customer_id = c.customer_id"
                        + " WHERE o.status = 'delivered' AND o.order_date >= '2023-01-01' AND o.order_date < '2024-01-01'");
        assertThat(matcher.match("How many orders were delivered in 2024?", List.of(looser, DELIVERED_2023))
                        .orElseThrow()
                        .example())
                .isSameAs(DELIVERED_2023);
        assertThat(matcher.match("anything", null)).isEmpty();
        assertThat(matcher.match(" ", List.of(DELIVERED_2023))).isEmpty();
    }
}
