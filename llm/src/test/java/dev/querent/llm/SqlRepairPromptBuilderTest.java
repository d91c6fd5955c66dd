package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import org.junit.jupiter.api.Test;

class SqlRepairPromptBuilderTest {
    private final SqlRepairPromptBuilder builder = new SqlRepairPromptBuilder();

    @Test
    void arcticRepairShowsTheFailedQueryAndErrorBeforeTheInstructions() {
        ChatPrompt prompt = builder.build(
                SampleSchema.snapshot(Dialect.POSTGRESQL),
                "Customers per country?",
                "SELECT cust_country, COUNT(*) FROM customers GROUP BY 1;",
                "ERROR: column \"cust_country\" does not exist",
                PromptOptions.defaults());

        assertThat(prompt.assistantPrefill()).isEqualTo(SqlPromptBuilder.ARCTIC_PREFILL);
        assertThat(prompt.user())
                .containsSubsequence(
                        "Database Schema:",
                        "Question:\nCustomers per country?",
                        "Previous Attempt:\n```sql\nSELECT cust_country, COUNT(*) FROM customers GROUP BY 1;\n```",
                        "Database Error:\nERROR: column \"cust_country\" does not exist",
                        "Instructions:\n- The previous attempt failed",
                        "Output Format:");
    }

    @Test
    void longErrorsAreCut() {
        String error = "x".repeat(5000);

        String user = builder.build(SampleSchema.snapshot(Dialect.SQLITE), "q", "SELECT 1", error, null)
                .user();

        assertThat(user).contains("x".repeat(1000) + " ...").doesNotContain("x".repeat(1001));
    }

    @Test
    void plainRepairAsksForTheCorrectedQueryOnly() {
        ChatPrompt prompt = builder.build(
                SampleSchema.snapshot(Dialect.SQLITE),
                "q",
                "SELECT nope FROM customers",
                "no such column: nope",
                PromptOptions.of(PromptStyle.PLAIN));

        assertThat(prompt.assistantPrefill()).isNull();
        assertThat(prompt.user())
                .contains("Previous Attempt:\n```sql\nSELECT nope FROM customers\n```")
                .contains("Database Error:\nno such column: nope")
                .contains("Write a corrected read-only SQLite query");
    }

    @Test
    void repairedAnswerFixtureExtracts() {
        String reply =
                SqlPromptBuilder.ARCTIC_PREFILL + dev.querent.llm.testing.FakeLlmServer.fixture("repair-answer.txt");

        assertThat(SqlExtractor.extract(reply))
                .contains("SELECT country, COUNT(*) AS customer_count\nFROM customers\nGROUP BY country");
    }
}
