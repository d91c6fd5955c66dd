package dev.querent.api.security;

import dev.querent.agents.access.Accounts;
import dev.querent.agents.access.Projects;
import dev.querent.agents.access.Role;
import dev.querent.api.properties.QuerentProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Resource-server mode: bearer JWTs from an identity provider. The token's user is provisioned as an
 * EXTERNAL account on first sight (so chats, keys and the audit log name them) and takes the role
 * the token claims.
 */
public final class JwtUsers implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {
    private final QuerentProperties.Jwt config;
    private final Accounts accounts;
    private final Projects projects;
    private final Scheduler blocking;

    public JwtUsers(QuerentProperties.Jwt config, Accounts accounts, Projects projects, Scheduler blocking) {
        this.projects = projects;
        this.config = config;
        this.accounts = accounts;
        this.blocking = blocking;
    }

    /** The decoder for the configured issuer, JWK set or public key, with issuer/audience checks. */
    public static ReactiveJwtDecoder decoder(QuerentProperties.Jwt config) {
        NimbusReactiveJwtDecoder decoder;
        if (!config.publicKeyLocation().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(readPublicKey(config.publicKeyLocation()))
                    .build();
        } else if (!config.jwkSetUri().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(config.jwkSetUri()).build();
        } else {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(config.issuerUri())
                    .build();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(
                config.issuerUri().isBlank()
                        ? JwtValidators.createDefault()
                        : JwtValidators.createDefaultWithIssuer(config.issuerUri()));
        if (!config.audience().isBlank()) {
            validators.add(new JwtClaimValidator<Collection<String>>(
                    "aud", aud -> aud != null && aud.contains(config.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String username = Objects.requireNonNullElse(jwt.getClaimAsString(config.usernameClaim()), jwt.getSubject());
        Role role = role(jwt.getClaims().get(config.roleClaim()));
        if (username == null || role == null) {
            return Mono.error(new BadCredentialsException("the token names no user or no known role"));
        }
        String name = jwt.getClaimAsString("name");
        return Mono.fromCallable(() -> {
                    var account = accounts.provisionExternal(username, name, role, Map.of());
                    if (account.disabled()) {
                        throw new BadCredentialsException("account disabled");
                    }
                    projects.joinDefault(account);
                    return (AbstractAuthenticationToken)
                            new QuerentAuthentication(QuerentUser.of(account, role, QuerentUser.Method.JWT));
                })
                .subscribeOn(blocking)
                .onErrorMap(
                        e -> !(e instanceof BadCredentialsException), e -> new BadCredentialsException(e.getMessage()));
    }

    private Role role(Object claim) {
        List<Object> values =
                claim instanceof Collection<?> c ? new ArrayList<>(c) : claim == null ? List.of() : List.of(claim);
        Role best = null;
        for (Object v : values) {
            try {
                Role r = Role.parse(String.valueOf(v));
                best = best == null || r.atLeast(best) ? r : best;
            } catch (RuntimeException ignored) {
                // other applications' roles in the same claim
            }
        }
        if (best == null && !config.defaultRole().isBlank()) {
            best = Role.parse(config.defaultRole());
        }
        return best;
    }

    private static RSAPublicKey readPublicKey(String location) {
        try {
            String pem = Files.readString(Path.of(location.startsWith("file:") ? location.substring(5) : location));
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT public key " + location, e);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an RSA public key in PEM form: " + location, e);
        }
    }
}
