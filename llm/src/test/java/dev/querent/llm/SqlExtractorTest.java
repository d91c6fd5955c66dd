package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.llm.testing.FakeLlmServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlExtractorTest {

    private static Optional<String> extract(String output) {
        return SqlExtractor.extract(output);
    }

    @Test
    void arcticAnswerWithPrefillTakesTheAnswerNotTheDraftInsideThink() {
        String output = SqlPromptBuilder.ARCTIC_PREFILL + FakeLlmServer.fixture("arctic-answer.txt");

        assertThat(extract(output))
                .contains("SELECT country, COUNT(*) AS customer_count\nFROM customers\nGROUP BY country\n"
                        + "ORDER BY customer_count DESC");
    }

    @Test
    void continuationWithoutThePrefillStillDropsTheReasoning() {
        assertThat(extract(FakeLlmServer.fixture("arctic-answer.txt")))
                .hasValueSatisfying(sql -> assertThat(sql).startsWith("SELECT country, COUNT(*)"));
        assertThat(extract("I think SELECT x FROM draft is wrong.\n</think>\nSELECT 1"))
                .contains("SELECT 1");
    }

    @Test
    void lastSqlBlockInTheAnswerWins() {
        String output =
                """
                <think>ok</think>
                <answer>
                ```sql
                SELECT 1
                ```
                Actually, better:
                ```sql
                SELECT 2;
                ```
                </answer>""";

        assertThat(extract(output)).contains("SELECT 2");
    }

    @Test
    void answerWithoutFenceYieldsTheBareStatement() {
        assertThat(extract("<think>reason</think><answer>SELECT name FROM t WHERE id = 3;</answer>"))
                .contains("SELECT name FROM t WHERE id = 3");
    }

    @Test
    void answerWithoutSqlYieldsNothingEvenIfSqlAppearsElsewhere() {
        assertThat(extract("```sql\nSELECT 1\n```\n<answer>The schema cannot answer this.</answer>"))
                .isEmpty();
    }

    @Test
    void unterminatedAnswerRunsToTheEnd() {
        assertThat(extract("<think>x</think>\n<answer>\n```sql\nSELECT a FROM b\n```"))
                .contains("SELECT a FROM b");
    }

    @Test
    void withoutAnswerTheLastSqlFenceOfTheWholeTextIsUsed() {
        String output =
                """
                First idea:
                ```sql
                SELECT * FROM a
                ```
                Final:
                ```sql
                SELECT id FROM a WHERE x > 1
                ```
                Hope this helps!""";

        assertThat(extract(output)).contains("SELECT id FROM a WHERE x > 1");
    }

    @Test
    void sqlTaggedFencesBeatLaterUntaggedOnes() {
        String output = "```sql\nSELECT 1 FROM t\n```\nand the output looks like\n```\nSELECT 1\n------\n1\n```";

        assertThat(extract(output)).contains("SELECT 1 FROM t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sql", "SQL", "sqlite", "postgresql", "mysql", "duckdb", "bigquery"})
    void dialectTaggedFencesCount(String tag) {
        assertThat(extract("Here:\n```" + tag + "\nSELECT a FROM t\n```")).contains("SELECT a FROM t");
    }

    @Test
    void untaggedAndInlineFencesCount() {
        assertThat(extract("```\nWITH x AS (SELECT 1) SELECT * FROM x\n```"))
                .contains("WITH x AS (SELECT 1) SELECT * FROM x");
        assertThat(extract("Use ```sql SELECT a FROM t``` here.")).contains("SELECT a FROM t");
        assertThat(extract("Use ```SELECT a FROM t``` here.")).contains("SELECT a FROM t");
    }

    @Test
    void fencesInOtherLanguagesAreSkipped() {
        String output = "```sql\nSELECT a FROM t\n```\n```python\nprint('done')\n```";

        assertThat(extract(output)).contains("SELECT a FROM t");
    }

    @Test
    void templatePlaceholderIsNotSql() {
        assertThat(extract("<answer>\n```sql\n-- the SQL query\n```\n</answer>"))
                .isEmpty();
    }

    @Test
    void leadingCommentsAreKeptWithTheQuery() {
        assertThat(extract("```sql\n-- customers per country\nSELECT country FROM customers\n```"))
                .contains("-- customers per country\nSELECT country FROM customers");
    }

    @Test
    void truncatedFenceRunsToTheEnd() {
        assertThat(extract("<answer>\n```sql\nSELECT a, b\nFROM t\nWHERE a > 1"))
                .contains("SELECT a, b\nFROM t\nWHERE a > 1");
    }

    @Test
    void unterminatedThinkIsDroppedEntirely() {
        assertThat(extract("<think>\nMaybe ```sql\nSELECT a FROM t\n``` works, but wait"))
                .isEmpty();
        assertThat(extract(SqlPromptBuilder.ARCTIC_PREFILL + "The table has SELECT a FROM t ..."))
                .isEmpty();
    }

    @Test
    void unterminatedThinkFollowedByAnAnswerKeepsTheAnswer() {
        assertThat(extract("<think>\nreasoning without end\n<answer>```sql\nSELECT 5\n```</answer>"))
                .contains("SELECT 5");
    }

    @Test
    void thinkTagsAreCaseInsensitive() {
        assertThat(extract("<THINK>SELECT wrong FROM x</THINK>\n```sql\nSELECT right_one FROM x\n```"))
                .contains("SELECT right_one FROM x");
    }

    @Test
    void bareStatementStopsAtSemicolonOrProse() {
        assertThat(extract("Here is the query:\nSELECT a FROM t; It returns a."))
                .contains("SELECT a FROM t");
        assertThat(extract("SELECT a\nFROM t\n\nThis lists every a.")).contains("SELECT a\nFROM t");
        assertThat(extract("SQL: select a from t")).contains("select a from t");
    }

    @Test
    void bareStatementKeepsBlankLinesInsideTheQuery() {
        String output = "WITH totals AS (\n  SELECT a, SUM(b) AS s FROM t GROUP BY a\n)\n\nSELECT a FROM totals\n\n"
                + "ORDER BY s DESC;\n\nThat is all.";

        assertThat(extract(output))
                .contains("WITH totals AS (\n  SELECT a, SUM(b) AS s FROM t GROUP BY a\n)\n\nSELECT a FROM totals\n\n"
                        + "ORDER BY s DESC");
    }

    @Test
    void semicolonsInsideLiteralsDoNotEndTheStatement() {
        assertThat(extract("SELECT 'a;b' AS x FROM t;")).contains("SELECT 'a;b' AS x FROM t");
    }

    @Test
    void proseStartingWithSelectOrWithIsNotSql() {
        assertThat(extract("Select the right approach first.\nWith that in mind, nothing else."))
                .isEmpty();
    }

    @Test
    void uppercaseSelectWithoutFromIsSql() {
        assertThat(extract("SELECT 1 + 1")).contains("SELECT 1 + 1");
    }

    @Test
    void trailingSemicolonsAndWhitespaceAreStripped() {
        assertThat(extract("```sql\n\n  SELECT 1 FROM t ;;\n ;\n```")).contains("SELECT 1 FROM t");
    }

    @Test
    void windowsLineEndingsAreNormalised() {
        assertThat(extract("```sql\r\nSELECT a\r\nFROM t\r\n```")).contains("SELECT a\nFROM t");
    }

    @Test
    void otherStatementsInFencesAreReturnedForTheGuardToJudge() {
        assertThat(extract("```sql\nDELETE FROM t\n```")).contains("DELETE FROM t");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {"   ", "I cannot answer that question.", "<think>hmm</think>", "```\n```", "<answer></answer>"})
    void nothingSqlLikeIsEmpty(String output) {
        assertThat(extract(output)).isEmpty();
    }
}
