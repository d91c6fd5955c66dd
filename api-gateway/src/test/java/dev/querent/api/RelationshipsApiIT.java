package dev.querent.api;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A SQLite database that declares no foreign key, registered through the API: its join key is
 * inferred on create and shown in the schema; an administrator confirms or removes it (others get
 * 403, unknown ids 404), and a removed one stays removed across a re-sync.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelationshipsApiIT {
    private static final Path DATA_DIR = TestAuth.dataDir("querent-relationships-it");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
        r.add("querent.demo.enabled", () -> "false");
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    JsonMapper json;

    WebTestClient admin;
    WebTestClient reviewer;
    String ds;

    @BeforeAll
    void setUp() throws Exception {
        admin = TestAuth.asAdmin(anonymous);
        reviewer = TestAuth.user(admin, anonymous, "rita", "REVIEWER");
        Path file = Files.createDirectories(DATA_DIR.resolve("sources")).resolve("shop.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (customer_id INTEGER, name TEXT)");
            s.execute("CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, amount INTEGER)");
            s.execute("INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bo'), (3, 'Cy')");
            s.execute("INSERT INTO orders VALUES (10, 1, 5), (11, 1, 7), (12, 2, 9), (13, 3, 4)");
        }
        ds = body(
                        admin.post()
                                .uri("/api/datasources")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of(
                                        "name", "shop", "type", "sqlite", "settings", Map.of("path", file.toString()))),
                        201)
                .get("id")
                .asString();
    }

    @Test
    void inferredOnCreateConfirmedOrRemovedByAnAdminAndRemovedStaysRemoved() {
        JsonNode list = body(admin.get().uri(relationships()), 200);
        assertThat(list).hasSize(1);
        JsonNode r = list.get(0);
        assertThat(r.get("fromTable").asString() + "." + r.get("fromColumn").asString() + "->"
                        + r.get("toTable").asString() + "." + r.get("toColumn").asString())
                .isEqualTo("orders.customer_id->customers.customer_id");
        assertThat(r.get("status").asString()).isEqualTo("INFERRED");
        assertThat(inferredForeignKeys()).containsExactly("orders.customer_id->customers.customer_id");
        String id = r.get("id").asString();

        JsonNode confirmed = body(admin.post().uri(relationships() + "/" + id + "/confirm"), 200);
        assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(inferredForeignKeys()).containsExactly("orders.customer_id->customers.customer_id");

        admin.delete().uri(relationships() + "/" + id).exchange().expectStatus().isNoContent();
        assertThat(body(admin.get().uri(relationships()), 200)
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("REMOVED");
        assertThat(inferredForeignKeys()).isEmpty();

        admin.post()
                .uri("/api/datasources/" + ds + "/sync")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(inferredForeignKeys()).isEmpty();
        assertThat(body(admin.get().uri(relationships()), 200)).hasSize(1);
    }

    @Test
    void onlyAnAdminMayListConfirmOrRemove() {
        reviewer.get().uri(relationships()).exchange().expectStatus().isForbidden();
        reviewer.post()
                .uri(relationships() + "/x/confirm")
                .exchange()
                .expectStatus()
                .isForbidden();
        reviewer.delete().uri(relationships() + "/x").exchange().expectStatus().isForbidden();
    }

    @Test
    void unknownIdsAreNotFound() {
        admin.post()
                .uri(relationships() + "/no-such-id/confirm")
                .exchange()
                .expectStatus()
                .isNotFound();
        admin.delete()
                .uri(relationships() + "/no-such-id")
                .exchange()
                .expectStatus()
                .isNotFound();
        admin.get()
                .uri("/api/admin/datasources/no-such-source/relationships")
                .exchange()
                .expectStatus()
                .isNotFound();
        String real =
                body(admin.get().uri(relationships()), 200).get(0).get("id").asString();
        admin.post()
                .uri("/api/admin/datasources/no-such-source/relationships/" + real + "/confirm")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private String relationships() {
        return "/api/admin/datasources/" + ds + "/relationships";
    }

    private List<String> inferredForeignKeys() {
        List<String> out = new ArrayList<>();
        for (JsonNode t :
                body(admin.get().uri("/api/datasources/" + ds + "/schema"), 200).get("tables")) {
            for (JsonNode fk : t.get("foreignKeys")) {
                if (fk.get("inferred").asBoolean()) {
                    out.add(t.get("name").asString() + "."
                            + fk.get("columns").get(0).asString() + "->"
                            + fk.get("refTable").asString() + "."
                            + fk.get("refColumns").get(0).asString());
                }
            }
        }
        return out;
    }

    private JsonNode body(WebTestClient.RequestHeadersSpec<?> request, int status) {
        byte[] bytes = request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return json.readTree(bytes);
    }
}
