package dev.querent.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.ChatEvent;
import dev.querent.agents.ChatEventType;
import dev.querent.agents.ChatEvents;
import dev.querent.agents.ChatId;
import dev.querent.agents.DataSourceService;
import dev.querent.api.config.QuerentConfiguration;
import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.ExecutionSummary;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.RowSink;
import dev.querent.connectors.SourcePolicy;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.QueryResult;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.SqlGuard;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.RecordedRequest;
import dev.querent.llm.testing.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The product with a model configured (Ollama wire protocol, served by a local fake from scripted
 * replies — the only part replaced): questions the rules cannot plan are drafted by the model before
 * confirmation (streamed, explained, never run: a counting wrapper around every connector sees no
 * read before Confirm), the card shows the plan read from the draft, Confirm runs exactly the draft,
 * a bad first draft is repaired once, and an unreachable model fails the turn with a retryable error
 * that a retry recovers without losing the question.
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

    @Autowired
    ChatEvents chatEvents;

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
        MODEL.enqueue(Reply.text(answer(SHARE_SQL)).withUsage(1234, 56).withChunks(16, Duration.ofMillis(40)));
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        int reads = CountingConnectors.READS.get();
        JsonNode turn = ask(QUESTION, events);
        assertThat(turn.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(turn.get("source").asString()).isEqualTo("LLM");
        assertThat(CountingConnectors.READS.get())
                .as("nothing reads the data before confirmation")
                .isEqualTo(reads);
        assertThat(CountingConnectors.EXPLAINS.get())
                .as("the draft was explained")
                .isPositive();
        assertThat(MODEL.requests("/api/chat"))
                .as("the model drafts at ask time")
                .hasSize(1);
        assertThat(MODEL.requests("/api/chat").getFirst().json().path("stream").asBoolean())
                .as("a single candidate streams")
                .isTrue();
        assertThat(turn.get("draftSql").asString()).contains("cancelled_share");
        JsonNode plan = turn.get("plan");
        assertThat(plan.get("tables").get(0).asString()).isEqualTo("ecommerce.orders");
        assertThat(plan.get("measures").get(0).get("function").asString()).isEqualTo("AVG");
        assertThat(plan.get("measures").get(0).get("expression").asString())
                .as("the card shows the computed measure that runs")
                .contains("CASE WHEN ecommerce.orders.status = 'cancelled'");
        assertThat(turn.get("validation").get("explainOk").asBoolean()).isTrue();
        List<ChatEvent> drafts = events.stream()
                .filter(e -> e.type() == ChatEventType.SQL_DRAFTING)
                .toList();
        assertThat(drafts).as("the draft streams while the model writes").hasSizeGreaterThan(1);
        assertThat(((JsonNode) drafts.getFirst().payload()).get("done").asBoolean())
                .isFalse();
        JsonNode last = (JsonNode) drafts.getLast().payload();
        assertThat(last.get("done").asBoolean()).isTrue();
        assertThat(last.get("text").asString()).isEqualTo(turn.get("draftSql").asString());
        assertThat(events.stream().map(ChatEvent::type))
                .as("the draft comes before the plan, and nothing runs")
                .containsSubsequence(ChatEventType.SQL_DRAFTING, ChatEventType.PLAN_PROPOSED)
                .doesNotContain(ChatEventType.ROWS, ChatEventType.SQL_GENERATED);

        JsonNode answered = confirm(turn);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(answered.get("sql").asString())
                .as("Confirm runs the drafted SQL")
                .isEqualTo(turn.get("draftSql").asString());
        assertThat(MODEL.requests("/api/chat")).as("no second generation").hasSize(1);
        assertThat(CountingConnectors.READS.get()).isGreaterThan(reads);
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
        JsonNode turn = ask(QUESTION);
        List<RecordedRequest> calls = MODEL.requests("/api/chat");
        assertThat(calls)
                .as("the refused draft is repaired before the plan is proposed")
                .hasSize(2);
        assertThat(calls.get(1).body()).contains("order_state");
        assertThat(turn.get("draftSql").asString()).contains("status = 'cancelled'");
        assertThat(turn.get("validation").get("safe").asBoolean()).isTrue();
        JsonNode answered = confirm(turn);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(rows(answered)).isEqualTo(gold(SHARE_SQL));
        assertThat(MODEL.requests("/api/chat")).hasSize(2);
    }

    @Test
    void anUnreachableModelFailsTheTurnRetryablyAndARetryRecovers() {
        MODEL.defaultReply(Reply.status(503, "model is loading"));
        JsonNode failed = ask(QUESTION);
        JsonNode turn = failed;
        assertThat(failed.get("state").asString())
                .as("the draft fails at ask time")
                .isEqualTo("FAILED");
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
        assertThat(retried.get("state").asString())
                .as("planned again, it waits for confirmation")
                .isEqualTo("AWAITING_CONFIRMATION");
        assertThat(retried.get("question").asString()).isEqualTo(QUESTION);
        JsonNode answered = confirm(retried);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(rows(answered)).isEqualTo(gold(SHARE_SQL));
    }

    @Test
    void anUnreachableModelAtConfirmFailsRetryablyAndARetryRunsTheConfirmedPlan() {
        MODEL.enqueue(Reply.text(answer(SHARE_SQL)));
        JsonNode turn = ask(QUESTION);
        assertThat(turn.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        // an edit the draft's syntax tree cannot take (DISTINCT) drops the draft; with the model
        // unreachable it cannot revise it now, so the edit is kept and the model writes SQL at Confirm
        MODEL.defaultReply(Reply.status(503, "model is loading"));
        ObjectNode distinct = (ObjectNode) turn.get("plan").deepCopy();
        distinct.put("distinct", true);
        JsonNode edited = new JsonApi(http, json)
                .put("/api/turns/" + turn.get("id").asString() + "/plan", Map.of("plan", distinct), 200);
        assertThat(edited.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(edited.get("plan").get("distinct").asBoolean()).isTrue();
        assertThat(edited.path("draftSql").isNull() || edited.path("draftSql").isMissingNode())
                .isTrue();
        JsonNode failed = confirm(edited);
        assertThat(failed.get("state").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").get("code").asString()).isEqualTo("LLM_UNAVAILABLE");
        assertThat(failed.get("error").get("retryable").asBoolean()).isTrue();
        MODEL.reset();
        MODEL.enqueue(Reply.text(answer(SHARE_SQL)));
        JsonNode retried = post("/api/turns/" + turn.get("id").asString() + "/retry", Map.of(), 200);
        assertThat(retried.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(rows(retried)).isEqualTo(gold(SHARE_SQL));
    }

    @Test
    void editingTheLimitAndAFilterValueRewritesTheDraftWithoutTheModelAndChecksItBeforeConfirm() {
        String drafted = "SELECT status, COUNT(*) AS n FROM ecommerce.orders WHERE status <> 'cancelled'"
                + " GROUP BY status ORDER BY n DESC, status LIMIT 5";
        MODEL.enqueue(Reply.text(answer(drafted)));
        JsonNode turn = ask(QUESTION);
        assertThat(turn.get("draftSql").asString()).contains("LIMIT 5");
        ObjectNode plan = (ObjectNode) turn.get("plan").deepCopy();
        plan.put("limit", 2);
        ObjectNode filter = (ObjectNode) plan.get("filters").get(0);
        assertThat(filter.get("values").get(0).asString()).isEqualTo("cancelled");
        filter.putArray("values").add("pending");

        JsonNode edited = new JsonApi(http, json)
                .put("/api/turns/" + turn.get("id").asString() + "/plan", Map.of("plan", plan), 200);
        String rewritten = edited.get("draftSql").asString();
        assertThat(rewritten)
                .as("the model's query with just the edited clauses changed")
                .contains("LIMIT 2")
                .contains("status <> 'pending'")
                .contains("COUNT(*) AS n")
                .doesNotContain("cancelled");
        assertThat(edited.get("plan").get("limit").asInt()).isEqualTo(2);
        assertThat(edited.get("validation").get("safe").asBoolean())
                .as("checked before Confirm")
                .isTrue();
        assertThat(MODEL.requests("/api/chat")).as("no second model call").hasSize(1);

        JsonNode answered = confirm(edited);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(answered.get("sql").asString()).isEqualTo(rewritten);
        assertThat(rows(answered))
                .isEqualTo(gold("SELECT status, COUNT(*) AS n FROM ecommerce.orders WHERE status <> 'pending'"
                        + " GROUP BY status ORDER BY n DESC, status LIMIT 2"));
    }

    @Test
    void anEditTheTreeCannotTakeIsRevisedByTheModelBeforeConfirm() {
        MODEL.enqueue(Reply.text(answer("SELECT status FROM ecommerce.orders")));
        JsonNode turn = ask(QUESTION);
        MODEL.enqueue(Reply.text(answer("SELECT DISTINCT status FROM ecommerce.orders")));
        ObjectNode plan = (ObjectNode) turn.get("plan").deepCopy();
        plan.put("distinct", true);
        JsonNode edited = new JsonApi(http, json)
                .put("/api/turns/" + turn.get("id").asString() + "/plan", Map.of("plan", plan), 200);
        assertThat(edited.get("draftSql").asString()).isEqualTo("SELECT DISTINCT status FROM ecommerce.orders");
        assertThat(edited.get("validation").isObject()).isTrue();
        List<RecordedRequest> calls = MODEL.requests("/api/chat");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).body())
                .as("the model revises under the edited plan")
                .containsIgnoringCase("distinct");
        JsonNode answered = confirm(edited);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(rows(answered))
                .containsExactlyInAnyOrderElementsOf(gold("SELECT DISTINCT status FROM ecommerce.orders"));
    }

    /** Every connector of the application, counting the reads and EXPLAINs that reach a database. */
    @TestConfiguration
    static class CountingConnectors {
        static final AtomicInteger READS = new AtomicInteger();
        static final AtomicInteger EXPLAINS = new AtomicInteger();

        @Bean
        @Primary
        ConnectorRegistry countingConnectorRegistry(SourcePolicy policy) {
            return new ConnectorRegistry(QuerentConfiguration.connectors(policy).factories().stream()
                    .map(CountingConnectors::counting)
                    .toList());
        }

        private static ConnectorFactory counting(ConnectorFactory f) {
            return new ConnectorFactory() {
                @Override
                public String type() {
                    return f.type();
                }

                @Override
                public Dialect dialect() {
                    return f.dialect();
                }

                @Override
                public List<ConfigField> fields() {
                    return f.fields();
                }

                @Override
                public Set<String> targetKeys() {
                    return f.targetKeys();
                }

                @Override
                public DataSourceInterface open(DataSourceConfig config) {
                    DataSourceInterface c = f.open(config);
                    return new DataSourceInterface() {
                        @Override
                        public String type() {
                            return c.type();
                        }

                        @Override
                        public Dialect dialect() {
                            return c.dialect();
                        }

                        @Override
                        public ConnectionTestResult testConnection() {
                            return c.testConnection();
                        }

                        @Override
                        public SchemaSnapshot getSchema() {
                            return c.getSchema();
                        }

                        @Override
                        public ExecutionSummary stream(
                                SafeSql sql, QueryLimits limits, QueryCancellation cancellation, RowSink sink) {
                            READS.incrementAndGet();
                            return c.stream(sql, limits, cancellation, sink);
                        }

                        @Override
                        public ExplainResult explain(SafeSql sql, QueryLimits limits) {
                            EXPLAINS.incrementAndGet();
                            return c.explain(sql, limits);
                        }

                        @Override
                        public void close() {
                            c.close();
                        }
                    };
                }
            };
        }
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

    /** Asks in a new chat, collecting the chat's events into {@code events}. */
    private JsonNode ask(String question, List<ChatEvent> events) {
        String chatId = post("/api/chats", Map.of(), 201).get("id").asString();
        try (AutoCloseable sub = chatEvents.subscribe(new ChatId(chatId), events::add)) {
            return post("/api/chats/" + chatId + "/messages", Map.of("question", question), 201);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
