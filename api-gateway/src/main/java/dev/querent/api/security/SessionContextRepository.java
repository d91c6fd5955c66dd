package dev.querent.api.security;

import dev.querent.agents.access.Accounts;
import dev.querent.agents.access.UserAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sessions for the UI, kept in the server's web session. A session is re-checked against the
 * account at most every {@link #RECHECK} so that disabling a user or lowering a role takes effect
 * within seconds, not at the session's end. Requests with their own credential header never use a
 * session, so a cookie cannot lend authority to a request that skipped the CSRF check.
 */
public final class SessionContextRepository implements ServerSecurityContextRepository {
    static final Duration RECHECK = Duration.ofSeconds(10);

    private record Checked(QuerentUser user, Instant at) {}

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final Accounts accounts;
    private final Scheduler blocking;
    private final Clock clock;
    private final Map<String, Checked> recent = new ConcurrentHashMap<>();

    public SessionContextRepository(Accounts accounts, Scheduler blocking, Clock clock) {
        this.accounts = accounts;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        if (ApiKeyAuthentication.hasCredentialHeader(exchange.getRequest())) {
            return Mono.empty();
        }
        return sessions.load(exchange).flatMap(ctx -> {
            if (!(ctx.getAuthentication() instanceof QuerentAuthentication a)) {
                return Mono.empty();
            }
            return current(a.getPrincipal())
                    .map(u -> (SecurityContext) new SecurityContextImpl(new QuerentAuthentication(u)));
        });
    }

    /** Forgets what was checked about a user, e.g. after an administrator changed them. */
    public void forget(String userId) {
        recent.remove(userId);
    }

    private Mono<QuerentUser> current(QuerentUser user) {
        Instant now = clock.instant();
        Checked c = recent.get(user.id());
        if (c != null && c.at().plus(RECHECK).isAfter(now)) {
            return Mono.justOrEmpty(c.user());
        }
        return Mono.fromCallable(() -> {
                    UserAccount u = accounts.require(user.id());
                    QuerentUser fresh = u.disabled() ? null : QuerentUser.of(u, u.role(), QuerentUser.Method.SESSION);
                    recent.put(user.id(), new Checked(fresh, now));
                    return java.util.Optional.ofNullable(fresh);
                })
                .subscribeOn(blocking)
                .onErrorResume(e -> Mono.just(java.util.Optional.empty()))
                .flatMap(Mono::justOrEmpty);
    }
}
