package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlPromptBuilderTest {
    private final SqlPromptBuilder builder = new SqlPromptBuilder();

    @Test
    void arcticPromptHasTheTrainedSectionsInOrderAndAPrefill() {
        ChatPrompt prompt = builder.build(
                SampleSchema.snapshot(Dialect.POSTGRESQL), "How many customers per country?", PromptOptions.defaults());

        assertThat(prompt.system()).startsWith("You are a data science expert").doesNotContain("\n");
        assertThat(prompt.assistantPrefill())
                .isEqualTo(SqlPromptBuilder.ARCTIC_PREFILL)
                .endsWith("<think>\n");
        String user = prompt.user();
        assertThat(user)
                .startsWith(
                        "Database Engine:\nPostgreSQL\n\nDatabase Schema:\n-- Everyone who ever ordered\nCREATE TABLE customers (");
        assertThat(user)
                .containsSubsequence(
                        "Database Engine:",
                        "Database Schema:",
                        "CREATE TABLE orders (",
                        "CREATE TABLE sales.\"Targets\" (",
                        "primary key, and the foreign keys",
                        "Question:\nHow many customers per country?",
                        "Instructions:",
                        "Output Format:",
                        "<think>",
                        "</think>",
                        "<answer>",
                        "```sql",
                        "</answer>");
        assertThat(user).doesNotContain("Plan:", "Examples:", "Domain Notes:");
        assertThat(user).contains("write SQL that PostgreSQL can run");
    }

    @Test
    void optionalSectionsAppearAroundTheQuestion() {
        Map<String, String> glossary = new LinkedHashMap<>();
        glossary.put("active customer", "a customer with an order in the last 90 days");
        glossary.put("revenue", "SUM(orders.amount)");
        PromptOptions options = PromptOptions.defaults()
                .withPlan("1. Join orders to customers\n2. Sum amount per country")
                .withExamples(List.of(new FewShotExample("How many orders?", "SELECT COUNT(*) FROM orders;")))
                .withInstructions("Amounts are in euros.")
                .withGlossary(glossary);

        String user = builder.build(SampleSchema.snapshot(Dialect.SQLITE), "Revenue by country?", options)
                .user();

        assertThat(user)
                .containsSubsequence(
                        "Database Schema:",
                        "Domain Notes:\n- active customer: a customer with an order in the last 90 days\n"
                                + "- revenue: SUM(orders.amount)\nAmounts are in euros.",
                        "Examples:\nQuestion: How many orders?\n```sql\nSELECT COUNT(*) FROM orders;\n```",
                        "Question:\nRevenue by country?",
                        "Plan:\n1. Join orders to customers\n2. Sum amount per country",
                        "Instructions:",
                        "- Follow the plan above",
                        "- Apply the domain notes",
                        "Output Format:");
    }

    @Test
    void subsetOfTablesLimitsTheSchema() {
        String user = builder.build(
                        SampleSchema.snapshot(Dialect.SQLITE),
                        List.of(SampleSchema.customers()),
                        "Who lives in Peru?",
                        PromptOptions.defaults())
                .user();

        assertThat(user).contains("CREATE TABLE customers").doesNotContain("CREATE TABLE orders");
    }

    @Test
    void plainStyleAsksForTheSqlAloneWithoutPrefill() {
        ChatPrompt prompt = builder.build(
                SampleSchema.snapshot(Dialect.MYSQL), "Who lives in Peru?", PromptOptions.of(PromptStyle.PLAIN));

        assertThat(prompt.assistantPrefill()).isNull();
        assertThat(prompt.system()).contains("MySQL");
        assertThat(prompt.user())
                .startsWith("Database engine:\nMySQL\n\nSchema:\n")
                .contains("Question:\nWho lives in Peru?")
                .endsWith("Reply with the query alone in a ```sql code block, without explanation.")
                .doesNotContain("<think>");
    }

    @Test
    void promptBecomesARequest() {
        ChatPrompt prompt = builder.build(SampleSchema.snapshot(Dialect.DUCKDB), "q?", null);

        LlmRequest request = prompt.toRequest(1.0, 4096, 4);

        assertThat(request.system()).isEqualTo(prompt.system());
        assertThat(request.user()).isEqualTo(prompt.user());
        assertThat(request.assistantPrefill()).isEqualTo(SqlPromptBuilder.ARCTIC_PREFILL);
        assertThat(request.n()).isEqualTo(4);
        assertThat(prompt.toRequest().n()).isEqualTo(1);
    }

    @Test
    void blankQuestionIsRejected() {
        assertThatThrownBy(() -> builder.build(SampleSchema.snapshot(Dialect.SQLITE), "  ", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
