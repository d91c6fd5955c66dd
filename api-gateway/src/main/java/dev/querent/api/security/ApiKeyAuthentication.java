package dev.querent.api.security;

import dev.querent.agents.access.Accounts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * API keys: {@code X-Api-Key: qk_…} or {@code Authorization: Bearer qk_…}. A request carrying a key
 * is authenticated by that key alone (never by a session cookie), and a wrong key is a 401.
 */
public final class ApiKeyAuthentication {
    public static final String HEADER = "X-Api-Key";

    private ApiKeyAuthentication() {}

    /** The key a request presents, or null. */
    public static String presentedKey(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String auth = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = auth.substring(7).strip();
            return token.startsWith(Accounts.KEY_PREFIX) ? token : null;
        }
        return null;
    }

    /** Whether a request brings its own credentials in a header (so no cookie may speak for it). */
    public static boolean hasCredentialHeader(ServerHttpRequest request) {
        return request.getHeaders().containsHeader(HEADER)
                || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
    }

    public static AuthenticationWebFilter filter(Accounts accounts, Scheduler blocking, ProblemResponses problems) {
        ReactiveAuthenticationManager manager = authentication -> Mono.fromCallable(
                        () -> accounts.authenticateKey((String) authentication.getCredentials())
                                .map(h -> (Authentication) new QuerentAuthentication(QuerentUser.ofKey(
                                        h.user(), h.role(), h.key().id())))
                                .orElseThrow(() -> new BadCredentialsException("unknown, revoked or expired API key")))
                .subscribeOn(blocking);
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        ServerWebExchangeMatcher hasKey = exchange -> presentedKey(exchange.getRequest()) != null
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
        filter.setRequiresAuthenticationMatcher(hasKey);
        filter.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(presentedKey(exchange.getRequest()))
                .map(key -> UsernamePasswordAuthenticationToken.unauthenticated("api-key", key)));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(problems));
        return filter;
    }
}
