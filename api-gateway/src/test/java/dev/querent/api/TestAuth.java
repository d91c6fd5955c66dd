package dev.querent.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signing tests in: a browser-like session (cookie + CSRF token) or an API key. */
public final class TestAuth {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestAuth() {}

    /** A fresh data directory for one application context. */
    public static java.nio.file.Path dataDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A client that signs every request in as the administrator, by API key. */
    public static WebTestClient asAdmin(WebTestClient http) {
        return withKey(http, apiKey(session(http, ADMIN, ADMIN_PASSWORD), "test"));
    }

    public static WebTestClient withKey(WebTestClient http, String key) {
        return http.mutate().defaultHeader("X-Api-Key", key).build();
    }

    /** A new API key of whoever {@code signedIn} is. */
    public static String apiKey(WebTestClient signedIn, String name) {
        return JSON.readTree(signedIn.post()
                        .uri("/api/api-keys")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", name))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .get("key")
                .asString();
    }

    /** A client holding a signed-in browser session: the session cookie, the CSRF cookie and header. */
    public static WebTestClient session(WebTestClient http, String username, String password) {
        String csrf = csrfToken(http);
        EntityExchangeResult<byte[]> login = http.post()
                .uri("/api/auth/login")
                .cookie("XSRF-TOKEN", csrf)
                .header("X-XSRF-TOKEN", csrf)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        List<ResponseCookie> session = login.getResponseCookies().get("SESSION");
        if (session == null || session.isEmpty()) {
            throw new AssertionError("no SESSION cookie after signing in: " + login.getResponseCookies());
        }
        return http.mutate()
                .defaultCookie("SESSION", session.getFirst().getValue())
                .defaultCookie("XSRF-TOKEN", csrf)
                .defaultHeader("X-XSRF-TOKEN", csrf)
                .build();
    }

    public static String csrfToken(WebTestClient http) {
        JsonNode body = JSON.readTree(http.get()
                .uri("/api/auth/csrf")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
        return body.get("token").asString();
    }

    /** Creates a user through the admin API (as {@code admin}) and returns a session client for them. */
    public static WebTestClient user(WebTestClient admin, WebTestClient anonymous, String username, String role) {
        String password = username + "-password-123";
        admin.post()
                .uri("/api/admin/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password, "role", role))
                .exchange()
                .expectStatus()
                .isCreated();
        return session(anonymous, username, password);
    }
}
