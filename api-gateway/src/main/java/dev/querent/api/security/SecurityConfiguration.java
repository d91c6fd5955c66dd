package dev.querent.api.security;

import dev.querent.agents.access.Accounts;
import dev.querent.agents.access.AuditLog;
import dev.querent.agents.access.DataScopes;
import dev.querent.agents.access.PasswordHasher;
import dev.querent.agents.access.Projects;
import dev.querent.agents.access.store.AccountStore;
import dev.querent.agents.access.store.AuditStore;
import dev.querent.api.properties.QuerentProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security for the gateway: no anonymous access to data. Who may call what is written once,
 * in {@link #rules}, by the least role each path needs; anything not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The UI is a static export: its scripts are inline bootstrap chunks, so scripts need
     * 'unsafe-inline'; everything else comes from this origin, and no page may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final Set<HttpMethod> UNSAFE =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Bean
    BCryptPasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    AccountStore accountStore(Jdbi jdbi, Clock clock) {
        return new AccountStore(jdbi, clock);
    }

    @Bean
    Accounts accounts(AccountStore store, BCryptPasswordEncoder encoder, Clock clock) {
        return new Accounts(
                store,
                new PasswordHasher() {
                    @Override
                    public String hash(String raw) {
                        return encoder.encode(raw);
                    }

                    @Override
                    public boolean matches(String raw, String hash) {
                        return encoder.matches(raw, hash);
                    }
                },
                clock);
    }

    @Bean
    DataScopes dataScopes(dev.querent.agents.store.SettingsStore settings, AccountStore accounts) {
        return new DataScopes(settings, accounts);
    }

    @Bean
    AuditLog auditLog(Jdbi jdbi, Clock clock) {
        return new AuditLog(new AuditStore(jdbi), clock);
    }

    @Bean
    ChatAccess chatAccess(
            dev.querent.agents.store.ChatStore chats,
            dev.querent.agents.Orchestrator orchestrator,
            ProjectAccess projects) {
        return new ChatAccess(chats, orchestrator, projects);
    }

    @Bean
    Projects projects(Jdbi jdbi, Clock clock) {
        return new Projects(new dev.querent.agents.access.store.ProjectStore(jdbi, clock));
    }

    @Bean
    ProjectAccess projectAccess(Projects projects) {
        return new ProjectAccess(projects);
    }

    @Bean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    SessionContextRepository sessionContextRepository(Accounts accounts, Scheduler blockingScheduler, Clock clock) {
        return new SessionContextRepository(accounts, blockingScheduler, clock);
    }

    @Bean(destroyMethod = "close")
    RateLimits rateLimits(QuerentProperties props, Scheduler blockingScheduler) {
        return new RateLimits(props.security().rateLimit(), blockingScheduler);
    }

    @Bean
    ModelBudget modelBudget(
            RateLimits limits, dev.querent.agents.store.ChatStore chats, dev.querent.agents.ChatEvents events) {
        ModelBudget budget = new ModelBudget(limits, id -> chats.findChat(id).map(dev.querent.agents.Chat::owner));
        events.subscribeAll(budget::onEvent);
        return budget;
    }

    /** Checks a user name and password; used by the sign-in endpoint. */
    @Bean
    ReactiveAuthenticationManager passwordAuthentication(Accounts accounts, Scheduler blockingScheduler) {
        return authentication -> Mono.fromCallable(() -> accounts.authenticate(
                                authentication.getName(), String.valueOf(authentication.getCredentials()))
                        .map(u -> (Authentication)
                                new QuerentAuthentication(QuerentUser.of(u, u.role(), QuerentUser.Method.SESSION)))
                        .orElseThrow(() -> new BadCredentialsException("bad credentials")))
                .subscribeOn(blockingScheduler);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter hostAndOriginFilter(QuerentProperties props, ProblemResponses problems) {
        return new HostAndOriginFilter(
                props.security().allowedHosts(), props.security().allowedOrigins(), problems);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            QuerentProperties props,
            Accounts accounts,
            SessionContextRepository sessions,
            ProblemResponses problems,
            RateLimits rateLimits,
            AuditLog audit,
            Projects projects,
            Scheduler blockingScheduler) {
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(c -> c.sameSite("Strict").path("/"));
        ServerWebExchangeMatcher browserUnsafe =
                exchange -> UNSAFE.contains(exchange.getRequest().getMethod())
                                && !ApiKeyAuthentication.hasCredentialHeader(exchange.getRequest())
                        ? ServerWebExchangeMatcher.MatchResult.match()
                        : ServerWebExchangeMatcher.MatchResult.notMatch();
        http.securityContextRepository(sessions)
                .csrf(c -> c.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(browserUnsafe)
                        .accessDeniedHandler(problems))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(
                                r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAt(
                        ApiKeyAuthentication.filter(accounts, blockingScheduler, problems),
                        SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterBefore(
                        new AuditFilter(audit, blockingScheduler), SecurityWebFiltersOrder.EXCEPTION_TRANSLATION)
                .addFilterAfter(new RateLimitFilter(rateLimits, problems), SecurityWebFiltersOrder.AUTHORIZATION)
                .authorizeExchange(SecurityConfiguration::rules);
        QuerentProperties.Jwt jwt = props.security().jwt();
        if (jwt.enabled()) {
            ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
            http.oauth2ResourceServer(o -> o.bearerTokenConverter(
                            exchange -> ApiKeyAuthentication.presentedKey(exchange.getRequest()) != null
                                    ? Mono.empty()
                                    : bearer.convert(exchange))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(j -> j.jwtDecoder(JwtUsers.decoder(jwt))
                            .jwtAuthenticationConverter(new JwtUsers(jwt, accounts, projects, blockingScheduler))));
        }
        return http.build();
    }

    /** The least role each path needs. Order matters: the first matching rule decides. */
    static void rules(ServerHttpSecurity.AuthorizeExchangeSpec r) {
        r.pathMatchers("/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/auth/csrf")
                .permitAll()
                .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                .permitAll()
                .pathMatchers("/actuator/**")
                .hasRole("ADMIN")
                .pathMatchers("/api/admin/**")
                .hasRole("ADMIN")
                .pathMatchers("/api/review-items", "/api/review-items/**")
                .hasRole("REVIEWER")
                .pathMatchers(HttpMethod.GET, "/api/datasources", "/api/datasources/**", "/api/connectors")
                .hasRole("VIEWER")
                .pathMatchers("/api/datasources", "/api/datasources/**")
                .hasRole("ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/settings")
                .hasRole("VIEWER")
                .pathMatchers("/api/settings")
                .hasRole("ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/knowledge/**")
                .hasRole("VIEWER")
                .pathMatchers("/api/knowledge/**")
                .hasRole("REVIEWER")
                .pathMatchers(HttpMethod.GET, "/api/chats", "/api/chats/**", "/api/turns/**")
                .hasRole("VIEWER")
                .pathMatchers("/api/chats", "/api/chats/**", "/api/turns/**", "/api/sql/**")
                .hasRole("ANALYST")
                .pathMatchers("/api/api-keys", "/api/api-keys/**")
                .hasRole("VIEWER")
                .pathMatchers(HttpMethod.GET, "/api/projects")
                .hasRole("VIEWER")
                .pathMatchers(
                        "/ws/**",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/webjars/**")
                .hasRole("VIEWER")
                // Anything else under /api (an unknown path, or an endpoint added without a rule):
                // administrators only, so nothing new is open by accident; unknown paths then 404.
                .pathMatchers("/api/**")
                .hasRole("ADMIN")
                // The UI's static files: the pages themselves hold no data and ask the API, which checks.
                .pathMatchers(HttpMethod.GET, "/**")
                .permitAll()
                .anyExchange()
                .denyAll();
    }

    /**
     * Creates the first administrator when no user exists: with {@code QUERENT_ADMIN_PASSWORD}, or
     * with a generated password written to an owner-only file whose path is logged.
     */
    @Bean
    ApplicationRunner bootstrapAdmin(Accounts accounts, QuerentProperties props) {
        return args -> {
            String configured = props.security().adminPassword();
            boolean generated = configured == null || configured.isBlank();
            String password = generated ? generatePassword() : configured;
            accounts.bootstrapAdmin(props.security().adminUsername(), password).ifPresent(admin -> {
                if (!generated) {
                    log.info(
                            "Created the administrator '{}' with the password from QUERENT_ADMIN_PASSWORD.",
                            admin.username());
                    return;
                }
                Path file = props.dataDir().resolve("initial-admin-password");
                writeOwnerOnly(file, password + "\n");
                log.warn(
                        "Created the administrator '{}'. Sign in at the UI with the password in {} and change it"
                                + " (or set QUERENT_ADMIN_PASSWORD before the first start).",
                        admin.username(),
                        file.toAbsolutePath());
            });
        };
    }

    private static String generatePassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
