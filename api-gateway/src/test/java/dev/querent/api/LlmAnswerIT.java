package dev.querent.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.DataSourceService;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.QueryResult;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlGuard;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.RecordedRequest;
import dev.querent.llm.testing.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product with a model configured (Ollama wire protocol, served by a local fake from scripted
 * replies — the only part replaced): questions the rules cannot plan go to the model, a bad first
 * answer is repaired once, and an unreachable model fails the turn with a retryable error that a
 * retry recovers without losing the question.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class LlmAnswerIT {
    private static final FakeLlmServer MODEL = FakeLlmServer.start();
    private static final Path DATA_DIR;
    private static final String QUESTION = "What share of the orders were cancelled?";
    private static final String SHARE_SQL =
            "SELECT AVG(CASE WHEN status = 'cancelled' THEN 1.0 ELSE 0 END) AS cancelled_share"
                    + " FROM ecommerce.orders";

    static {
        try {
            DATA_DIR = Files.createTempDirectory("querent-llm-it");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
        r.add("querent.llm.provider", () -> "ollama");
        r.add("querent.llm.base-url", MODEL::baseUrl);
        r.add("querent.llm.model", () -> FakeLlmServer.DEFAULT_MODEL);
        r.add("querent.llm.timeout", () -> "10s");
    }

    @AfterAll
    static void stop() {
        MODEL.close();
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    @Autowired
    DataSourceService dataSources;

    @Autowired
    SqlGuard guard;

    @BeforeEach
    void reset() {
        MODEL.reset();
        http = TestAuth.asAdmin(http);
    }

    @Test
    void aQuestionTheRulesCannotPlanIsAnsweredByTheModel() {
        String ds = dataSources.defaultId().orElseThrow().value();
        post(
                "/api/knowledge/glossary",
                Map.of("dataSourceId", ds, "term", "share", "definition", "a fraction between 0 and 1"),
                201);
        MODEL.enqueue(Reply.text(answer(SHARE_SQL)).withUsage(1234, 56));
        JsonNode turn = ask(QUESTION);
        assertThat(turn.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(turn.get("source").asString()).isEqualTo("LLM");
        assertThat(MODEL.requests("/api/chat"))
                .as("nothing is sent to the model before confirmation")
                .isEmpty();

        JsonNode answered = confirm(turn);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(answered.get("sql").asString()).contains("cancelled_share");
        assertThat(rows(answered)).isEqualTo(gold(SHARE_SQL));
        String prompt = MODEL.requests("/api/chat").getFirst().body();
        assertThat(prompt).contains("DuckDB").contains(QUESTION).contains("CREATE TABLE");
        assertThat(prompt).as("the glossary reaches the prompt").contains("a fraction between 0 and 1");
        long tables = java.util.regex.Pattern.compile("CREATE TABLE \\w+\\.\\w+")
                .matcher(prompt)
                .results()
                .count();
        assertThat(tables)
                .as("only the retrieved tables reach the prompt, not all 25")
                .isBetween(1L, 12L);
        assertThat(prompt).contains("ecommerce.orders").doesNotContain("healthcare.");
        String metrics = new String(
                http.get()
                        .uri("/actuator/prometheus")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(metrics)
                .contains("querent_llm_tokens_total{kind=\"prompt\"}")
                .contains("querent_llm_tokens_total{kind=\"completion\"}");
    }

    @Test
    void aFirstAnswerTheValidatorRefusesIsRepairedOnce() {
        MODEL.enqueue(
                Reply.text(answer(
                        "SELECT AVG(CASE WHEN order_state = 'cancelled' THEN 1.0 ELSE 0 END) FROM ecommerce.orders")),
                Reply.text(answer(SHARE_SQL)));
        JsonNode answered = confirm(ask(QUESTION));
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(rows(answered)).isEqualTo(gold(SHARE_SQL));
        List<RecordedRequest> calls = MODEL.requests("/api/chat");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).body()).contains("order_state");
    }

    @Test
    void anUnreachableModelFailsTheTurnRetryablyAndARetryRecovers() {
        MODEL.defaultReply(Reply.status(503, "model is loading"));
        JsonNode turn = ask(QUESTION);
        JsonNode failed = confirm(turn);
        assertThat(failed.get("state").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("LLM_UNAVAILABLE");
        assertThat(failed.get("error").get("retryable").asBoolean()).isTrue();
        assertThat(failed.get("error").get("message").asString()).isNotBlank();

        JsonNode chat = get("/api/chats/" + turn.get("chatId").asString());
        assertThat(chat.get("turns").get(0).get("question").asString())
                .as("the question is kept")
                .isEqualTo(QUESTION);

        MODEL.reset();
        MODEL.enqueue(Reply.text(answer(SHARE_SQL)));
        JsonNode retried = post("/api/turns/" + turn.get("id").asString() + "/retry", Map.of(), 200);
        assertThat(retried.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(rows(retried)).isEqualTo(gold(SHARE_SQL));
    }

    @Test
    void settingsReportTheModel() {
        JsonNode llm = get("/api/settings").get("llm");
        assertThat(llm.get("provider").asString()).isEqualToIgnoringCase("ollama");
        assertThat(llm.get("status").asString()).isEqualTo("UP");
    }

    private static String answer(String sql) {
        return "The question asks for a proportion.\n</think>\n<answer>\n```sql\n" + sql + "\n```\n</answer>";
    }

    private JsonNode ask(String question) {
        String chatId = post("/api/chats", Map.of(), 201).get("id").asString();
        return post("/api/chats/" + chatId + "/messages", Map.of("question", question), 201);
    }

    private JsonNode confirm(JsonNode turn) {
        return post("/api/turns/" + turn.get("id").asString() + "/confirm", Map.of(), 200);
    }

    private List<List<String>> gold(String sql) {
        DataSourceId ds = dataSources.defaultId().orElseThrow();
        SchemaSnapshot schema = dataSources.schema(ds);
        QueryResult r = dataSources
                .connector(ds)
                .executeQuery(
                        guard.require(sql, schema.dialect(), schema), QueryLimits.defaults(), QueryCancellation.none());
        return r.rows().stream()
                .map(row -> row.stream()
                        .map(v -> json.readTree(json.writeValueAsString(v)).asString())
                        .toList())
                .toList();
    }

    private static List<List<String>> rows(JsonNode turn) {
        List<List<String>> out = new java.util.ArrayList<>();
        turn.get("result").get("rows").forEach(row -> {
            List<String> r = new java.util.ArrayList<>();
            row.forEach(v -> r.add(v.asString()));
            out.add(r);
        });
        return out;
    }

    private JsonNode get(String uri) {
        return new JsonApi(http, json).get(uri);
    }

    private JsonNode post(String uri, Object body, int status) {
        return new JsonApi(http, json).post(uri, body, status);
    }
}
