package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.TestAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
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
 * Projects: a data source belongs to one, and its chats, patterns, notes and review items with it.
 * A user outside a project finds none of its ids (404), sees none of it in lists, and holds in each
 * project only the role given there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectIsolationIT {
    private static final Path DATA_DIR = TestAuth.dataDir("querent-projects-it");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    JsonMapper json;

    WebTestClient admin;
    WebTestClient nina;
    WebTestClient vic;
    WebTestClient rex;
    String demo;
    String north;
    String northProject;
    String demoPattern;
    String demoReviewItem;

    @BeforeAll
    void setUp() throws Exception {
        admin = TestAuth.asAdmin(anonymous);
        demo = body(admin.get().uri("/api/settings"), 200)
                .get("defaultDataSourceId")
                .asString();
        Path file = DATA_DIR.resolve("sources").resolve("north.db");
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stores (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT)");
            s.execute(
                    "INSERT INTO stores (name, city) VALUES ('Harbour', 'Oslo'), ('Fjord', 'Bergen'), ('Pine', 'Oslo')");
        }
        northProject = body(post(admin, "/api/admin/projects", Map.of("name", "North")), 201)
                .get("id")
                .asString();
        north = body(
                        post(
                                admin,
                                "/api/datasources",
                                Map.of(
                                        "name",
                                        "north stores",
                                        "type",
                                        "sqlite",
                                        "settings",
                                        Map.of("path", file.toString()),
                                        "secrets",
                                        Map.of(),
                                        "projectId",
                                        northProject)),
                        201)
                .get("id")
                .asString();
        nina = TestAuth.user(admin, anonymous, "nina", "ANALYST");
        vic = TestAuth.user(admin, anonymous, "vic", "ANALYST");
        rex = TestAuth.user(admin, anonymous, "rex", "REVIEWER");
        // nina: only North, as analyst; vic: analyst in Default, viewer in North; rex: reviewer in North only.
        member("nina", northProject, "ANALYST");
        removeFromDefault("nina");
        member("vic", northProject, "VIEWER");
        member("rex", northProject, "REVIEWER");
        removeFromDefault("rex");
        demoPattern = body(
                        post(
                                admin,
                                "/api/knowledge/patterns",
                                Map.of(
                                        "dataSourceId", demo,
                                        "question", "How many demo customers?",
                                        "sql", "SELECT COUNT(*) FROM ecommerce.customers")),
                        201)
                .get("id")
                .asString();
        String chat = body(post(vic, "/api/chats", Map.of("dataSourceId", demo)), 201)
                .get("id")
                .asString();
        String turn = body(
                        post(
                                vic,
                                "/api/chats/" + chat + "/messages",
                                Map.of("question", "How many customers are there?")),
                        201)
                .get("id")
                .asString();
        body(post(vic, "/api/turns/" + turn + "/confirm", Map.of()), 200);
        body(post(vic, "/api/turns/" + turn + "/feedback", Map.of("rating", "DOWN", "reason", "check")), 201);
        for (JsonNode i : body(admin.get().uri("/api/review-items?status=PENDING"), 200)) {
            if (turn.equals(i.get("turnId").asString())) {
                demoReviewItem = i.get("id").asString();
            }
        }
        assertThat(demoReviewItem).isNotNull();
    }

    @Test
    void anotherProjectsDataSourceDoesNotExistForAnOutsider() {
        assertThat(ids(body(nina.get().uri("/api/datasources"), 200))).containsExactly(north);
        status(nina.get().uri("/api/datasources/" + demo), 404);
        status(nina.get().uri("/api/datasources/" + demo + "/schema"), 404);
        status(post(nina, "/api/chats", Map.of("dataSourceId", demo)), 404);
        status(nina.get().uri("/api/knowledge/patterns?dataSourceId=" + demo), 404);
        status(nina.get().uri("/api/knowledge/glossary?dataSourceId=" + demo), 404);
        status(nina.get().uri("/api/knowledge/context?dataSourceId=" + demo + "&question=customers"), 404);
        status(post(nina, "/api/sql/validate", Map.of("dataSourceId", demo, "sql", "SELECT 1")), 404);
        assertThat(body(nina.get().uri("/api/knowledge/patterns"), 200).toString())
                .doesNotContain(demoPattern);
        JsonNode mine = body(nina.get().uri("/api/projects"), 200);
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("name").asString()).isEqualTo("North");
        assertThat(mine.get(0).get("role").asString()).isEqualTo("ANALYST");
        // The administrator sees both.
        assertThat(ids(body(admin.get().uri("/api/datasources"), 200))).contains(demo, north);
    }

    @Test
    void aMemberAnswersQuestionsInTheirProject() {
        String chat = body(post(nina, "/api/chats", Map.of("dataSourceId", north)), 201)
                .get("id")
                .asString();
        JsonNode turn = body(
                post(nina, "/api/chats/" + chat + "/messages", Map.of("question", "How many stores are there?")), 201);
        JsonNode done = body(post(nina, "/api/turns/" + turn.get("id").asString() + "/confirm", Map.of()), 200);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("ANSWERED");
        assertThat(done.get("result").get("rows").get(0).get(0).asLong()).isEqualTo(3);
    }

    @Test
    void theRoleInAProjectIsTheOneGivenThere() {
        // vic is an analyst account, but only a viewer in North.
        status(post(vic, "/api/chats", Map.of("dataSourceId", north)), 403);
        body(vic.get().uri("/api/datasources/" + north + "/schema"), 200);
        body(post(vic, "/api/chats", Map.of("dataSourceId", demo)), 201);
    }

    @Test
    void reviewersSeeOnlyTheirProjectsQueueAndPatterns() {
        assertThat(body(rex.get().uri("/api/review-items"), 200).toString()).doesNotContain(demoReviewItem);
        status(rex.get().uri("/api/review-items/" + demoReviewItem), 404);
        status(post(rex, "/api/review-items/" + demoReviewItem + "/approve", Map.of()), 404);
        status(
                rex.put()
                        .uri("/api/knowledge/patterns/" + demoPattern)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("question", "x", "sql", "SELECT 1")),
                404);
        status(rex.delete().uri("/api/knowledge/patterns/" + demoPattern), 404);
        // The item is still pending and the pattern untouched.
        assertThat(body(admin.get().uri("/api/review-items/" + demoReviewItem), 200)
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
        assertThat(body(admin.get().uri("/api/knowledge/patterns?dataSourceId=" + demo), 200)
                        .toString())
                .contains("How many demo customers?");
    }

    private void member(String username, String project, String role) {
        body(
                admin.put()
                        .uri("/api/admin/projects/" + project + "/members/" + userId(username))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("role", role)),
                200);
    }

    private void removeFromDefault(String username) {
        admin.delete()
                .uri("/api/admin/projects/default/members/" + userId(username))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private String userId(String username) {
        for (JsonNode u : body(admin.get().uri("/api/admin/users"), 200)) {
            if (u.get("username").asString().equals(username)) {
                return u.get("id").asString();
            }
        }
        throw new AssertionError("no user " + username);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asString()));
        return out;
    }

    private static WebTestClient.RequestHeadersSpec<?> post(WebTestClient client, String uri, Object body) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static void status(WebTestClient.RequestHeadersSpec<?> request, int status) {
        request.exchange().expectStatus().isEqualTo(status);
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
