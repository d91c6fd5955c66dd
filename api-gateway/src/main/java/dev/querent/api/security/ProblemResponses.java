package dev.querent.api.security;

import dev.querent.api.problems.ProblemWebExceptionHandler;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Security refusals as the same problem details every other error gets, with a stable code. */
public final class ProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {
    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        return write(exchange, new QuerentException(ErrorCode.UNAUTHENTICATED, "Sign in, or send an API key."));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        QuerentException e = denied instanceof CsrfException
                ? new QuerentException(
                        ErrorCode.CSRF_REJECTED,
                        "The request lacks this session's CSRF token (send the XSRF-TOKEN cookie's value as"
                                + " X-XSRF-TOKEN).")
                : new QuerentException(ErrorCode.FORBIDDEN, "Your role does not allow this.");
        return write(exchange, e);
    }

    public Mono<Void> write(ServerWebExchange exchange, QuerentException e) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        ProblemDetail p = ProblemWebExceptionHandler.toProblem(e);
        p.setInstance(URI.create(exchange.getRequest().getPath().value()));
        response.setStatusCode(HttpStatus.valueOf(p.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemWebExceptionHandler.retryAfter(e)
                .ifPresent(seconds -> response.getHeaders().set("Retry-After", Long.toString(seconds)));
        if (e.code() == ErrorCode.UNAUTHENTICATED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        byte[] body = json.writeValueAsString(p).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
