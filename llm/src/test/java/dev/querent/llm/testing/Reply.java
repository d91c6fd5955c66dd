package dev.querent.llm.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FakeLlmServer} answers to one chat request, or (through {@link
 * FakeLlmServer#enqueueEmbeddings}) how it fails or delays one embedding request. Immutable; the
 * {@code with…} methods return modified copies.
 *
 * @param texts completion texts; choice {@code i} of a request uses {@code texts[i % size]}
 * @param status the HTTP status; anything but 200 sends {@code rawBody} instead of a completion
 * @param rawBody sent verbatim when not {@code null} (error bodies, malformed payloads)
 * @param promptTokens reported prompt tokens, or -1 to report no usage at all
 * @param completionTokens reported completion tokens, or -1 for the number of words
 * @param delay wait before the response starts
 * @param chunkDelay wait between streamed chunks
 * @param chunkSize characters per streamed chunk
 * @param dropConnection close the connection without answering
 */
public record Reply(
        List<String> texts,
        int status,
        String rawBody,
        String model,
        int promptTokens,
        int completionTokens,
        Duration delay,
        Duration chunkDelay,
        int chunkSize,
        boolean dropConnection) {

    public static final int DEFAULT_PROMPT_TOKENS = 100;

    public Reply {
        texts = List.copyOf(texts);
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(chunkDelay, "chunkDelay");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
    }

    /** A completion; several texts become the choices of one request asking for {@code n}. */
    public static Reply text(String... texts) {
        if (texts.length == 0) {
            throw new IllegalArgumentException("at least one text");
        }
        return new Reply(
                List.of(texts), 200, null, null, DEFAULT_PROMPT_TOKENS, -1, Duration.ZERO, Duration.ZERO, 7, false);
    }

    /** A completion read from {@code /fixtures/<name>} on the classpath. */
    public static Reply fixture(String name) {
        return text(FakeLlmServer.fixture(name));
    }

    /** An error status with a JSON body in the shape both APIs use. */
    public static Reply status(int status, String message) {
        String body = "{\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"type\":\"server_error\"}}";
        return raw(status, body);
    }

    /** A 200 whose body is not JSON at all. */
    public static Reply malformed() {
        return raw(200, "{\"model\": \"oops\", \"message\": <html>not json");
    }

    public static Reply raw(int status, String body) {
        return new Reply(List.of(), status, body, null, -1, -1, Duration.ZERO, Duration.ZERO, 7, false);
    }

    /** Closes the connection without a response, as a crashing or restarting server does. */
    public static Reply disconnect() {
        return new Reply(List.of(), 200, null, null, -1, -1, Duration.ZERO, Duration.ZERO, 7, true);
    }

    public Reply withUsage(int promptTokens, int completionTokens) {
        return new Reply(
                texts,
                status,
                rawBody,
                model,
                promptTokens,
                completionTokens,
                delay,
                chunkDelay,
                chunkSize,
                dropConnection);
    }

    public Reply withoutUsage() {
        return withUsage(-1, -1);
    }

    public Reply withModel(String model) {
        return new Reply(
                texts,
                status,
                rawBody,
                model,
                promptTokens,
                completionTokens,
                delay,
                chunkDelay,
                chunkSize,
                dropConnection);
    }

    public Reply withDelay(Duration delay) {
        return new Reply(
                texts,
                status,
                rawBody,
                model,
                promptTokens,
                completionTokens,
                delay,
                chunkDelay,
                chunkSize,
                dropConnection);
    }

    public Reply withChunks(int chunkSize, Duration chunkDelay) {
        return new Reply(
                texts,
                status,
                rawBody,
                model,
                promptTokens,
                completionTokens,
                delay,
                chunkDelay,
                chunkSize,
                dropConnection);
    }

    boolean reportsUsage() {
        return promptTokens >= 0;
    }

    int completionTokensFor(String text) {
        return completionTokens >= 0
                ? completionTokens
                : text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    static String read(String resource) {
        try (InputStream in = Reply.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
