package dev.querent.llm.internal;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.util.retry.RetryBackoffSpec;

/**
 * A few attempts with exponential backoff and jitter, for transient failures only: Resilience4j's
 * {@code Retry} for blocking calls, Reactor's retry spec (same limits) for streams. Kept small on
 * purpose: the caller is usually a person waiting for an answer, so giving up after a second or two
 * with a clear error beats hiding an outage behind minutes of retries.
 *
 * <p>Blocking calls also pass a Resilience4j circuit breaker, one per client: after {@value
 * #OPEN_AFTER} calls in a row fail transiently (the server unreachable, 5xx, 429) it stops calling
 * for {@link #OPEN_FOR} and fails at once with the last outage's message, then lets one call through
 * to probe. A question asked while the model is down fails in milliseconds, not after retries.
 */
public final class BoundedRetry {
    /** Transient failures in a row that open the breaker. */
    public static final int OPEN_AFTER = 5;

    /** How long an open breaker refuses calls before one probe goes through. */
    public static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration openFor;
    private final CircuitBreaker breaker;
    private volatile QuerentException lastOutage;

    public BoundedRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, initialBackoff, maxBackoff, OPEN_FOR);
    }

    /** @param openFor how long the circuit breaker stays open after {@value #OPEN_AFTER} outages in a row */
    public BoundedRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration openFor) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.openFor = openFor;
        this.breaker = CircuitBreaker.of(
                "llm",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(OPEN_AFTER)
                        .minimumNumberOfCalls(OPEN_AFTER)
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    }

    /** {@code maxAttempts} attempts, waiting {@code initialBackoff} first and doubling, up to 8 times it. */
    public static BoundedRetry of(int maxAttempts, Duration initialBackoff) {
        return new BoundedRetry(maxAttempts, initialBackoff, initialBackoff.multipliedBy(8));
    }

    /** Three attempts, waiting about 0.3 s and then 0.6 s. */
    public static BoundedRetry defaults() {
        return new BoundedRetry(3, Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    /**
     * Runs {@code action}, retrying while its failure is transient (Resilience4j {@code Retry} with
     * exponential, jittered backoff), and throws the classified error of the last attempt.
     */
    public <T> T call(Supplier<T> action, Function<Throwable, Failure> classifier) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        atLeastOneMilli(initialBackoff), 2.0, 0.2, atLeastOneMilli(maxBackoff)))
                .retryOnException(e -> classifier.apply(e).transientFailure())
                .failAfterMaxAttempts(false)
                .build();
        if (!breaker.tryAcquirePermission()) {
            QuerentException last = lastOutage;
            throw new QuerentException(
                    ErrorCode.LLM_UNAVAILABLE,
                    (last == null ? "The model server is unavailable." : last.getMessage())
                            + " Not called again for up to " + openFor.toSeconds() + " s after " + OPEN_AFTER
                            + " failures in a row.",
                    last);
        }
        long start = System.nanoTime();
        try {
            T result = Retry.of("llm", config).executeSupplier(action);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException e) {
            Failure failure = classifier.apply(e);
            if (failure.transientFailure()) {
                lastOutage = failure.error();
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure.error());
            } else {
                // The server answered (bad output, bad request): that is no outage.
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            throw failure.error();
        }
    }

    /** Resilience4j refuses intervals under a millisecond; a zero backoff means "retry at once". */
    private static Duration atLeastOneMilli(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }

    /** Whether the breaker currently refuses calls (for health reporting and tests). */
    public boolean open() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** The same policy for a reactive source; failures that do not match are passed on at once. */
    public RetryBackoffSpec reactive(Predicate<Throwable> retryable) {
        return reactor.util.retry.Retry.backoff(
                        maxAttempts - 1L, initialBackoff.isZero() ? Duration.ofMillis(1) : initialBackoff)
                .maxBackoff(maxBackoff)
                .jitter(0.2)
                .filter(retryable)
                .onRetryExhaustedThrow((s, signal) -> signal.failure());
    }
}
