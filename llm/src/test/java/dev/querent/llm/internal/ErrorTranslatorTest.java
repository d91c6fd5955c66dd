package dev.querent.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorTranslatorTest {
    private final ErrorTranslator errors =
            new ErrorTranslator("Ollama", "http://user:pw@gpu:11434/?token=x", "arctic", Duration.ofSeconds(30));

    @Test
    void urlsLoseCredentialsAndQueries() {
        assertThat(errors.displayUrl()).isEqualTo("http://gpu:11434/");
        assertThat(ErrorTranslator.displayUrl("https://api.example/v1")).isEqualTo("https://api.example/v1");
    }

    @Test
    void transportFailuresAreFoundInTheCauseChain() {
        Failure refused = errors.fromTransport(new RuntimeException("wrapped", new ConnectException("nope")))
                .orElseThrow();
        assertThat(refused.transientFailure()).isTrue();
        assertThat(refused.error().code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
        assertThat(refused.error().getMessage())
                .isEqualTo("Ollama at http://gpu:11434/ is not reachable: connection refused");
        assertThat(refused.error().details()).containsEntry("model", "arctic").doesNotContainValue("pw");

        Failure timeout = errors.fromTransport(new TimeoutException()).orElseThrow();
        assertThat(timeout.transientFailure()).isFalse();
        assertThat(timeout.error().getMessage()).endsWith("did not answer within 30 s");

        assertThat(errors.fromTransport(new IOException("reset")).orElseThrow().transientFailure())
                .isTrue();
        assertThat(errors.fromTransport(new IllegalStateException("?"))).isEmpty();
    }

    @Test
    void statusesMapToRetryabilityAndReadableMessages() {
        assertThat(errors.fromStatus(503, null, null).transientFailure()).isTrue();
        assertThat(errors.fromStatus(429, null, null).transientFailure()).isTrue();
        assertThat(errors.fromStatus(401, null, null).transientFailure()).isFalse();
        assertThat(errors.fromStatus(404, "{\"error\":\"model \\\"arctic\\\" not found, try pulling it first\"}", null)
                        .error()
                        .getMessage())
                .isEqualTo("Ollama at http://gpu:11434/ does not know model 'arctic' (HTTP 404: model \"arctic\" not"
                        + " found, try pulling it first)");
        assertThat(errors.fromStatus(400, "x".repeat(500), null).error().getMessage())
                .hasSizeLessThan(300);
    }

    @Test
    void serverMessagesComeFromJsonOrTheFirstLine() {
        assertThat(ErrorTranslator.serverMessage("{\"error\":{\"message\":\"bad key\",\"type\":\"auth\"}}"))
                .contains("bad key");
        assertThat(ErrorTranslator.serverMessage("Traceback (most recent call last):\n  File x"))
                .contains("Traceback (most recent call last):");
        assertThat(ErrorTranslator.serverMessage("  ")).isEmpty();
    }
}
