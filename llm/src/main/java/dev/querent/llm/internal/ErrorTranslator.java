package dev.querent.llm.internal;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns provider and transport errors into {@link QuerentException}s whose messages name the
 * provider, the endpoint and what went wrong in one sentence, and never carry exception text or
 * stack traces (they reach end users through the API).
 */
public final class ErrorTranslator {
    private static final int MAX_SERVER_MESSAGE = 200;
    private static final Pattern JSON_MESSAGE =
            Pattern.compile("\"(?:message|error)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String provider;
    private final String displayUrl;
    private final String model;
    private final Duration timeout;

    public ErrorTranslator(String provider, String baseUrl, String model, Duration timeout) {
        this.provider = provider;
        this.displayUrl = displayUrl(baseUrl);
        this.model = model;
        this.timeout = timeout;
    }

    /** The URL without user info, query or fragment, so credentials never end up in messages. */
    public static String displayUrl(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl);
            if (uri.getHost() == null) {
                return baseUrl;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            return "(invalid URL)";
        }
    }

    public String displayUrl() {
        return displayUrl;
    }

    public Failure unavailable(String reason, boolean transientFailure, Throwable cause) {
        return new Failure(
                new QuerentException(ErrorCode.LLM_UNAVAILABLE, subject() + " " + reason, details(), cause),
                transientFailure);
    }

    public QuerentException badOutput(String reason) {
        return badOutput(reason, null).error();
    }

    public Failure badOutput(String reason, Throwable cause) {
        return new Failure(
                new QuerentException(
                        ErrorCode.LLM_BAD_OUTPUT,
                        subject() + " returned an unusable response: " + reason,
                        details(),
                        cause),
                false);
    }

    /** Connection failures, timeouts and unparsable payloads, wherever they sit in the cause chain. */
    public Optional<Failure> fromTransport(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof InterruptedIOException) {
                return Optional.of(unavailable("did not answer within " + seconds(timeout), false, error));
            }
            if (t instanceof ConnectException) {
                return Optional.of(unavailable("is not reachable: connection refused", true, error));
            }
            if (t instanceof UnknownHostException) {
                return Optional.of(unavailable("is not reachable: unknown host", false, error));
            }
            if (isMalformedPayload(t)) {
                return Optional.of(badOutput("the payload is not valid JSON for its API", error));
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return Optional.of(unavailable("is not reachable: the connection failed", true, error));
            }
        }
        return Optional.empty();
    }

    /** An HTTP error status with the server's own explanation, if any, in {@code body}. */
    public Failure fromStatus(int status, String body, Throwable cause) {
        String serverSays = serverMessage(body).map(m -> ": " + m).orElse("");
        if (status == 404) {
            return unavailable("does not know model '" + model + "' (HTTP 404" + serverSays + ")", false, cause);
        }
        if (status == 401 || status == 403) {
            return unavailable(
                    "rejected the credentials (HTTP " + status + "); check QUERENT_LLM_API_KEY", false, cause);
        }
        if (status == 429) {
            return unavailable("is rate limiting requests (HTTP 429)", true, cause);
        }
        if (status == 408 || status >= 500) {
            return unavailable("failed with HTTP " + status, true, cause);
        }
        return unavailable("rejected the request (HTTP " + status + serverSays + ")", false, cause);
    }

    /**
     * Anything not recognised. Null and type errors come from mapping a response that lacks fields
     * the API requires, so they count as bad output; the rest is reported naming only the error type.
     */
    public Failure unexpected(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NullPointerException
                    || t instanceof ClassCastException
                    || t instanceof IndexOutOfBoundsException) {
                return badOutput("required fields are missing or have the wrong type", error);
            }
        }
        return unavailable("failed unexpectedly (" + error.getClass().getSimpleName() + ")", false, error);
    }

    static Optional<String> serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        Matcher m = JSON_MESSAGE.matcher(body);
        String message = m.find()
                ? m.group(1).replace("\\\"", "\"")
                : body.strip().lines().findFirst().orElse("");
        message = message.strip();
        if (message.length() > MAX_SERVER_MESSAGE) {
            message = message.substring(0, MAX_SERVER_MESSAGE) + "...";
        }
        return message.isEmpty() ? Optional.empty() : Optional.of(message);
    }

    private static boolean isMalformedPayload(Throwable t) {
        return t instanceof tools.jackson.core.JacksonException
                || t instanceof com.fasterxml.jackson.core.JacksonException
                || t instanceof org.springframework.http.converter.HttpMessageNotReadableException
                || t instanceof org.springframework.core.codec.DecodingException
                || t instanceof org.springframework.web.client.UnknownContentTypeException;
    }

    private String subject() {
        return provider + " at " + displayUrl;
    }

    private Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("provider", provider);
        d.put("baseUrl", displayUrl);
        if (model != null) {
            d.put("model", model);
        }
        return d;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
