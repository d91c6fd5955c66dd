package dev.querent.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.DataSourceService;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.QueryResult;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlGuard;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product end to end on embedded defaults (SQLite metadata, generated demo warehouse, no LLM):
 * REST and WebSocket, judged by the rows returned.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class QuerentApiIT {
    private static final String QUESTION = "How many orders were placed per month in 2024?";
    /** The demo's users have two dates, neither named after the table: which one "per month" means is asked. */
    private static final String AMBIGUOUS = "How many users per month?";

    private static final String GOLD_2024 = "SELECT date_trunc('month', order_date) AS m, COUNT(*) AS n"
            + " FROM ecommerce.orders WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'"
            + " GROUP BY 1 ORDER BY 1";
    private static final Path DATA_DIR;
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-watchdog");
                t.setDaemon(true);
                return t;
            });

    static {
        try {
            DATA_DIR = Files.createTempDirectory("querent-it");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DataSourceService dataSources;

    @Autowired
    SqlGuard guard;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        apiKey = TestAuth.apiKey(TestAuth.session(http, TestAuth.ADMIN, TestAuth.ADMIN_PASSWORD), "it");
        http = TestAuth.withKey(http, apiKey);
    }

    String apiKey;

    private org.springframework.http.HttpHeaders keyHeader() {
        var h = new org.springframework.http.HttpHeaders();
        h.set("X-Api-Key", apiKey);
        return h;
    }

    @Test
    void demoWarehouseIsTheDefaultDataSource() {
        JsonNode demo = null;
        for (JsonNode ds : getJson("/api/datasources")) {
            if (ds.get("isDefault").asBoolean()) {
                assertThat(demo).as("exactly one default").isNull();
                demo = ds;
            }
        }
        assertThat(demo).isNotNull();
        assertThat(demo.get("type").asString()).isEqualTo("duckdb");
        assertThat(demo.get("name").asString()).isEqualTo("Demo warehouse");
        JsonNode schema = getJson("/api/datasources/" + demo.get("id").asString() + "/schema");
        List<String> tables = new ArrayList<>();
        schema.get("tables")
                .forEach(t -> tables.add(
                        t.get("schema").asString() + "." + t.get("name").asString()));
        assertThat(tables)
                .contains(
                        "ecommerce.orders",
                        "finance.accounts",
                        "healthcare.appointments",
                        "saas.subscriptions",
                        "retail.sales");
    }

    @Test
    void askConfirmAndGetTheRowsOverRest() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        assertThat(turn.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(turn.get("source").asString()).isEqualTo("RULES");
        assertThat(turn.get("plan").get("tables").toString()).contains("ecommerce.orders");
        assertThat(turn.get("plan").get("summary").asString()).isNotBlank();
        assertThat(turn.get("sql").isNull())
                .as("nothing runs before confirmation")
                .isTrue();

        JsonNode answered = postJson("/api/turns/" + turn.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(answered.get("validation").get("safe").asBoolean()).isTrue();
        assertThat(answered.get("validation").get("explainOk").asBoolean()).isTrue();
        assertThat(answered.get("validation").get("backTranslation").asString()).isNotBlank();
        assertThat(rows(answered.get("result"))).isEqualTo(gold(GOLD_2024));
        assertThat(rows(answered.get("result"))).hasSize(12);
    }

    @Test
    void askConfirmAndStreamOverWebSocketThenResume() throws Exception {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
        outbound.tryEmitNext(json.writeValueAsString(
                Map.of("type", "ask", "chatId", chatId, "question", QUESTION, "clientMessageId", "m-1")));
        var client = new ReactorNettyWebSocketClient();
        client.execute(URI.create("ws://localhost:" + port + "/ws/chat"), keyHeader(), session -> session.send(
                                outbound.asFlux().map(session::textMessage))
                        .and(session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .map(json::readTree)
                                .doOnNext(frame -> {
                                    frames.add(frame);
                                    if (frame.get("type").asString().equals("plan.proposed")) {
                                        outbound.tryEmitNext(json.writeValueAsString(Map.of(
                                                "type",
                                                "confirm",
                                                "turnId",
                                                frame.get("turnId").asString())));
                                    }
                                })
                                .takeUntil(frame -> frame.get("type").asString().equals("done")
                                        && frame.get("payload")
                                                .get("state")
                                                .asString()
                                                .equals("ANSWERED"))
                                .then()))
                .block(Duration.ofSeconds(60));

        List<String> types = frames.stream().map(f -> f.get("type").asString()).toList();
        assertThat(types)
                .containsSubsequence(
                        "turn.started", "plan.proposed", "sql.generated", "validation.result", "rows", "done");
        List<List<String>> streamed = new ArrayList<>();
        frames.stream()
                .filter(f -> f.get("type").asString().equals("rows"))
                .forEach(f -> streamed.addAll(rows(f.get("payload"))));
        assertThat(streamed).isEqualTo(gold(GOLD_2024));
        List<Long> seqs = frames.stream().map(f -> f.get("seq").asLong()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();

        // A client that dropped after the plan resumes from its last seq and misses nothing.
        long planSeq = frames.stream()
                .filter(f -> f.get("type").asString().equals("plan.proposed"))
                .findFirst()
                .orElseThrow()
                .get("seq")
                .asLong();
        List<JsonNode> replayed = new CopyOnWriteArrayList<>();
        client.execute(URI.create("ws://localhost:" + port + "/ws/chat"), keyHeader(), session -> session.send(
                                Mono.just(session.textMessage(json.writeValueAsString(
                                        Map.of("type", "resume", "chatId", chatId, "afterSeq", planSeq)))))
                        .thenMany(session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .map(json::readTree)
                                .doOnNext(replayed::add)
                                .takeUntil(f -> f.get("type").asString().equals("done")))
                        .then())
                .block(Duration.ofSeconds(30));
        assertThat(replayed.stream().map(f -> f.get("seq").asLong()).toList())
                .isEqualTo(seqs.stream().filter(s -> s > planSeq).toList());
    }

    /** An ambiguous question is asked about before any plan; the choice is what the plan uses and what runs. */
    @Test
    void anAmbiguousQuestionAsksFirstAndTheChosenMeaningIsWhatRuns() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", AMBIGUOUS), 201);
        assertThat(turn.get("state").asString()).isEqualTo("AWAITING_CLARIFICATION");
        assertThat(turn.get("plan").isNull()).as("no plan before the answer").isTrue();
        JsonNode clarification = turn.get("clarification");
        assertThat(clarification.get("kind").asString()).isEqualTo("TIME_COLUMN");
        assertThat(clarification.get("question").asString()).isEqualTo("Which date should \"month\" use?");
        List<String> labels = new ArrayList<>();
        clarification.get("choices").forEach(c -> labels.add(c.get("label").asString()));
        assertThat(labels).containsExactly("users.created_at", "users.last_login_at");
        String turnId = turn.get("id").asString();
        String lastLogin = clarification.get("choices").get(1).get("id").asString();

        // nothing is confirmed, edited or run before the question is answered
        problem(
                http.post()
                        .uri("/api/turns/" + turnId + "/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of()),
                409,
                "INVALID_STATE");
        // answers that name no choice offered: refused with a stable code, the turn still waits
        for (String bad : List.of(
                "c9",
                "C1",
                "c1' OR '1'='1",
                "../c1",
                "c1; DROP TABLE turns",
                "<img src=x onerror=alert(1)>",
                "%63%31",
                "saas.users.last_login_at",
                "0",
                "-1",
                "c1\u202e")) {
            problem(clarify(turnId, Map.of("choiceId", bad)), 422, "UNKNOWN_CHOICE");
        }
        problem(clarify(turnId, Map.of("choiceId", "c" + "1".repeat(200))), 413, "INPUT_TOO_LARGE");
        problem(clarify(turnId, Map.of("choiceId", "c1\u0000")), 400, "INVALID_TEXT");
        problem(clarify(turnId, Map.of()), 422, "VALIDATION_FAILED");
        problem(clarify(turnId, Map.of("choiceId", "c1", "text", "the signup date")), 422, "VALIDATION_FAILED");
        assertThat(getJson("/api/turns/" + turnId).get("state").asString()).isEqualTo("AWAITING_CLARIFICATION");

        JsonNode planned = postJson("/api/turns/" + turnId + "/clarify", Map.of("choiceId", lastLogin), 200);
        assertThat(planned.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(planned.get("clarification").isNull()).isTrue();
        assertThat(planned.get("answers").get(0).get("label").asString()).isEqualTo("users.last_login_at");
        assertThat(planned.get("plan")
                        .get("groupBy")
                        .get(0)
                        .get("column")
                        .get("column")
                        .asString())
                .isEqualTo("last_login_at");
        problem(clarify(turnId, Map.of("choiceId", lastLogin)), 409, "INVALID_STATE");

        JsonNode answered = postJson("/api/turns/" + turnId + "/confirm", Map.of(), 200);
        assertThat(answered.get("state").asString()).isEqualTo("ANSWERED");
        assertThat(rows(answered.get("result")))
                .isEqualTo(gold("SELECT date_trunc('month', last_login_at) AS m, COUNT(*) AS n FROM saas.users"
                        + " GROUP BY 1 ORDER BY 1"));
    }

    /** Typed words answer the question too: they refine it, and the planner asks nothing more. */
    @Test
    void aClarifyingQuestionCanBeAnsweredInWords() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", AMBIGUOUS), 201);
        JsonNode planned =
                postJson("/api/turns/" + turn.get("id").asString() + "/clarify", Map.of("text", "created"), 200);
        assertThat(planned.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(planned.get("answers").get(0).get("text").asString()).isEqualTo("created");
        assertThat(planned.get("plan")
                        .get("groupBy")
                        .get(0)
                        .get("column")
                        .get("column")
                        .asString())
                .isEqualTo("created_at");
    }

    /** Over the socket: a typed event carries the question, a clarify frame answers it, the plan follows. */
    @Test
    void clarifyOverWebSocket() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
        outbound.tryEmitNext(json.writeValueAsString(
                Map.of("type", "ask", "chatId", chatId, "question", AMBIGUOUS, "clientMessageId", "m-clarify")));
        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws/chat"), keyHeader(), session -> session.send(
                                outbound.asFlux().map(session::textMessage))
                        .and(session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .map(json::readTree)
                                .doOnNext(frame -> {
                                    frames.add(frame);
                                    String type = frame.get("type").asString();
                                    if (type.equals("plan.clarification")) {
                                        String turnId = frame.get("turnId").asString();
                                        outbound.tryEmitNext(json.writeValueAsString(
                                                Map.of("type", "clarify", "turnId", turnId, "choiceId", "nope")));
                                        outbound.tryEmitNext(json.writeValueAsString(
                                                Map.of("type", "clarify", "turnId", turnId, "choiceId", "c2")));
                                    }
                                })
                                .takeUntil(frame -> frame.get("type").asString().equals("plan.proposed"))
                                .then()))
                .block(Duration.ofSeconds(60));
        List<String> types = frames.stream().map(f -> f.get("type").asString()).toList();
        assertThat(types).containsSubsequence("turn.started", "plan.clarification", "error", "plan.proposed");
        JsonNode refused = frames.stream()
                .filter(f -> f.get("type").asString().equals("error"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.get("code").asString()).isEqualTo("UNKNOWN_CHOICE");
        JsonNode asked = frames.stream()
                .filter(f -> f.get("type").asString().equals("plan.clarification"))
                .findFirst()
                .orElseThrow();
        assertThat(asked.get("payload").get("clarification").get("choices")).hasSize(2);
        JsonNode proposed = frames.getLast().get("payload");
        assertThat(proposed.get("plan")
                        .get("groupBy")
                        .get(0)
                        .get("column")
                        .get("column")
                        .asString())
                .isEqualTo("last_login_at");
    }

    private WebTestClient.RequestHeadersSpec<?> clarify(String turnId, Map<String, String> body) {
        return http.post()
                .uri("/api/turns/" + turnId + "/clarify")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
    }

    @Test
    void followUpRefinesThePreviousPlan() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode first = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        postJson("/api/turns/" + first.get("id").asString() + "/confirm", Map.of(), 200);
        JsonNode followUp = postJson("/api/chats/" + chatId + "/messages", Map.of("question", "what about 2023?"), 201);
        assertThat(followUp.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        JsonNode answered = postJson("/api/turns/" + followUp.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(rows(answered.get("result")))
                .isEqualTo(gold(GOLD_2024.replace("2024-01-01", "2023-01-01").replace("2025-01-01", "2024-01-01")));
    }

    /** Before anything runs, the plan's checks carry the engine's cost estimate from EXPLAIN. */
    @Test
    void thePlanShowsTheEnginesCostEstimateBeforeConfirm() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);

        assertThat(turn.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(turn.get("validation").get("estimatedRows").asLong())
                .as("DuckDB's plan estimates the rows of the orders scan")
                .isPositive();
    }

    /** A turn answered from a verified pattern has the plan read from its SQL, so a follow-up refines it. */
    @Test
    void followUpRefinesAPatternAnswer() {
        JsonNode first = askVerified("Monthly order volume during 2024");
        String chatId = first.get("chatId").asString();
        assertThat(first.get("plan").get("measures").size())
                .as("plan read from the pattern's SQL")
                .isEqualTo(1);
        postJson("/api/turns/" + first.get("id").asString() + "/confirm", Map.of(), 200);

        JsonNode followUp = postJson("/api/chats/" + chatId + "/messages", Map.of("question", "what about 2023?"), 201);
        assertThat(followUp.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        JsonNode answered = postJson("/api/turns/" + followUp.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(rows(answered.get("result")))
                .isEqualTo(gold(GOLD_2024.replace("2024-01-01", "2023-01-01").replace("2025-01-01", "2024-01-01")));
    }

    /** Editing the plan of a pattern answer runs the edited plan, not the pattern's SQL. */
    @Test
    void anEditedPatternPlanIsWhatRuns() {
        JsonNode turn = askVerified("Order volume per month of 2024, verified");
        var plan = (tools.jackson.databind.node.ObjectNode) turn.get("plan");
        plan.put("limit", 3);

        JsonNode edited = putJson("/api/turns/" + turn.get("id").asString() + "/plan", Map.of("plan", plan), 200);
        JsonNode answered = postJson("/api/turns/" + turn.get("id").asString() + "/confirm", Map.of(), 200);

        assertThat(edited.get("source").asString()).isEqualTo("RULES");
        assertThat(rows(answered.get("result"))).isEqualTo(gold(GOLD_2024 + " LIMIT 3"));
    }

    /** Verifies GOLD_2024 as the answer to {@code question}, asks it in a new chat: the turn, from the pattern. */
    private JsonNode askVerified(String question) {
        String ds = dataSources.defaultId().orElseThrow().value();
        postJson("/api/knowledge/patterns", Map.of("dataSourceId", ds, "question", question, "sql", GOLD_2024), 201);
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", question), 201);
        assertThat(turn.get("source").asString()).isEqualTo("PATTERN");
        return turn;
    }

    @Test
    void editedPlanIsWhatRuns() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        var plan = (tools.jackson.databind.node.ObjectNode) turn.get("plan");
        plan.put("limit", 3);
        JsonNode edited = putJson("/api/turns/" + turn.get("id").asString() + "/plan", Map.of("plan", plan), 200);
        assertThat(edited.get("plan").get("limit").asInt()).isEqualTo(3);
        JsonNode answered = postJson("/api/turns/" + turn.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(rows(answered.get("result"))).isEqualTo(gold(GOLD_2024 + " LIMIT 3"));
    }

    /** A plan edited to keep weekends runs that; a day that is no day of the week is refused, and nothing runs. */
    @Test
    void anEditedPlanKeepsTheDaysOfTheWeekItNames() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        var plan = (tools.jackson.databind.node.ObjectNode) turn.get("plan");
        orderCondition(
                plan.withArray("filters").addObject(), "order_date", "DAY_OF_WEEK", "STRING", "SATURDAY", "SUNDAY");
        JsonNode answered = confirmEdited(turn, plan);
        assertThat(rows(answered.get("result")))
                .isEqualTo(gold(GOLD_2024.replace(" GROUP BY", " AND dayofweek(order_date) IN (0, 6) GROUP BY")));

        JsonNode other = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        var bad = (tools.jackson.databind.node.ObjectNode) other.get("plan");
        orderCondition(
                bad.withArray("filters").addObject(), "order_date", "DAY_OF_WEEK", "STRING", "SATURDAY) OR 1=1 --");
        JsonNode refused = confirmEdited(other, bad);
        assertRefusedUnrun(refused, "a day that is no day of the week");
        assertThat(refused.get("error").get("message").asString()).contains("is not a day of the week");
    }

    /**
     * A plan edited to keep rows meeting either of two conditions runs their OR; an alternative that
     * names a column the table does not have, or carries SQL text, is refused and nothing runs.
     */
    @Test
    void anEditedPlanKeepsRowsMeetingEitherOfItsAlternatives() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        var plan = (tools.jackson.databind.node.ObjectNode) turn.get("plan");
        var alternatives = plan.withArray("filters").addObject().putArray("anyOf");
        orderCondition(alternatives.addObject(), "payment_method", "EQ", "STRING", "paypal");
        orderCondition(alternatives.addObject(), "total_amount", "GT", "NUMBER", "500");
        JsonNode answered = confirmEdited(turn, plan);
        assertThat(answered.get("sql").asString()).contains(" OR ");
        assertThat(rows(answered.get("result")))
                .isEqualTo(gold(GOLD_2024.replace(
                        " GROUP BY", " AND (payment_method = 'paypal' OR total_amount > 500) GROUP BY")));

        for (String hostile : List.of("password", "expression")) {
            JsonNode other = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
            var bad = (tools.jackson.databind.node.ObjectNode) other.get("plan");
            var any = bad.withArray("filters").addObject().putArray("anyOf");
            orderCondition(any.addObject(), "status", "EQ", "STRING", "shipped");
            if (hostile.equals("password")) {
                orderCondition(any.addObject(), "password", "EQ", "STRING", "x");
            } else {
                any.addObject().put("expression", "1=1) OR (1=1");
            }
            assertRefusedUnrun(confirmEdited(other, bad), hostile);
        }
    }

    /** Fills {@code node} as a condition on a column of ecommerce.orders. */
    private static void orderCondition(
            tools.jackson.databind.node.ObjectNode node, String column, String op, String valueType, String... values) {
        node.putObject("column").put("table", "ecommerce.orders").put("column", column);
        node.put("op", op).put("valueType", valueType);
        var list = node.putArray("values");
        for (String v : values) {
            list.add(v);
        }
    }

    /** Saves {@code plan} as the turn's edited plan and confirms it; the turn as it then stands. */
    private JsonNode confirmEdited(JsonNode turn, tools.jackson.databind.node.ObjectNode plan) {
        String turnId = turn.get("id").asString();
        putJson("/api/turns/" + turnId + "/plan", Map.of("plan", plan), 200);
        return postJson("/api/turns/" + turnId + "/confirm", Map.of(), 200);
    }

    /** The confirmed turn failed validation: no SQL, no rows. */
    private static void assertRefusedUnrun(JsonNode refused, String what) {
        assertThat(refused.get("state").asString()).as(what).isEqualTo("FAILED");
        assertThat(refused.get("result").isNull()).as(what).isTrue();
        assertThat(refused.get("error").get("code").asString()).as(what).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.get("sql").isNull()).as(what).isTrue();
    }

    @Test
    void rejectedPlanNeverRuns() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        JsonNode rejected =
                postJson("/api/turns/" + turn.get("id").asString() + "/reject", Map.of("reason", "wrong table"), 200);
        assertThat(rejected.get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("sql").isNull()).isTrue();
        problem(
                http.post()
                        .uri("/api/turns/" + turn.get("id").asString() + "/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}"),
                409,
                "INVALID_STATE");
    }

    @Test
    void unanswerableQuestionSaysSoInsteadOfGuessing() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn =
                postJson("/api/chats/" + chatId + "/messages", Map.of("question", "What is the meaning of life?"), 201);
        assertThat(turn.get("state").asString()).isEqualTo("CANNOT_ANSWER");
        assertThat(turn.get("error").get("message").asString()).isNotBlank();
    }

    @Test
    void correctedSqlGoesThroughTheQueueAndIsReusedAfterApproval() {
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        String question = "How many customers signed up per year?";
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", question), 201);
        postJson("/api/turns/" + turn.get("id").asString() + "/confirm", Map.of(), 200);
        String corrected =
                "SELECT year(signup_date) AS signup_year, COUNT(*) AS customers FROM ecommerce.customers GROUP BY 1 ORDER BY 1";
        postJson(
                "/api/turns/" + turn.get("id").asString() + "/feedback",
                Map.of("rating", "DOWN", "reason", "group by year number", "correctedSql", corrected),
                201);

        JsonNode queue = getJson("/api/review-items?status=PENDING&reason=CORRECTED_SQL");
        JsonNode item = null;
        for (JsonNode i : queue) {
            if (i.get("question").asString().equals(question)) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("preview").get("rows").size()).isGreaterThan(0);
        // the reviewer sees the plan the corrected SQL runs, read from it
        JsonNode plan = item.get("plan");
        assertThat(plan.get("tables").toString()).contains("customers");
        assertThat(plan.get("groupBy").size()).isEqualTo(1);
        assertThat(plan.get("orderBy").size()).isEqualTo(1);
        assertThat(plan.get("summary").asString()).isNotBlank();
        assertThat(getJson("/api/review-items/" + item.get("id").asString()).get("plan"))
                .isEqualTo(plan);
        postJson("/api/review-items/" + item.get("id").asString() + "/approve", Map.of("reviewer", "ana"), 200);
        JsonNode patterns = getJson("/api/knowledge/patterns?q=signed");
        assertThat(patterns.toString()).contains("signup_year");

        String chat2 = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode again = postJson("/api/chats/" + chat2 + "/messages", Map.of("question", question), 201);
        assertThat(again.get("source").asString()).isEqualTo("PATTERN");
        JsonNode answered = postJson("/api/turns/" + again.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(rows(answered.get("result"))).isEqualTo(gold(corrected));

        // A paraphrase the word alignment cannot pair up is found by the knowledge index.
        String chat3 = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode paraphrase = postJson(
                "/api/chats/" + chat3 + "/messages", Map.of("question", "Yearly count of customer signups"), 201);
        assertThat(paraphrase.get("source").asString()).isEqualTo("PATTERN");
        JsonNode paraphraseAnswer =
                postJson("/api/turns/" + paraphrase.get("id").asString() + "/confirm", Map.of(), 200);
        assertThat(rows(paraphraseAnswer.get("result"))).isEqualTo(gold(corrected));
    }

    @Test
    void theKnowledgeIndexPreviewsWhatAPromptWouldGet() {
        String ds = dataSources.defaultId().orElseThrow().value();
        postJson(
                "/api/knowledge/glossary",
                Map.of("dataSourceId", ds, "term", "no-show", "definition", "an appointment with status 'missed'"),
                201);
        JsonNode context = getJson("/api/knowledge/context?dataSourceId=" + ds
                + "&maxTables=5&question=How+many+appointments+were+no-shows+per+doctor%3F");
        List<String> tables = new ArrayList<>();
        context.get("tables").forEach(t -> tables.add(t.asString()));
        assertThat(tables).hasSizeLessThanOrEqualTo(5).contains("healthcare.appointments", "healthcare.doctors");
        assertThat(tables.getFirst()).startsWith("healthcare.");
        assertThat(context.get("estimatedTokens").asInt()).isPositive();
        assertThat(context.get("glossary").toString()).contains("no-show");
    }

    @Test
    void schemaDriftBreaksVerifiedPatternsAndSendsThemBackToTheQueue() throws SQLException {
        Path file = sourcesDir().resolve("drift.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE animals (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT)");
            s.execute("INSERT INTO animals (name, kind) VALUES ('Rex', 'dog'), ('Tom', 'cat'), ('Fido', 'dog')");
        }
        String ds = postJson(
                        "/api/datasources",
                        Map.of("name", "Drift", "type", "sqlite", "settings", Map.of("path", file.toString())),
                        201)
                .get("id")
                .asString();
        JsonNode unchanged = postJson("/api/datasources/" + ds + "/sync", Map.of(), 200);
        assertThat(unchanged.get("drift").get("changedTables").size()).isZero();
        String kept = postJson(
                        "/api/knowledge/patterns",
                        Map.of(
                                "dataSourceId",
                                ds,
                                "question",
                                "How many animals are there?",
                                "sql",
                                "SELECT COUNT(*) FROM animals"),
                        201)
                .get("id")
                .asString();
        String broken = postJson(
                        "/api/knowledge/patterns",
                        Map.of(
                                "dataSourceId",
                                ds,
                                "question",
                                "How many animals of each kind?",
                                "sql",
                                "SELECT kind, COUNT(*) AS n FROM animals GROUP BY kind ORDER BY kind"),
                        201)
                .get("id")
                .asString();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE animals RENAME COLUMN kind TO species");
            s.execute("CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT)");
        }
        JsonNode sync = postJson("/api/datasources/" + ds + "/sync", Map.of(), 200);
        assertThat(sync.get("tables").toString()).contains("species");
        JsonNode drift = sync.get("drift");
        assertThat(drift.get("addedTables").toString()).contains("owners");
        assertThat(drift.get("removedColumns").toString()).contains("animals.kind");
        assertThat(drift.get("addedColumns").toString()).contains("animals.species");
        assertThat(sync.get("patternsChecked").asInt()).isEqualTo(2);
        assertThat(sync.get("brokenPatternIds").toString()).contains(broken).doesNotContain(kept);

        JsonNode patterns = getJson("/api/knowledge/patterns?dataSourceId=" + ds);
        Map<String, String> status = new java.util.HashMap<>();
        patterns.forEach(p -> status.put(p.get("id").asString(), p.get("status").asString()));
        assertThat(status).containsEntry(kept, "VERIFIED").containsEntry(broken, "BROKEN");

        JsonNode item = null;
        for (JsonNode i : getJson("/api/review-items?status=PENDING&reason=SCHEMA_DRIFT&dataSourceId=" + ds)) {
            item = i;
        }
        assertThat(item).isNotNull();
        assertThat(item.get("patternId").asString()).isEqualTo(broken);
        assertThat(item.get("detail").asString()).contains("kind");
        String repaired = "SELECT species, COUNT(*) AS n FROM animals GROUP BY species ORDER BY species";
        postJson(
                "/api/review-items/" + item.get("id").asString() + "/approve",
                Map.of("reviewer", "ana", "sql", repaired),
                200);
        JsonNode after = getJson("/api/knowledge/patterns?dataSourceId=" + ds + "&status=VERIFIED");
        assertThat(after.size()).isEqualTo(2);
        for (JsonNode p : after) {
            if (p.get("id").asString().equals(broken)) {
                assertThat(p.get("sql").asString()).isEqualTo(repaired);
                assertThat(p.get("version").asInt()).isEqualTo(2);
            }
        }
    }

    @Test
    void sqliteDataSourceCanBeAddedAndBrowsed() throws SQLException {
        Path file = sourcesDir().resolve("shop.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS pets (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT)");
            s.execute("INSERT INTO pets (name, kind) VALUES ('Rex', 'dog'), ('Tom', 'cat')");
        }
        JsonNode ds = postJson(
                "/api/datasources",
                Map.of("name", "Pets", "type", "sqlite", "settings", Map.of("path", file.toString())),
                201);
        String id = ds.get("id").asString();
        assertThat(postJson("/api/datasources/" + id + "/test", Map.of(), 200)
                        .get("ok")
                        .asBoolean())
                .isTrue();
        JsonNode schema = getJson("/api/datasources/" + id + "/schema");
        assertThat(schema.toString()).contains("pets", "kind");
        JsonNode v = postJson("/api/sql/validate", Map.of("dataSourceId", id, "sql", "SELECT nme FROM pets"), 200);
        assertThat(v.get("accepted").asBoolean()).isFalse();
        assertThat(v.get("rejections").get(0).get("code").asString()).isEqualTo("UNKNOWN_COLUMN");
    }

    @Test
    void secretsAreNeverReturned() {
        // A source that cannot be reached is not saved, and the refusal does not echo the secret.
        JsonNode refused = postJson(
                "/api/datasources",
                Map.of(
                        "name",
                        "Warehouse PG",
                        "type",
                        "postgresql",
                        "settings",
                        Map.of("host", "127.0.0.1", "port", "1", "database", "none", "user", "nobody"),
                        "secrets",
                        Map.of("password", "s3cr3t-value")),
                422);
        assertThat(refused.get("code").asString()).isEqualTo("CONNECTION_TEST_FAILED");
        assertThat(refused.toString()).doesNotContain("s3cr3t-value");
        assertThat(getJson("/api/datasources").toString()).doesNotContain("Warehouse PG", "s3cr3t-value");
        // A secret typed into the settings is refused rather than stored in clear.
        JsonNode inSettings = postJson(
                "/api/datasources",
                Map.of(
                        "name",
                        "Leaky",
                        "type",
                        "postgresql",
                        "settings",
                        Map.of("host", "127.0.0.1", "database", "none", "user", "nobody", "password", "s3cr3t-value")),
                422);
        assertThat(inSettings.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(getJson("/api/datasources").toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void databaseFilesOutsideTheAllowedDirectoriesAreRefused() {
        for (String path : List.of(
                DATA_DIR.resolve("querent.db").toString(),
                DATA_DIR.resolve("secret.key").toString(),
                sourcesDir().resolve("../querent.db").toString(),
                "/etc/passwd",
                "/etc/no-such-file.db")) {
            JsonNode problem = postJson(
                    "/api/datasources", Map.of("name", "x", "type", "sqlite", "settings", Map.of("path", path)), 422);
            assertThat(problem.get("code").asString()).as(path).isEqualTo("VALIDATION_FAILED");
            assertThat(problem.get("detail").asString()).as(path).contains("allowed directory");
        }
    }

    private static Path sourcesDir() {
        try {
            return Files.createDirectories(DATA_DIR.resolve("sources"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Regression: on Reactor Netty 1.3.6 a keep-alive connection stopped being read after a 404 from
     * a controller and a 404 from the static handler, so the next request hung (about 1 in 7 tries).
     * One HTTP/1.1 client reuses its connection for every round here.
     */
    @Test
    void keepAliveConnectionServesRequestsAfterErrors() throws Exception {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()) {
            String base = "http://127.0.0.1:" + port;
            for (int round = 0; round < 40; round++) {
                assertThat(status(client, base + "/api/chats/no-such-chat")).isEqualTo(404);
                assertThat(status(client, base + "/api/no-such-endpoint")).isEqualTo(404);
                assertThat(status(client, base + "/api/chats"))
                        .as("round %d", round)
                        .isEqualTo(200);
            }
        }
    }

    private int status(java.net.http.HttpClient client, String url) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(url))
                .header("X-Api-Key", apiKey)
                .timeout(Duration.ofSeconds(15))
                .build();
        return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void badInputGetsStableErrorCodes() {
        problem(
                http.post()
                        .uri("/api/chats")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{not json"),
                400,
                "MALFORMED_JSON");
        problem(http.get().uri("/api/chats/no-such-chat"), 404, "NOT_FOUND");
        problem(http.get().uri("/api/turns/no-such-turn"), 404, "NOT_FOUND");
        problem(http.get().uri("/api/no-such-endpoint"), 404, "NOT_FOUND");
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        problem(
                http.post()
                        .uri("/api/chats/" + chatId + "/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("question", "x".repeat(5000))),
                413,
                "INPUT_TOO_LARGE");
        problem(
                http.post()
                        .uri("/api/chats/" + chatId + "/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("question", "")),
                422,
                "VALIDATION_FAILED");
        problem(
                http.post()
                        .uri("/api/chats/" + chatId + "/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"question\":\"" + "y".repeat(2_000_000) + "\"}"),
                413,
                "INPUT_TOO_LARGE");
        problem(
                http.post()
                        .uri("/api/datasources")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", "x", "type", "oracle")),
                400,
                "UNKNOWN_DATA_SOURCE_TYPE");
        String ds = dataSources.defaultId().orElseThrow().value();
        problem(
                http.post()
                        .uri("/api/knowledge/patterns")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "dataSourceId", ds, "question", "drop it", "sql", "DROP TABLE ecommerce.orders")),
                422,
                "SQL_REJECTED");
        problem(
                http.post()
                        .uri("/api/knowledge/patterns")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "dataSourceId", ds, "question", "bad", "sql", "SELECT * FROM ecommerce.orders WHERE")),
                422,
                "SQL_PARSE_ERROR");
        problem(
                http.post()
                        .uri("/api/knowledge/patterns")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "dataSourceId",
                                ds,
                                "question",
                                "typo",
                                "sql",
                                "SELECT no_such_column FROM ecommerce.orders")),
                422,
                "SQL_SCHEMA_MISMATCH");
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        String chatId = postJson("/api/chats", Map.of(), 201).get("id").asString();
        JsonNode turn = postJson("/api/chats/" + chatId + "/messages", Map.of("question", QUESTION), 201);
        postJson("/api/turns/" + turn.get("id").asString() + "/confirm", Map.of(), 200);
        String prometheus = new String(
                http.get()
                        .uri("/actuator/prometheus")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(prometheus)
                .contains("querent_turns_total{error=\"none\",source=\"RULES\",state=\"ANSWERED\"}")
                .contains("querent_turn_planning_seconds_count")
                .contains("querent_turn_answering_seconds_count");
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/chats']")
                .exists();
    }

    @Test
    void theFrontendEnumsAreTheApiDocumentsEnums() throws IOException {
        Path frontend = Path.of("..", "frontend");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(frontend), "no frontend beside the backend: nothing to keep in line");
        JsonNode openApi = getJson("/v3/api-docs");
        keptInLine(frontend.resolve(ApiEnums.FILE), ApiEnums.typescript(ApiEnums.of(openApi)));
        keptInLine(frontend.resolve(ApiEnums.DOCUMENT), ApiEnums.document(openApi));
    }

    /** The frontend's copy of what the API publishes is what it publishes now (or is rewritten to it). */
    private static void keptInLine(Path file, String expected) throws IOException {
        if ("1".equals(System.getenv("QUERENT_WRITE_API_ENUMS"))) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertThat(Files.exists(file) ? Files.readString(file) : "")
                .as("%s is out of date with the API; regenerate with: %s", file, ApiEnums.REGENERATE)
                .isEqualTo(expected);
    }

    private List<List<String>> gold(String sql) {
        DataSourceId ds = dataSources.defaultId().orElseThrow();
        SchemaSnapshot schema = dataSources.schema(ds);
        QueryResult r = dataSources
                .connector(ds)
                .executeQuery(
                        guard.require(sql, schema.dialect(), schema), QueryLimits.defaults(), QueryCancellation.none());
        List<List<String>> out = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            out.add(row.stream()
                    .map(v -> json.readTree(json.writeValueAsString(v)).asString())
                    .toList());
        }
        return out;
    }

    private static List<List<String>> rows(JsonNode result) {
        List<List<String>> out = new ArrayList<>();
        result.get("rows").forEach(row -> {
            List<String> r = new ArrayList<>();
            row.forEach(v -> r.add(v.asString()));
            out.add(r);
        });
        return out;
    }

    private JsonNode getJson(String uri) {
        return new JsonApi(http, json).get(uri);
    }

    private JsonNode postJson(String uri, Object body, int status) {
        return watched(() -> new JsonApi(http, json).post(uri, body, status));
    }

    private JsonNode putJson(String uri, Object body, int status) {
        return watched(() -> new JsonApi(http, json).put(uri, body, status));
    }

    /**
     * Runs a request under a watchdog: if it is still in flight after 40 s, every thread's stack is
     * printed once, so a hang shows where the server (or the client) is stuck.
     */
    private static <T> T watched(java.util.function.Supplier<T> request) {
        long started = System.nanoTime();
        java.util.concurrent.ScheduledFuture<?> dump = WATCHDOG.schedule(
                () -> {
                    System.err.println("WATCHDOG: request in flight for "
                            + (System.nanoTime() - started) / 1_000_000_000 + " s; thread dump follows");
                    Thread.getAllStackTraces().forEach((t, stack) -> {
                        System.err.println("THREAD " + t.getName() + " " + t.getState());
                        for (StackTraceElement f : stack) {
                            System.err.println("    at " + f);
                        }
                    });
                },
                40,
                java.util.concurrent.TimeUnit.SECONDS);
        try {
            return request.get();
        } finally {
            dump.cancel(false);
        }
    }

    private void problem(WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        watched(() -> request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.detail")
                .exists());
    }
}
