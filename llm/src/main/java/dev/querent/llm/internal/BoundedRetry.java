package dev.querent.llm.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.util.retry.RetryBackoffSpec;

/**
 * A few attempts with exponential backoff and jitter, for transient failures only: Resilience4j's
 * {@code Retry} for blocking calls, Reactor's retry spec (same limits) for streams. Kept small on
 * purpose: the caller is usually a person waiting for an answer, so giving up after a second or two
 * with a clear error beats hiding an outage behind minutes of retries.
 */
public final class BoundedRetry {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public BoundedRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
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
                        initialBackoff.isZero() ? Duration.ofMillis(1) : initialBackoff, 2.0, 0.2, maxBackoff))
                .retryOnException(e -> classifier.apply(e).transientFailure())
                .failAfterMaxAttempts(false)
                .build();
        try {
            return Retry.of("llm", config).executeSupplier(action);
        } catch (RuntimeException e) {
            throw classifier.apply(e).error();
        }
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
