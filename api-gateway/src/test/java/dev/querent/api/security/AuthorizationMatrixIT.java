package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.TestAuth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every role (and anonymous) → the expected status class. The table below names the
 * least role of each endpoint; an endpoint added without a row fails {@link #everyEndpointHasARow}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {
    enum Who {
        ANONYMOUS,
        VIEWER,
        ANALYST,
        REVIEWER,
        ADMIN
    }

    /** Method + path pattern → the least role. */
    static final Map<String, Who> LEAST_ROLE = Map.ofEntries(
            // Open to all, but answers 401 to anyone not signed in.
            Map.entry("GET /api/auth/me", Who.VIEWER),
            Map.entry("GET /api/auth/csrf", Who.ANONYMOUS),
            Map.entry("POST /api/auth/login", Who.ANONYMOUS),
            Map.entry("POST /api/auth/logout", Who.ANONYMOUS),
            Map.entry("GET /api/chats", Who.VIEWER),
            Map.entry("POST /api/chats", Who.ANALYST),
            Map.entry("GET /api/chats/{id}", Who.VIEWER),
            Map.entry("DELETE /api/chats/{id}", Who.ANALYST),
            Map.entry("PUT /api/chats/{id}/sharing", Who.ANALYST),
            Map.entry("POST /api/chats/{id}/messages", Who.ANALYST),
            Map.entry("GET /api/turns/{id}", Who.VIEWER),
            Map.entry("GET /api/turns/{id}/rows", Who.VIEWER),
            Map.entry("PUT /api/turns/{id}/plan", Who.ANALYST),
            Map.entry("POST /api/turns/{id}/confirm", Who.ANALYST),
            Map.entry("POST /api/turns/{id}/reject", Who.ANALYST),
            Map.entry("POST /api/turns/{id}/clarify", Who.ANALYST),
            Map.entry("POST /api/turns/{id}/retry", Who.ANALYST),
            Map.entry("POST /api/turns/{id}/feedback", Who.ANALYST),
            Map.entry("GET /api/connectors", Who.VIEWER),
            Map.entry("GET /api/datasources", Who.VIEWER),
            Map.entry("POST /api/datasources", Who.ADMIN),
            Map.entry("GET /api/datasources/{id}", Who.VIEWER),
            Map.entry("PUT /api/datasources/{id}", Who.ADMIN),
            Map.entry("DELETE /api/datasources/{id}", Who.ADMIN),
            Map.entry("POST /api/datasources/{id}/test", Who.ADMIN),
            Map.entry("GET /api/datasources/{id}/schema", Who.VIEWER),
            Map.entry("POST /api/datasources/{id}/sync", Who.ADMIN),
            Map.entry("GET /api/datasources/{id}/files", Who.VIEWER),
            Map.entry("POST /api/datasources/{id}/files", Who.ADMIN),
            Map.entry("PUT /api/datasources/{id}/files/{table}/columns/{column}", Who.ADMIN),
            Map.entry("GET /api/knowledge/context", Who.VIEWER),
            Map.entry("GET /api/knowledge/descriptions", Who.VIEWER),
            Map.entry("PUT /api/knowledge/descriptions", Who.REVIEWER),
            Map.entry("GET /api/knowledge/instructions", Who.VIEWER),
            Map.entry("PUT /api/knowledge/instructions", Who.REVIEWER),
            Map.entry("GET /api/knowledge/glossary", Who.VIEWER),
            Map.entry("POST /api/knowledge/glossary", Who.REVIEWER),
            Map.entry("DELETE /api/knowledge/glossary/{id}", Who.REVIEWER),
            Map.entry("GET /api/knowledge/patterns", Who.VIEWER),
            Map.entry("POST /api/knowledge/patterns", Who.REVIEWER),
            Map.entry("PUT /api/knowledge/patterns/{id}", Who.REVIEWER),
            Map.entry("DELETE /api/knowledge/patterns/{id}", Who.REVIEWER),
            Map.entry("GET /api/review-items", Who.REVIEWER),
            Map.entry("GET /api/review-items/{id}", Who.REVIEWER),
            Map.entry("POST /api/review-items/{id}/approve", Who.REVIEWER),
            Map.entry("POST /api/review-items/{id}/reject", Who.REVIEWER),
            Map.entry("GET /api/settings", Who.VIEWER),
            Map.entry("PUT /api/settings", Who.ADMIN),
            Map.entry("POST /api/sql/validate", Who.ANALYST),
            Map.entry("GET /api/api-keys", Who.VIEWER),
            Map.entry("POST /api/api-keys", Who.VIEWER),
            Map.entry("DELETE /api/api-keys/{id}", Who.VIEWER),
            Map.entry("GET /api/admin/users", Who.ADMIN),
            Map.entry("POST /api/admin/users", Who.ADMIN),
            Map.entry("PUT /api/admin/users/{id}", Who.ADMIN),
            Map.entry("GET /api/admin/api-keys", Who.ADMIN),
            Map.entry("DELETE /api/admin/api-keys/{id}", Who.ADMIN),
            Map.entry("GET /api/admin/audit", Who.ADMIN),
            Map.entry("GET /api/admin/datasources/{id}/scopes", Who.ADMIN),
            Map.entry("PUT /api/admin/datasources/{id}/project", Who.ADMIN),
            Map.entry("GET /api/admin/datasources/{id}/relationships", Who.ADMIN),
            Map.entry("POST /api/admin/datasources/{id}/relationships/{relationshipId}/confirm", Who.ADMIN),
            Map.entry("DELETE /api/admin/datasources/{id}/relationships/{relationshipId}", Who.ADMIN),
            Map.entry("GET /api/admin/projects", Who.ADMIN),
            Map.entry("POST /api/admin/projects", Who.ADMIN),
            Map.entry("GET /api/admin/projects/{id}/members", Who.ADMIN),
            Map.entry("PUT /api/admin/projects/{id}/members/{userId}", Who.ADMIN),
            Map.entry("DELETE /api/admin/projects/{id}/members/{userId}", Who.ADMIN),
            Map.entry("GET /api/projects", Who.VIEWER),
            Map.entry("PUT /api/admin/datasources/{id}/scopes", Who.ADMIN),
            Map.entry("GET /api/admin/audit/export", Who.ADMIN),
            Map.entry("GET /api/admin/audit/verify", Who.ADMIN));

    /** Besides controllers: the actuator, docs and the WebSocket route. */
    static final Map<String, Who> OTHER = Map.of(
            "GET /actuator/health", Who.ANONYMOUS,
            "GET /actuator/prometheus", Who.ADMIN,
            "GET /actuator/metrics", Who.ADMIN,
            "GET /v3/api-docs", Who.VIEWER,
            "GET /ws/chat", Who.VIEWER);

    private static final Path DATA_DIR = TestAuth.dataDir("querent-authz-it");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebTestClient anonymous;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<Who, WebTestClient> clients = new EnumMap<>(Who.class);

    @BeforeAll
    void users() {
        WebTestClient admin = TestAuth.asAdmin(anonymous);
        // Anonymous, but with a valid CSRF pair, so what is measured is authorization alone.
        String csrf = TestAuth.csrfToken(anonymous);
        clients.put(
                Who.ANONYMOUS,
                anonymous
                        .mutate()
                        .defaultCookie("XSRF-TOKEN", csrf)
                        .defaultHeader("X-XSRF-TOKEN", csrf)
                        .build());
        clients.put(Who.ADMIN, admin);
        for (Who w : List.of(Who.VIEWER, Who.ANALYST, Who.REVIEWER)) {
            String name = "matrix-" + w.name().toLowerCase();
            WebTestClient session = TestAuth.user(admin, anonymous, name, w.name());
            clients.put(w, TestAuth.withKey(anonymous, TestAuth.apiKey(session, "matrix")));
        }
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (var pattern : info.getPatternsCondition().getPatterns()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(method.name() + " " + pattern.getPatternString());
                }
            }
        }
        endpoints.removeIf(e -> !e.contains(" /api/"));
        assertThat(LEAST_ROLE.keySet()).containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void everyEndpointTimesEveryRole() {
        List<String> wrong = new ArrayList<>();
        Map<String, Who> all = new java.util.HashMap<>(LEAST_ROLE);
        all.putAll(OTHER);
        all.forEach((endpoint, least) -> {
            String[] parts = endpoint.split(" ", 2);
            HttpMethod method = HttpMethod.valueOf(parts[0]);
            String path = parts[1].replaceAll("\\{[^}]+}", "no-such-id");
            for (Who who : Who.values()) {
                int status = call(clients.get(who), method, path);
                boolean mayPass = who.ordinal() >= least.ordinal();
                String expected = who == Who.ANONYMOUS && !mayPass ? "401" : mayPass ? "not 401/403" : "403";
                boolean ok = who == Who.ANONYMOUS && !mayPass
                        ? status == 401
                        : mayPass ? status != 401 && status != 403 : status == 403;
                if (!ok) {
                    wrong.add(endpoint + " as " + who + ": " + status + ", expected " + expected);
                }
            }
        });
        assertThat(wrong).isEmpty();
        System.out.printf("authorization matrix: %d endpoints x %d callers checked%n", all.size(), Who.values().length);
    }

    private static int call(WebTestClient client, HttpMethod method, String path) {
        WebTestClient.RequestBodySpec spec = client.method(method).uri(path);
        WebTestClient.RequestHeadersSpec<?> request = method == HttpMethod.GET || method == HttpMethod.DELETE
                ? spec
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        return request.exchange().returnResult(byte[].class).getStatus().value();
    }
}
