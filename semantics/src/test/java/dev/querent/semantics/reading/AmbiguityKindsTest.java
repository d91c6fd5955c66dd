package dev.querent.semantics.reading;

import static dev.querent.semantics.reading.TestSchemas.col;
import static dev.querent.semantics.reading.TestSchemas.fk;
import static dev.querent.semantics.reading.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.RuleBasedPlanner;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of ambiguity the planner asks about, on a one-schema store chain, and what a choice binds. */
class AmbiguityKindsTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 7, 1);

    private static final SchemaSnapshot CHAIN = new SchemaSnapshot(
            Dialect.DUCKDB,
            "chain",
            List.of(
                    table(
                            "chain",
                            "stores",
                            null,
                            "store_id",
                            List.of(),
                            col("store_id", "INTEGER"),
                            col("name", "VARCHAR", "Paris Opera", "Berlin Mitte", "Paris"),
                            col("city", "VARCHAR", "Paris", "Berlin", "Lyon")),
                    table(
                            "chain",
                            "customers",
                            null,
                            "customer_id",
                            List.of(),
                            col("customer_id", "INTEGER"),
                            col("first_name", "VARCHAR"),
                            col("last_name", "VARCHAR"),
                            col("email", "VARCHAR")),
                    table(
                            "chain",
                            "sales",
                            null,
                            "sale_id",
                            List.of(
                                    fk("store_id", "stores", "store_id"),
                                    fk("customer_id", "customers", "customer_id")),
                            col("sale_id", "INTEGER"),
                            col("store_id", "INTEGER"),
                            col("customer_id", "INTEGER"),
                            col("sale_date", "DATE"),
                            col("amount", "NUMERIC(10,2)")),
                    table(
                            "chain",
                            "contracts",
                            null,
                            "contract_id",
                            List.of(fk("store_id", "stores", "store_id")),
                            col("contract_id", "INTEGER"),
                            col("store_id", "INTEGER"),
                            col("signed_date", "DATE"),
                            col("renewal_date", "DATE"),
                            col("monthly_fee", "NUMERIC(10,2)"))),
            Instant.EPOCH);

    private final RuleBasedPlanner planner = new RuleBasedPlanner();
    private final PlanSqlCompiler compiler = new PlanSqlCompiler();

    @Test
    void aValueInTwoColumnsIsAskedAbout() {
        Clarification c = ask("How many stores are in Paris?");
        assertThat(c.kind()).isEqualTo(Ambiguity.VALUE);
        assertThat(c.question()).isEqualTo("Where should \"Paris\" be looked for?");
        assertThat(c.choices()).extracting(Clarification.Choice::label).contains("stores.name", "stores.city");
        assertThat(sqlOf("How many stores are in Paris?", c, "stores.name")).contains("name = 'Paris'");
        assertThat(sqlOf("How many stores are in Paris?", c, "stores.city")).contains("city = 'Paris'");
    }

    @Test
    void aWordForTwoColumnsIsAskedAbout() {
        Clarification c = ask("List customers by name");
        assertThat(c.kind()).isEqualTo(Ambiguity.COLUMN);
        assertThat(c.phrase()).isEqualTo("name");
        assertThat(c.choices())
                .extracting(Clarification.Choice::label)
                .containsExactly("stores.name", "customers.first_name", "customers.last_name");
        assertThat(sqlOf("List customers by name", c, "customers.last_name")).contains("last_name");
    }

    @Test
    void aTimeWordWithTwoDatesIsAskedAbout() {
        Clarification c = ask("How many contracts per month?");
        assertThat(c.kind()).isEqualTo(Ambiguity.TIME_COLUMN);
        assertThat(c.choices())
                .extracting(Clarification.Choice::label)
                .containsExactly("contracts.signed_date", "contracts.renewal_date");
        assertThat(sqlOf("How many contracts per month?", c, "contracts.renewal_date"))
                .contains("date_trunc('month', renewal_date)");
    }

    @Test
    void aRankingWithNoMeasureIsAskedAbout() {
        Clarification c = ask("Top 3 stores");
        assertThat(c.kind()).isEqualTo(Ambiguity.RANK_MEASURE);
        assertThat(c.question()).isEqualTo("Rank stores by what?");
        assertThat(c.choices())
                .extracting(Clarification.Choice::label)
                .contains("number of sales", "total sales.amount");
        String sql = sqlOf("Top 3 stores", c, "total sales.amount");
        assertThat(sql).contains("SUM(", "amount", "LIMIT 3").contains("ORDER BY");
    }

    @Test
    void questionsWithAClearWinnerAreNotAskedAbout() {
        for (String q : List.of(
                "How many sales per month?",
                "Total amount of sales by city",
                "How many stores are in Lyon?",
                "Top 3 stores by total amount of sales",
                "How many contracts were signed per month?")) {
            PlanAttempt a = planner.plan(q, CHAIN, null, TODAY);
            assertThat(a.clarification()).as(q).isNull();
            assertThat(a.plan()).as(q).isNotNull();
        }
    }

    private Clarification ask(String question) {
        PlanAttempt a = planner.plan(question, CHAIN, null, TODAY);
        assertThat(a.clarification()).as(question).isNotNull();
        return a.clarification();
    }

    private String sqlOf(String question, Clarification c, String label) {
        Clarification.Choice choice = c.choices().stream()
                .filter(x -> x.label().equals(label))
                .findFirst()
                .orElseThrow();
        PlanAttempt a = planner.plan(question, null, CHAIN, null, TODAY, List.of(choice.binding()), true);
        assertThat(a.plan()).as(label).isNotNull();
        return compiler.compile(a.plan(), CHAIN.dialect(), CHAIN);
    }
}
