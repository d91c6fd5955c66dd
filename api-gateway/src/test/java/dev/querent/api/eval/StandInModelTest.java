package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandInModelTest {
    @Test
    void theQuestionIsReadFromTheQuestionSectionNotFromFewShotExamples() {
        String prompt = "Database Engine:\nSQLite\n\nExamples:\nQuestion: How many cats?\n```sql\nSELECT 1\n```"
                + "\n\nQuestion:\nHow many dogs are there?\n\nInstructions:\n- be exact";
        assertThat(StandInModel.questionOf(prompt)).isEqualTo("How many dogs are there?");
        assertThat(StandInModel.questionOf("Question:\nFirst line only")).isEqualTo("First line only");
        assertThat(StandInModel.questionOf("No section here")).isNull();
    }

    @Test
    void answersChatCompletionsWithTheSqlForTheQuestionOrWithNoSqlBlock() throws Exception {
        Map<String, String> gold = Map.of("How many dogs?", "SELECT COUNT(*) FROM dogs");
        try (StandInModel model = new StandInModel("oracle", q -> Optional.ofNullable(gold.get(q)))) {
            HttpClient http = HttpClient.newHttpClient();
            String known = post(http, model, "How many dogs?");
            assertThat(known)
                    .contains("```sql\\nSELECT COUNT(*) FROM dogs\\n```")
                    .contains("\"usage\"");
            String unknown = post(http, model, "How many cats?");
            assertThat(unknown).doesNotContain("```sql").contains("No answer.");
            HttpResponse<String> models = http.send(
                    HttpRequest.newBuilder(URI.create(model.baseUrl() + "/models"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.body()).contains("\"id\":\"oracle\"");
            assertThat(model.calls()).isEqualTo(2);
        }
    }

    private static String post(HttpClient http, StandInModel model, String question) throws Exception {
        String body = "{\"model\":\"oracle\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},"
                + "{\"role\":\"user\",\"content\":\"Question:\\n" + question + "\\n\\nInstructions:\\n- y\"}]}";
        return http.send(
                        HttpRequest.newBuilder(URI.create(model.baseUrl() + "/chat/completions"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
