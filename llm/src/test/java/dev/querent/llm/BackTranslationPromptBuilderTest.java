package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.llm.testing.FakeLlmServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackTranslationPromptBuilderTest {
    private final BackTranslationPromptBuilder builder = new BackTranslationPromptBuilder();

    @Test
    void promptAsksForOneSentenceWithoutSql() {
        ChatPrompt prompt = builder.build(Dialect.SQLITE, "SELECT country, COUNT(*) FROM customers GROUP BY country;");

        assertThat(prompt.assistantPrefill()).isNull();
        assertThat(prompt.user())
                .containsSubsequence(
                        "Database Engine:\nSQLite",
                        "SQL Query:\n```sql\nSELECT country, COUNT(*) FROM customers GROUP BY country;\n```",
                        "one plain-English sentence",
                        "Do not write SQL")
                .doesNotContain("Database Schema:");
    }

    @Test
    void schemaOfTheUsedTablesCanBeIncluded() {
        ChatPrompt prompt = builder.build(
                SampleSchema.snapshot(Dialect.SQLITE), List.of(SampleSchema.customers()), "SELECT name FROM customers");

        assertThat(prompt.user()).contains("Database Schema:\n-- Everyone who ever ordered\nCREATE TABLE customers (");
    }

    @Test
    void extractsTheSentence() {
        assertThat(BackTranslationPromptBuilder.extractDescription(FakeLlmServer.fixture("back-translation.txt")))
                .contains("Counts how many customers live in each country and lists the countries with the most"
                        + " customers first.");
        assertThat(
                        BackTranslationPromptBuilder.extractDescription(
                                "<think>The query groups...</think>\n<answer>\nDescription: \"Lists   every customer\n in Peru.\"\n</answer>"))
                .contains("Lists every customer in Peru.");
        assertThat(BackTranslationPromptBuilder.extractDescription("```sql\nSELECT 1\n```\n\nReturns the number one."))
                .contains("Returns the number one.");
        assertThat(BackTranslationPromptBuilder.extractDescription("<think>unfinished"))
                .isEmpty();
        assertThat(BackTranslationPromptBuilder.extractDescription(null)).isEmpty();
    }
}
