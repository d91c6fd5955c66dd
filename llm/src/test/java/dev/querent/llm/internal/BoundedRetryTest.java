package dev.querent.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class BoundedRetryTest {
    private final BoundedRetry retry = BoundedRetry.of(3, Duration.ofMillis(5));

    private static Failure failure(boolean transientFailure) {
        return new Failure(new QuerentException(ErrorCode.LLM_UNAVAILABLE, "down"), transientFailure);
    }

    @Test
    void retriesTransientFailuresUpToTheLimit() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(
                        () -> {
                            attempts.incrementAndGet();
                            throw new IllegalStateException();
                        },
                        e -> failure(true)))
                .isInstanceOf(QuerentException.class)
                .hasMessage("down");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void stopsAtTheFirstPermanentFailure() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(
                        () -> {
                            attempts.incrementAndGet();
                            throw new IllegalStateException();
                        },
                        e -> failure(false)))
                .isInstanceOf(QuerentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void returnsOnceAnAttemptSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = retry.call(
                () -> {
                    if (attempts.incrementAndGet() < 2) {
                        throw new IllegalStateException();
                    }
                    return "ok";
                },
                e -> failure(true));

        assertThat(result).isEqualTo("ok");
    }

    @Test
    void afterFiveOutagesInARowTheBreakerFailsAtOnceWithTheLastMessageThenProbesAgain() throws Exception {
        BoundedRetry breaking = new BoundedRetry(1, Duration.ZERO, Duration.ZERO, Duration.ofMillis(200));
        AtomicInteger attempts = new AtomicInteger();
        Supplier<String> down = () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("connection refused");
        };
        Function<Throwable, Failure> outage = e -> new Failure(
                new QuerentException(ErrorCode.LLM_UNAVAILABLE, "Ollama at http://127.0.0.1:1 is not reachable"), true);
        for (int i = 0; i < BoundedRetry.OPEN_AFTER; i++) {
            assertThatThrownBy(() -> breaking.call(down, outage)).isInstanceOf(QuerentException.class);
        }
        assertThat(breaking.open()).isTrue();

        assertThatThrownBy(() -> breaking.call(down, outage)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("http://127.0.0.1:1", "Not called again");
        });
        assertThat(attempts).as("an open breaker does not call the server").hasValue(BoundedRetry.OPEN_AFTER);

        Thread.sleep(300);
        assertThat(breaking.call(() -> "back", outage)).isEqualTo("back");
        assertThat(breaking.open()).isFalse();
    }

    @Test
    void answersThatAreWrongButArriveDoNotOpenTheBreaker() {
        BoundedRetry breaking = new BoundedRetry(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30));
        for (int i = 0; i < 2 * BoundedRetry.OPEN_AFTER; i++) {
            assertThatThrownBy(() -> breaking.call(
                            () -> {
                                throw new IllegalStateException("garbage");
                            },
                            e -> failure(false)))
                    .isInstanceOf(QuerentException.class);
        }
        assertThat(breaking.open()).isFalse();
    }

    @Test
    void reactiveRetryUsesTheSameLimit() {
        AtomicInteger subscriptions = new AtomicInteger();
        Flux<String> failing = Flux.defer(() -> {
            subscriptions.incrementAndGet();
            return Flux.error(new IllegalStateException("boom"));
        });

        assertThatThrownBy(() -> failing.retryWhen(retry.reactive(e -> true)).blockLast(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        assertThat(subscriptions).hasValue(3);
    }

    @Test
    void estimatesTokensFromCharacters() {
        assertThat(TokenEstimator.estimate("")).isZero();
        assertThat(TokenEstimator.estimate("abcd")).isEqualTo(1);
        assertThat(TokenEstimator.estimate("abcde")).isEqualTo(2);
        assertThat(TokenEstimator.estimatePrompt(dev.querent.llm.LlmRequest.of("abcd", "abcdefgh")))
                .isEqualTo(1 + 4 + 2 + 4);
    }
}
