package dev.querent.api.security;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers only to known host names (a DNS-rebinding page reaches the server under its own name)
 * and refuses cross-site browser requests: a WebSocket handshake or an unsafe method whose
 * {@code Origin} is neither this server's own origin nor configured. Runs before everything else.
 */
public final class HostAndOriginFilter implements WebFilter {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Set<String> hosts;
    private final boolean anyHost;
    private final Set<String> origins;
    private final ProblemResponses problems;

    public HostAndOriginFilter(List<String> allowedHosts, List<String> allowedOrigins, ProblemResponses problems) {
        this.hosts = allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toSet());
        this.anyHost = hosts.contains("*");
        this.origins = allowedOrigins.stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT))
                .filter(o -> !o.isEmpty())
                .collect(Collectors.toSet());
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress host = request.getHeaders().getHost();
        if (host == null || !(anyHost || hosts.contains(host.getHostString().toLowerCase(Locale.ROOT)))) {
            return problems.write(
                    exchange,
                    new QuerentException(
                            ErrorCode.HOST_NOT_ALLOWED,
                            "This server does not answer to that host name (set QUERENT_ALLOWED_HOSTS)."));
        }
        String origin = request.getHeaders().getOrigin();
        boolean webSocket = "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
        boolean crossSiteFetch =
                "cross-site".equalsIgnoreCase(request.getHeaders().getFirst("Sec-Fetch-Site"));
        if ((webSocket || !SAFE.contains(request.getMethod()))
                && ((origin != null && !allowedOrigin(origin, host, request)) || (origin == null && crossSiteFetch))) {
            return problems.write(
                    exchange,
                    new QuerentException(
                            ErrorCode.HOST_NOT_ALLOWED,
                            "Cross-site requests are refused (origin " + origin + "; set QUERENT_ALLOWED_ORIGINS)."));
        }
        return chain.filter(exchange);
    }

    private boolean allowedOrigin(String origin, InetSocketAddress host, ServerHttpRequest request) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (origins.contains(o)) {
            return true;
        }
        try {
            URI u = URI.create(o);
            if (u.getHost() == null) {
                return false;
            }
            int port = u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
            String requestScheme = request.getURI().getScheme();
            int hostPort = host.getPort() > 0 ? host.getPort() : "https".equals(requestScheme) ? 443 : 80;
            return u.getHost().equalsIgnoreCase(host.getHostString()) && port == hostPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
