package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.DataSourceService;
import dev.querent.api.TestAuth;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data scope set by an administrator holds through the whole product: an analyst's answers count
 * only their country's customers, a masked column comes back masked, a hidden column is absent
 * from the schema they get and refused when named, and their corrected SQL's preview obeys the
 * same scope. Judged by rows against the demo warehouse.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataScopeApiIT {
    private static final Path DATA_DIR = TestAuth.dataDir("querent-scope-it");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    JsonMapper json;

    @Autowired
    DataSourceService dataSources;

    @Autowired
    SqlGuard guard;

    WebTestClient admin;
    WebTestClient ana;
    String ds;
    String country;

    @BeforeAll
    void setUp() {
        admin = TestAuth.asAdmin(anonymous);
        ds = dataSources.defaultId().orElseThrow().value();
        country = String.valueOf(
                scalar("SELECT country FROM ecommerce.customers GROUP BY country ORDER BY COUNT(*) DESC LIMIT 1"));
        admin.post()
                .uri("/api/admin/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "username",
                        "ana",
                        "password",
                        "ana-password-123",
                        "role",
                        "ANALYST",
                        "attributes",
                        Map.of("country", country)))
                .exchange()
                .expectStatus()
                .isCreated();
        Map<String, Object> customers = Map.of(
                "allowedColumns",
                        List.of("customer_id", "first_name", "email", "city", "country", "signup_date", "segment"),
                "masked", Map.of("email", "REDACTED"),
                "rowFilters", List.of("country = :user.country"));
        admin.put()
                .uri("/api/admin/datasources/" + ds + "/scopes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        List.of(Map.of("subject", "role:ANALYST", "tables", Map.of("ecommerce.customers", customers))))
                .exchange()
                .expectStatus()
                .isOk();
        ana = TestAuth.session(anonymous, "ana", "ana-password-123");
    }

    @Test
    void anAnalystCountsOnlyTheirCountrysCustomers() {
        long all = ((Number) scalar("SELECT COUNT(*) FROM ecommerce.customers")).longValue();
        long mine = ((Number) scalar("SELECT COUNT(*) FROM ecommerce.customers WHERE country = '"
                        + country.replace("'", "''") + "'"))
                .longValue();
        assertThat(mine).isLessThan(all);
        assertThat(answer(ana, "How many customers are there?")).isEqualTo(mine);
        assertThat(answer(admin, "How many customers are there?")).isEqualTo(all);
    }

    @Test
    void theSchemaTheyGetHasNoHiddenColumnAndNamingItIsRefused() {
        JsonNode schema = body(ana.get().uri("/api/datasources/" + ds + "/schema"), 200);
        String customers = null;
        for (JsonNode t : schema.get("tables")) {
            if (t.get("name").asString().equals("customers")
                    && t.get("schema").asString().equals("ecommerce")) {
                customers = t.toString();
            }
        }
        assertThat(customers).isNotNull().contains("first_name").doesNotContain("last_name");
        assertThat(body(admin.get().uri("/api/datasources/" + ds + "/schema"), 200)
                        .toString())
                .contains("last_name");
        String turn = answered(ana, "How many customers are there?").get("id").asString();
        int status = ana.post()
                .uri("/api/turns/" + turn + "/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("rating", "DOWN", "correctedSql", "SELECT last_name FROM ecommerce.customers"))
                .exchange()
                .returnResult(byte[].class)
                .getStatus()
                .value();
        assertThat(status).isEqualTo(422);
    }

    @Test
    void aCorrectionsPreviewIsScopedAndMasked() {
        String turn = answered(ana, "How many customers are there?").get("id").asString();
        body(
                ana.post()
                        .uri("/api/turns/" + turn + "/feedback")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "rating", "DOWN", "correctedSql", "SELECT email, country FROM ecommerce.customers")),
                201);
        JsonNode preview = null;
        for (JsonNode item : body(admin.get().uri("/api/review-items?status=PENDING&reason=CORRECTED_SQL"), 200)) {
            if (turn.equals(item.get("turnId").asString())) {
                preview = item.get("preview");
            }
        }
        assertThat(preview).isNotNull();
        assertThat(preview.get("rows").size()).isPositive();
        for (JsonNode row : preview.get("rows")) {
            assertThat(row.get(0).asString()).isEqualTo("***");
            assertThat(row.get(1).asString()).isEqualTo(country);
        }
    }

    private long answer(WebTestClient who, String question) {
        return answered(who, question).get("result").get("rows").get(0).get(0).asLong();
    }

    /** A new chat, the question asked and its plan confirmed: the answered turn. */
    private JsonNode answered(WebTestClient who, String question) {
        String chat = body(
                        who.post()
                                .uri("/api/chats")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of()),
                        201)
                .get("id")
                .asString();
        JsonNode turn = body(
                who.post()
                        .uri("/api/chats/" + chat + "/messages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("question", question)),
                201);
        assertThat(turn.get("state").asString()).isEqualTo("AWAITING_CONFIRMATION");
        JsonNode done = body(
                who.post()
                        .uri("/api/turns/" + turn.get("id").asString() + "/confirm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}"),
                200);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("ANSWERED");
        return done;
    }

    private Object scalar(String sql) {
        DataSourceId id = dataSources.defaultId().orElseThrow();
        SchemaSnapshot schema = dataSources.schema(id);
        return dataSources
                .connector(id)
                .executeQuery(
                        guard.require(sql, schema.dialect(), schema), QueryLimits.defaults(), QueryCancellation.none())
                .rows()
                .getFirst()
                .getFirst();
    }

    private JsonNode body(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return json.readTree(request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody());
    }
}
