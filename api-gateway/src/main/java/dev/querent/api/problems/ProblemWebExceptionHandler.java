package dev.querent.api.problems;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Turns every error — ours, the framework's (bad JSON, unknown route, oversize body), or an
 * unexpected one — into RFC 9457 problem details with a stable {@code code}. Never a stack trace.
 */
@Component
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ServerCodecConfigurer codecs;

    public ProblemWebExceptionHandler(ServerCodecConfigurer codecs) {
        this.codecs = codecs;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            // The client went away (reset, aborted): nothing to answer, nothing to fix.
            log.debug(
                    "client disconnected during {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    ex.toString());
            return Mono.empty();
        }
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = toProblem(ex);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        ServerResponse.BodyBuilder builder =
                ServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Long retryAfter = retryAfterSeconds(problem);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        }
        return builder.bodyValue(problem).flatMap(response -> response.writeTo(exchange, new Context(codecs)));
    }

    /** The seconds a client should wait, when the error says so ({@code details.retryAfterSeconds}). */
    public static java.util.Optional<Long> retryAfter(QuerentException e) {
        return e.details().get("retryAfterSeconds") instanceof Number n
                ? java.util.Optional.of(n.longValue())
                : java.util.Optional.empty();
    }

    public static ProblemDetail toProblem(Throwable ex) {
        Throwable root = unwrap(ex);
        if (root instanceof QuerentException q) {
            return problem(q.code(), q.code().httpStatus(), q.getMessage(), q.details());
        }
        if (root instanceof DataBufferLimitException || hasCause(root, DataBufferLimitException.class)) {
            return problem(ErrorCode.INPUT_TOO_LARGE, 413, "The request body is too large.", Map.of());
        }
        if (root instanceof MethodNotAllowedException m) {
            return problem(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    405,
                    "Method " + m.getHttpMethod() + " is not allowed here.",
                    Map.of());
        }
        if (root instanceof UnsupportedMediaTypeStatusException) {
            return problem(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415, "Send JSON (Content-Type: application/json).", Map.of());
        }
        if (root instanceof ServerWebInputException in) {
            if (hasCause(in, DecodingException.class)) {
                return problem(
                        ErrorCode.MALFORMED_JSON,
                        400,
                        "The request body is not valid JSON for this endpoint.",
                        Map.of());
            }
            return problem(ErrorCode.BAD_REQUEST, 400, reason(in), Map.of());
        }
        if (root instanceof ResponseStatusException rs) {
            HttpStatusCode status = rs.getStatusCode();
            ErrorCode code = status.value() == 404
                    ? ErrorCode.NOT_FOUND
                    : status.value() == 413
                            ? ErrorCode.INPUT_TOO_LARGE
                            : status.is4xxClientError() ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
            String detail = status.value() == 404 ? "No such resource." : reason(rs);
            return problem(code, status.value(), detail, Map.of());
        }
        log.error("unexpected error", ex);
        return problem(ErrorCode.INTERNAL, 500, "An unexpected error occurred; it has been logged.", Map.of());
    }

    /**
     * Seconds a client should wait before sending the same request again, for refusals that say so
     * ({@code DATA_SOURCE_BUSY}, {@code RATE_LIMITED}), else null.
     */
    public static Long retryAfterSeconds(ProblemDetail problem) {
        Map<String, Object> props = problem.getProperties();
        if (props == null
                || !(ErrorCode.DATA_SOURCE_BUSY.name().equals(props.get("code"))
                        || ErrorCode.RATE_LIMITED.name().equals(props.get("code")))) {
            return null;
        }
        if (props.get("details") instanceof Map<?, ?> details && details.get("retryAfterSeconds") instanceof Number n) {
            return Math.max(1, n.longValue());
        }
        return 1L;
    }

    private static ProblemDetail problem(ErrorCode code, int status, String detail, Map<String, Object> details) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        p.setType(URI.create("https://querent.dev/errors/"
                + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setProperty("code", code.name());
        p.setProperty("retryable", code.retryable());
        p.setProperty("details", details);
        return p;
    }

    private static String reason(ResponseStatusException e) {
        return e.getReason() == null ? "Bad request." : e.getReason();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (!(cur instanceof QuerentException) && cur.getCause() != null && cur.getCause() != cur) {
            if (cur instanceof ResponseStatusException) {
                break;
            }
            cur = cur.getCause();
        }
        return cur instanceof QuerentException || cur instanceof ResponseStatusException ? cur : t;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private record Context(ServerCodecConfigurer codecs) implements ServerResponse.Context {
        @Override
        public java.util.List<HttpMessageWriter<?>> messageWriters() {
            return codecs.getWriters();
        }

        @Override
        public java.util.List<ViewResolver> viewResolvers() {
            return java.util.List.of();
        }
    }
}
