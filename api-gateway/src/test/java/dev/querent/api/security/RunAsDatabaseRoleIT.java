package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.TestAuth;
import dev.querent.api.knowledge.KnowledgeLoopContract;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
 * A PostgreSQL data source whose data-scope rule runs each analyst's queries as their own
 * database role: the database's row-level security decides what they count; an analyst without a
 * role is refused. Real PostgreSQL from {@code .ci/run}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class RunAsDatabaseRoleIT {
    private static final Path DATA_DIR = TestAuth.dataDir("querent-runas-it");
    private static final String SCHEMA = "querent_runas_app";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    JsonMapper json;

    @Test
    void eachAnalystCountsWhatTheirDatabaseRoleMaySee() throws Exception {
        String url = KnowledgeLoopContract.serverFromEnvironment("QUERENT_TEST_PG_URL");
        prepare(url);
        WebTestClient admin = TestAuth.asAdmin(anonymous);
        URI u = URI.create(url.substring("jdbc:".length()));
        String pw = System.getenv("QUERENT_TEST_PG_PASSWORD");
        String ds = body(
                        post(
                                admin,
                                "/api/datasources",
                                Map.of(
                                        "name",
                                        "tickets",
                                        "type",
                                        "postgresql",
                                        "settings",
                                        Map.of(
                                                "host", u.getHost(),
                                                "port", Integer.toString(u.getPort() < 0 ? 5432 : u.getPort()),
                                                "database", u.getPath().substring(1),
                                                "user", System.getenv("QUERENT_TEST_PG_USER")),
                                        "secrets",
                                        pw == null ? Map.of() : Map.of("password", pw))),
                        201)
                .get("id")
                .asString();
        body(
                admin.put()
                        .uri("/api/admin/datasources/" + ds + "/scopes")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(List.of(Map.of("subject", "role:ANALYST", "databaseRoleAttribute", "db_role"))),
                200);
        post(
                        admin,
                        "/api/admin/users",
                        Map.of(
                                "username",
                                "eva",
                                "password",
                                "eva-password-123",
                                "role",
                                "ANALYST",
                                "attributes",
                                Map.of("db_role", "querent_app_eu")))
                .exchange()
                .expectStatus()
                .isCreated();
        WebTestClient eva = TestAuth.session(anonymous, "eva", "eva-password-123");
        WebTestClient uma = TestAuth.user(admin, anonymous, "uma", "ANALYST");

        assertThat(count(eva, ds)).isEqualTo(2);
        assertThat(count(admin, ds)).isEqualTo(5);
        String chat = body(post(uma, "/api/chats", Map.of("dataSourceId", ds)), 201)
                .get("id")
                .asString();
        JsonNode refused = body(
                post(uma, "/api/chats/" + chat + "/messages", Map.of("question", "How many tickets are there?")), 201);
        assertThat(refused.get("error").get("code").asString()).isEqualTo("FORBIDDEN");
    }

    private long count(WebTestClient who, String ds) {
        String chat = body(post(who, "/api/chats", Map.of("dataSourceId", ds)), 201)
                .get("id")
                .asString();
        JsonNode turn = body(
                post(who, "/api/chats/" + chat + "/messages", Map.of("question", "How many tickets are there?")), 201);
        assertThat(turn.get("state").asString()).as(turn.toString()).isEqualTo("AWAITING_CONFIRMATION");
        JsonNode done = body(post(who, "/api/turns/" + turn.get("id").asString() + "/confirm", Map.of()), 200);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("ANSWERED");
        return done.get("result").get("rows").get(0).get(0).asLong();
    }

    private static void prepare(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        url, System.getenv("QUERENT_TEST_PG_USER"), System.getenv("QUERENT_TEST_PG_PASSWORD"));
                Statement s = c.createStatement()) {
            s.execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'querent_app_eu')"
                    + " THEN CREATE ROLE querent_app_eu NOLOGIN; END IF; END$$");
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".tickets (id int PRIMARY KEY, region text NOT NULL)");
            s.execute("INSERT INTO " + SCHEMA
                    + ".tickets VALUES (1, 'EU'), (2, 'EU'), (3, 'US'), (4, 'US'), (5, 'APAC')");
            s.execute("ALTER TABLE " + SCHEMA + ".tickets ENABLE ROW LEVEL SECURITY");
            s.execute("CREATE POLICY eu ON " + SCHEMA + ".tickets FOR SELECT TO querent_app_eu USING (region = 'EU')");
            s.execute("GRANT USAGE ON SCHEMA " + SCHEMA + " TO querent_app_eu");
            s.execute("GRANT SELECT ON " + SCHEMA + ".tickets TO querent_app_eu");
        }
    }

    private static WebTestClient.RequestHeadersSpec<?> post(WebTestClient client, String uri, Object body) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
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
