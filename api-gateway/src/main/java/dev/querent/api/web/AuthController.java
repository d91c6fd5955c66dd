package dev.querent.api.web;

import dev.querent.agents.access.AuditEntry.Outcome;
import dev.querent.agents.access.AuditLog;
import dev.querent.agents.access.Role;
import dev.querent.api.security.CurrentUser;
import dev.querent.api.security.QuerentAuthentication;
import dev.querent.api.security.QuerentUser;
import dev.querent.api.security.RateLimits;
import dev.querent.api.security.SessionContextRepository;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/** Signing in and out of the UI, who is signed in, and the CSRF token the UI sends back. */
@RestController
@RequestMapping("/api/auth")
public class AuthController {
    private final ReactiveAuthenticationManager passwords;
    private final SessionContextRepository sessions;
    private final RateLimits limits;
    private final AuditLog audit;
    private final Blocking blocking;

    public AuthController(
            ReactiveAuthenticationManager passwords,
            SessionContextRepository sessions,
            RateLimits limits,
            AuditLog audit,
            Blocking blocking) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.limits = limits;
        this.audit = audit;
        this.blocking = blocking;
    }

    public record LoginRequest(String username, String password) {}

    public record Me(String username, String displayName, Role role, QuerentUser.Method authenticatedBy) {
        static Me of(QuerentUser u) {
            return new Me(u.username(), u.displayName(), u.role(), u.method());
        }
    }

    public record CsrfResponse(String token, String headerName) {}

    @PostMapping("/login")
    public Mono<Me> login(@RequestBody LoginRequest body, ServerWebExchange exchange) {
        String username = Requests.maxLength(Requests.require(body.username(), "username"), 100, "username");
        String password = Requests.maxLength(Requests.require(body.password(), "password"), 200, "password");
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String client = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        return limits.take(RateLimits.Kind.LOGIN_CLIENT, "ip:" + client)
                .then(limits.take(RateLimits.Kind.LOGIN, "name:" + username.toLowerCase(java.util.Locale.ROOT)))
                .then(passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)))
                .onErrorMap(
                        AuthenticationException.class,
                        e -> new QuerentException(ErrorCode.AUTHENTICATION_FAILED, "Wrong user name or password."))
                .flatMap(auth -> exchange.getSession()
                        .flatMap(WebSession::changeSessionId)
                        .then(sessions.save(exchange, new SecurityContextImpl(auth)))
                        .thenReturn(((QuerentAuthentication) auth).getPrincipal()))
                .flatMap(user -> blocking.run(() ->
                                audit.record(user.username(), "auth.login", null, Outcome.OK, Map.of("client", client)))
                        .thenReturn(Me.of(user)))
                .onErrorResume(QuerentException.class, e -> blocking.run(() -> audit.record(
                                username,
                                "auth.login",
                                null,
                                e.code() == ErrorCode.RATE_LIMITED ? Outcome.DENIED : Outcome.FAILED,
                                Map.of("client", client, "code", e.code().name())))
                        .then(Mono.error(e)));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> logout(ServerWebExchange exchange) {
        return CurrentUser.get()
                .flatMap(u -> blocking.run(() -> audit.record(u.username(), "auth.logout", null, Outcome.OK, Map.of())))
                .onErrorResume(QuerentException.class, e -> Mono.empty())
                .then(exchange.getSession().flatMap(WebSession::invalidate));
    }

    @GetMapping("/me")
    public Mono<Me> me(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return (token == null ? Mono.<CsrfToken>empty() : token)
                .then(CurrentUser.get().map(Me::of));
    }

    /** Sets the {@code XSRF-TOKEN} cookie and returns its value. */
    @GetMapping("/csrf")
    public Mono<CsrfResponse> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null
                ? Mono.error(new QuerentException(ErrorCode.INTERNAL, "CSRF protection is not active."))
                : token.map(t -> new CsrfResponse(t.getToken(), t.getHeaderName()));
    }
}
