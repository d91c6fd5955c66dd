package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.querent.api.TestAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Resource-server mode: an identity provider's signed JWT (here signed by a key made for the test,
 * its public half configured as a PEM file) signs a user in with the role it claims; anything
 * unsigned, expired, from another issuer or without a known role is refused; API keys still work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class JwtResourceServerIT {
    private static final String ISSUER = "https://idp.test";
    private static final KeyPair KEYS = keys();
    private static final KeyPair OTHER_KEYS = keys();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        Path dir = Files.createTempDirectory("querent-jwt-it");
        Path pem = dir.resolve("idp.pem");
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        r.add("querent.data-dir", () -> dir.resolve("data").toString());
        r.add("querent.security.jwt.public-key-location", pem::toString);
        r.add("querent.security.jwt.audience", () -> "querent");
    }

    @Autowired
    WebTestClient anonymous;

    @Test
    void aSignedTokenSignsInWithItsRole() {
        WebTestClient analyst = bearer(token(KEYS, "dana", List.of("other-app-role", "ANALYST"), 300, "querent"));
        analyst.get()
                .uri("/api/auth/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo("dana")
                .jsonPath("$.role")
                .isEqualTo("ANALYST")
                .jsonPath("$.authenticatedBy")
                .isEqualTo("JWT");
        analyst.post()
                .uri("/api/chats")
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isCreated();
        analyst.get().uri("/api/admin/users").exchange().expectStatus().isForbidden();
        // The user exists now, as an external account without a password.
        String users = new String(TestAuth.asAdmin(anonymous)
                .get()
                .uri("/api/admin/users")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(users).contains("\"username\":\"dana\"").contains("EXTERNAL");
    }

    @Test
    void badTokensAreRefused() {
        for (String t : List.of(
                token(OTHER_KEYS, "eve", List.of("ADMIN"), 300, "querent"),
                token(KEYS, "eve", List.of("ADMIN"), -120, "querent"),
                token(KEYS, "eve", List.of("ADMIN"), 300, "another-app"),
                token(KEYS, "eve", List.of("SUPERUSER"), 300, "querent"),
                "not.a.jwt",
                unsigned("eve"))) {
            bearer(t)
                    .get()
                    .uri("/api/chats")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void apiKeysStillWorkBesideTokens() {
        TestAuth.asAdmin(anonymous)
                .get()
                .uri("/api/chats")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private WebTestClient bearer(String token) {
        return anonymous
                .mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
    }

    private static String token(KeyPair keys, String user, List<String> roles, long validSeconds, String audience) {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.RS256),
                    new JWTClaimsSet.Builder()
                            .issuer(ISSUER)
                            .subject("sub-" + user)
                            .audience(audience)
                            .claim("preferred_username", user)
                            .claim("querent_role", roles)
                            .issueTime(Date.from(now.minusSeconds(600)))
                            .expirationTime(Date.from(now.plusSeconds(validSeconds)))
                            .build());
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(String user) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"none\"}".getBytes())
                + "."
                + b.encodeToString(
                        ("{\"preferred_username\":\"" + user + "\",\"querent_role\":\"ADMIN\",\"aud\":\"querent\"}")
                                .getBytes())
                + ".";
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
