package dev.querent.api.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.JsonApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learning loop through the whole product with a given vector store behind the knowledge
 * index: a corrected answer is approved in the queue, then a paraphrase the word alignment cannot
 * pair up is answered from the verified pattern found by the index, and the pattern's rows are
 * the corrected SQL's rows. Subclasses boot the app on their store.
 */
public abstract class KnowledgeLoopContract {
    static final String QUESTION = "How many customers signed up per year?";
    static final String PARAPHRASE = "Yearly count of customer signups";
    static final String CORRECTED = "SELECT year(signup_date) AS signup_year, COUNT(*) AS customers"
            + " FROM ecommerce.customers GROUP BY 1 ORDER BY 1";

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        http = dev.querent.api.TestAuth.asAdmin(http);
    }

    @Test
    @Timeout(180)
    void anApprovedCorrectionAnswersAParaphraseFromTheIndex() {
        String chat = post("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = post("/api/chats/" + chat + "/messages", Map.of("question", QUESTION), 201);
        String turnId = turn.get("id").asString();
        post("/api/turns/" + turnId + "/confirm", Map.of(), 200);
        post(
                "/api/turns/" + turnId + "/feedback",
                Map.of("rating", "DOWN", "reason", "group by year", "correctedSql", CORRECTED),
                201);
        String itemId = null;
        for (JsonNode item : get("/api/review-items?status=PENDING&reason=CORRECTED_SQL")) {
            if (item.get("question").asString().equals(QUESTION)) {
                itemId = item.get("id").asString();
            }
        }
        assertThat(itemId).isNotNull();
        post("/api/review-items/" + itemId + "/approve", Map.of("reviewer", "ana"), 200);

        String chat2 = post("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode paraphrase = post("/api/chats/" + chat2 + "/messages", Map.of("question", PARAPHRASE), 201);
        assertThat(paraphrase.get("source").asString()).isEqualTo("PATTERN");
        JsonNode answered = post("/api/turns/" + paraphrase.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(answered.get("sql").asString()).contains("signup_year");
        assertThat(answered.get("result").get("rows").size()).isGreaterThan(1);
    }

    private JsonNode get(String uri) {
        return new JsonApi(http, json).get(uri);
    }

    private JsonNode post(String uri, Object body, int status) {
        return new JsonApi(http, json).post(uri, body, status);
    }

    /** The server an environment variable names; skipped locally without it, a failure under CI. */
    public static String serverFromEnvironment(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + variable + " is not set: .ci/run must start it");
            }
            org.junit.jupiter.api.Assumptions.abort("No server for this test: set " + variable + " (see .ci/run)");
        }
        return value;
    }
}
