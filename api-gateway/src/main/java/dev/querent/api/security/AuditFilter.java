package dev.querent.api.security;

import dev.querent.agents.access.AuditEntry.Outcome;
import dev.querent.agents.access.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Audits every API request that changes something, and every refused one (401/403), with the
 * caller, the action it meant and how it ended. Richer entries (the SQL that ran, rows returned)
 * come from the handlers themselves.
 */
public final class AuditFilter implements WebFilter {
    private final AuditLog audit;
    private final Scheduler blocking;

    public AuditFilter(AuditLog audit, Scheduler blocking) {
        this.audit = audit;
        this.blocking = blocking;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        HttpMethod method = exchange.getRequest().getMethod();
        if (!path.startsWith("/api/") || path.startsWith("/api/auth/")) {
            return chain.filter(exchange);
        }
        boolean changes = method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication() instanceof QuerentAuthentication a
                        ? a.getPrincipal().username()
                        : null)
                .defaultIfEmpty("anonymous")
                .flatMap(actor -> {
                    // At commit the status is final, whether a handler, the error handler or security wrote it.
                    exchange.getResponse().beforeCommit(() -> {
                        record(actor, method, path, exchange.getResponse().getStatusCode(), changes);
                        return Mono.empty();
                    });
                    return chain.filter(exchange);
                });
    }

    private void record(String actor, HttpMethod method, String path, HttpStatusCode status, boolean changes) {
        int code = status == null ? 200 : status.value();
        boolean denied = code == 401 || code == 403;
        if (!changes && !denied) {
            return;
        }
        Outcome outcome = denied ? Outcome.DENIED : code < 400 ? Outcome.OK : Outcome.FAILED;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("method", method.name());
        detail.put("path", path);
        detail.put("status", code);
        Mono.fromRunnable(() -> audit.record(actor, action(method, path), path, outcome, detail))
                .subscribeOn(blocking)
                .subscribe();
    }

    /** The audit action a request means, e.g. {@code datasource.created}. */
    static String action(HttpMethod method, String path) {
        String m = method.name();
        if (path.startsWith("/api/datasources")) {
            if (path.endsWith("/sync")) {
                return "datasource.synced";
            }
            if (path.endsWith("/test")) {
                return "datasource.tested";
            }
            return "datasource." + crud(m);
        }
        if (path.startsWith("/api/knowledge")) {
            return "knowledge.changed";
        }
        if (path.startsWith("/api/review-items")) {
            return path.endsWith("/approve")
                    ? "review.approved"
                    : path.endsWith("/reject") ? "review.rejected" : "review." + m.toLowerCase();
        }
        if (path.startsWith("/api/settings")) {
            return "settings.changed";
        }
        if (path.startsWith("/api/admin/users")) {
            return "user." + crud(m);
        }
        if (path.startsWith("/api/api-keys") || path.startsWith("/api/admin/api-keys")) {
            return m.equals("DELETE") ? "apikey.revoked" : "apikey.created";
        }
        if (path.startsWith("/api/chats")) {
            if (path.endsWith("/messages")) {
                return "turn.asked";
            }
            if (path.endsWith("/sharing")) {
                return "chat.shared";
            }
            return "chat." + crud(m);
        }
        if (path.startsWith("/api/turns")) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            return "turn."
                    + switch (last) {
                        case "confirm" -> "confirmed";
                        case "reject" -> "rejected";
                        case "retry" -> "retried";
                        case "plan" -> "plan-edited";
                        case "feedback" -> "feedback";
                        default -> last;
                    };
        }
        if (path.startsWith("/api/sql")) {
            return "sql.validated";
        }
        return "api." + m.toLowerCase();
    }

    private static String crud(String method) {
        return switch (method) {
            case "POST" -> "created";
            case "PUT", "PATCH" -> "updated";
            case "DELETE" -> "deleted";
            default -> method.toLowerCase();
        };
    }
}
