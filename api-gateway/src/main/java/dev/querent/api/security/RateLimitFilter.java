package dev.querent.api.security;

import dev.querent.core.QuerentException;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Per caller: every API request takes a REQUEST token, asking a question also an ASK token. */
final class RateLimitFilter implements WebFilter {
    private final RateLimits limits;
    private final ProblemResponses problems;

    RateLimitFilter(RateLimits limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/") || path.startsWith("/api/auth/")) {
            return chain.filter(exchange);
        }
        boolean ask = exchange.getRequest().getMethod() == HttpMethod.POST
                && path.startsWith("/api/chats/")
                && path.endsWith("/messages");
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication() instanceof QuerentAuthentication a ? a.getPrincipal() : null)
                .flatMap(user -> limits.take(RateLimits.Kind.REQUEST, user.bucketKey())
                        .then(ask ? limits.take(RateLimits.Kind.ASK, user.bucketKey()) : Mono.empty())
                        .thenReturn(true))
                .onErrorResume(
                        QuerentException.class, e -> problems.write(exchange, e).thenReturn(false))
                .defaultIfEmpty(true)
                .flatMap(allowed -> allowed ? chain.filter(exchange) : Mono.empty());
    }
}
