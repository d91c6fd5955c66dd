package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.RuleBasedPlanner;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionsTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 15);
    private static final String QUESTION = "list customers in Berlin";
    private static final ColumnRef CITY = new ColumnRef("shop.customers", "city");

    private final RuleBasedPlanner planner = new RuleBasedPlanner();
    private final SchemaSnapshot shop = TestSchemas.shop(Dialect.SQLITE);

    private PlanAttempt plan(String instructions) {
        return planner.plan(QUESTION, instructions, shop, null, TODAY);
    }

    @Test
    void likeWithWildcardsTurnsLiteralMatchesIntoContainment() {
        for (String how : List.of(
                "Always filter strings using LIKE",
                "Match all strings case-insensitively using wildcard operators",
                "Filter city names using LIKE with percent sign wildcards.")) {
            QueryPlan p = plan(how).plan();
            assertThat(p.filters())
                    .as(how)
                    .containsExactly(new Filter(CITY, FilterOp.LIKE, List.of("%Berlin%"), ValueType.STRING));
        }
    }

    @Test
    void theRuleAppliesToTheColumnsItNames() {
        // names only: city is no name column
        assertThat(plan("Always filter names using LIKE").plan().filters())
                .containsExactly(new Filter(CITY, FilterOp.EQ, List.of("Berlin"), ValueType.STRING));
        // the named column's rule wins over the general one
        assertThat(plan("Filter strings using LIKE. Filter city using exact matches.")
                        .plan()
                        .filters())
                .containsExactly(new Filter(CITY, FilterOp.EQ, List.of("Berlin"), ValueType.STRING));
    }

    @Test
    void instructionsAreNeverReadAsQuestionWords() {
        PlanAttempt alone = planner.plan(QUESTION, shop, null, TODAY);
        for (String how : List.of(
                "Always filter names using an exact match",
                "Assume the rating of a business to be its average rating, and compute it first.",
                "orders products status delivered 2024")) {
            PlanAttempt with = plan(how);
            assertThat(with.plan()).as(how).isEqualTo(alone.plan());
            assertThat(with.confidence()).as(how).isEqualTo(alone.confidence());
            assertThat(with.notUnderstood()).as(how).isEqualTo(alone.notUnderstood());
        }
    }

    @Test
    void onlyUnderstoodSentencesBecomeRules() {
        Instructions parsed = Instructions.parse(
                "Filter airport, city, country names using LIKE.\nFilter state codes using case-insensitive matches."
                        + " Do not return duplicates.");
        assertThat(parsed.rules()).hasSize(1);
        assertThat(parsed.rules().getFirst().match()).isEqualTo(Instructions.TextMatch.CONTAINS);
        assertThat(parsed.rules().getFirst().names()).isTrue();
        assertThat(parsed.rules().getFirst().words()).containsExactlyInAnyOrder("airport", "city", "country");
        assertThat(Instructions.parse(null).rules()).isEmpty();
    }

    @Test
    void aTermDefinedInWordsIsReadAsThoseWords() {
        String how = "AOV = Average Total Amount of orders in the current year. Filter names using LIKE.";
        Instructions parsed = Instructions.parse(how);
        assertThat(parsed.definitions())
                .containsExactly(new Instructions.Definition("AOV", "Average Total Amount of orders", false));
        assertThat(parsed.rules()).hasSize(1); // the definition is no filtering rule, the other sentence is
        PlanAttempt defined = planner.plan("What is the AOV for orders that were delivered?", how, shop, null, TODAY);
        PlanAttempt worded = planner.plan(
                "What is the Average Total Amount of orders for orders that were delivered?", shop, null, TODAY);
        assertThat(defined.plan()).isEqualTo(worded.plan());
        assertThat(defined.plan().measures()).hasSize(1);
        assertThat(defined.plan().measures().getFirst().function()).isEqualTo(QueryPlan.Aggregate.AVG);
        assertThat(defined.understood()).contains("(instructions) AOV → Average Total Amount of orders");
        // the term is a whole word written as defined: "aov" or "AOVs" are other words
        assertThat(parsed.wordsIn("what is the aov")).isEmpty();
        assertThat(parsed.wordsIn("list AOVs")).isEmpty();
    }

    @Test
    void aTermDefinedByAFormulaIsRefusedNotGuessed() {
        String how = "GM (gross margin) = (total amount - cost) / total amount * 100";
        assertThat(Instructions.parse(how).definitions())
                .containsExactly(new Instructions.Definition("GM", "(total amount - cost) / total amount * 100", true));
        PlanAttempt refused = planner.plan("What is the GM of orders in 2024?", how, shop, null, TODAY);
        assertThat(refused.plan()).isNull();
        assertThat(refused.notUnderstood()).containsExactly("GM");
        assertThat(refused.explanationWhenNoPlan()).contains("\"GM\"", "formula", "language model");
        // a definition naming the words before its formula is a formula too
        assertThat(Instructions.parse("MoMC = month-over-month change in total amount = (a - b) / b")
                        .definitions()
                        .getFirst()
                        .formula())
                .isTrue();
        // without the term the question is planned as usual
        assertThat(planner.plan("What is the total amount of orders in 2024?", how, shop, null, TODAY)
                        .plan())
                .isNotNull();
    }

    /**
     * "DR = number of delivered orders / total number of orders": each side is the question with the
     * term read as its words, so both keep the question's own restriction; then divided.
     */
    @Test
    void aTermDefinedAsOneQuantityDividedByAnotherIsThatRatio() {
        String how = "DR (delivery rate) = number of orders that were delivered / total number of orders.";
        Instructions.Definition dr = Instructions.parse(how).definitions().getFirst();
        assertThat(dr.quotient()).containsExactly("number of orders that were delivered", "total number of orders");
        PlanAttempt defined = planner.plan("What is the DR for orders in 2024?", how, shop, null, TODAY);
        assertThat(defined.plan()).isNotNull();
        QueryPlan.Ratio ratio = defined.plan().ratio();
        assertThat(ratio).isNotNull();
        assertThat(ratio.numerator().filters())
                .hasSize(ratio.denominator().filters().size() + 1);
        assertThat(ratio.numerator().filters()).containsAll(ratio.denominator().filters());
        assertThat(ratio.denominator().filters()).isNotEmpty(); // "in 2024" holds for both sides
        assertThat(defined.understood())
                .contains("(instructions) DR → (number of orders that were delivered) / (total number of orders)");
        // "the top 3 customers by AOV": both sides ranked by their measure, so the quotient is ranked
        String aov = "AOV = total amount of orders / number of orders";
        PlanAttempt top = planner.plan("Who are the top 3 customers by AOV?", aov, shop, null, TODAY);
        assertThat(top.plan()).isNotNull();
        assertThat(top.plan().ratio()).isNotNull();
        assertThat(top.plan().orderBy())
                .containsExactly(new QueryPlan.Order(top.plan().ratio().alias(), QueryPlan.Direction.DESC));
        assertThat(top.plan().limit()).isEqualTo(3);
        String sql = new PlanSqlCompiler().compile(top.plan(), Dialect.SQLITE, shop);
        assertThat(sql).contains("ORDER BY").contains("LIMIT 3");
        // any other arithmetic is not a quotient of two quantities, and is refused as before
        for (String formula : List.of(
                "DR = (revenue - cost) / cost * 100",
                "DR = (revenue - cost) / cost",
                "DR = a / b / c",
                "DR = (number of orders / customers",
                "DR = 100 / 4")) {
            Instructions.Definition d =
                    Instructions.parse(formula).definitions().getFirst();
            assertThat(d.formula()).as(formula).isTrue();
            assertThat(d.quotient()).as(formula).isEmpty();
        }
        assertThat(planner.plan("What is the DR?", "DR = (revenue - cost) / cost * 100", shop, null, TODAY)
                        .explanationWhenNoPlan())
                .contains("formula");
        // a quotient times 100 is that ratio as a percentage
        for (String formula : List.of(
                "DR = number of delivered orders / total number of orders * 100",
                "DR = (number of delivered orders / total number of orders) * 100")) {
            Instructions.Definition d =
                    Instructions.parse(formula).definitions().getFirst();
            assertThat(d.quotient())
                    .as(formula)
                    .containsExactly("number of delivered orders", "total number of orders");
            assertThat(d.percentage()).as(formula).isTrue();
            QueryPlan p =
                    planner.plan("What is the DR?", formula, shop, null, TODAY).plan();
            assertThat(p).as(formula).isNotNull();
            assertThat(p.ratio().percent()).as(formula).isTrue();
            assertThat(new PlanSqlCompiler().compile(p, Dialect.SQLITE, shop))
                    .as(formula)
                    .startsWith("SELECT 100.0 * ");
        }
        assertThat(Instructions.parse("DR = number of delivered orders / total number of orders")
                        .definitions()
                        .getFirst()
                        .percentage())
                .isFalse();
        // instructions are a client's text: one built to make a pattern backtrack is read in one pass
        Instructions.Definition spaced = Instructions.parse("DR = a / b" + " ".repeat(200_000) + "* 1000")
                .definitions()
                .getFirst();
        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(30), spaced::percentage))
                .isFalse();
        // sides the rules cannot tell apart give no ratio: refused with the formula's reason
        PlanAttempt same =
                planner.plan("What is the XR?", "XR = number of orders / count of orders", shop, null, TODAY);
        assertThat(same.plan()).isNull();
        assertThat(same.explanationWhenNoPlan()).contains("\"XR\"", "formula");
    }

    /**
     * "TSC = Total Sales Count": words capitalised to spell an abbreviation are read as words, not as a
     * name to look for; a meaning that does not spell its term keeps its capitals.
     */
    @Test
    void wordsThatSpellAnAbbreviationAreReadInLowerCase() {
        assertThat(Instructions.parse("TSC = Total Sales Count.").expand("What is the TSC in the past 7 days?"))
                .isEqualTo("What is the total sales count in the past 7 days?");
        assertThat(Instructions.parse("LUB = Latest User Balance, which is the most recent balance")
                        .expand("Show the LUB"))
                .isEqualTo("Show the latest user balance");
        assertThat(Instructions.parse("CA = California.").expand("customers in CA"))
                .isEqualTo("customers in California");
        assertThat(Instructions.parse("ACP = Average Closing Price").expand("the ACP of AAPL"))
                .isEqualTo("the average closing price of AAPL");
        assertThat(Instructions.parse("TPC = total patient count").expand("the TPC"))
                .isEqualTo("the total patient count");
    }

    @Test
    void definitionsThatNameEachOtherAreLeftAsTheyAre() {
        String how = "AB = the CD of orders. CD = the AB of orders.";
        PlanAttempt p = planner.plan("What is the AB?", how, shop, null, TODAY);
        assertThat(p).isNotNull(); // no endless expansion
    }

    /**
     * Attack: a definition is text a user sends, and its words become words of the question. Whatever
     * they hold — quotes, a second statement, comment markers — the plan compiles to one read-only
     * SELECT the guard accepts, or there is no plan.
     */
    @Test
    void aDefinitionCannotSmuggleSqlIntoThePlan() {
        SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
        for (String how : List.of(
                "EVIL = customers named 'x'; DELETE FROM shop.customers; --",
                "EVIL = Berlin' OR '1'='1",
                "EVIL = orders UNION SELECT password FROM users",
                "EVIL = \"; DROP TABLE shop.orders; --",
                // words that spell the term are read in lower case, and are still only words
                "EVIL = Every' Value'; In Limbo DROP TABLE shop.orders; --",
                // a quotient's two sides are words of the question too
                "EVIL = number of customers in Berlin' UNION SELECT password FROM users -- / number of customers",
                "EVIL = number of orders named 'x'' OR 1 / number of orders DROP TABLE shop.orders")) {
            PlanAttempt p = planner.plan("How many EVIL are there?", how, shop, null, TODAY);
            if (p.plan() == null) {
                continue;
            }
            String sql = new PlanSqlCompiler().compile(p.plan(), Dialect.SQLITE, shop);
            assertThat(guard.check(sql, Dialect.SQLITE, shop).accepted())
                    .as(how + " → " + sql)
                    .isTrue();
            assertThat(sql).as(how).doesNotContainIgnoringCase("delete").doesNotContainIgnoringCase("drop");
        }
    }
}
