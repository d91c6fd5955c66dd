package dev.querent.llm.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * A few attempts with exponential backoff and jitter, for transient failures only. Kept small on
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
     * Runs {@code action}, retrying while its failure is transient, and throws the classified error
     * of the last attempt.
     */
    public <T> T call(Supplier<T> action, Function<Throwable, Failure> classifier) {
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try {
                return action.get();
            } catch (RuntimeException e) {
                failure = classifier.apply(e);
            }
            if (!failure.transientFailure() || attempt >= maxAttempts) {
                throw failure.error();
            }
            try {
                Thread.sleep(backoff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure.error();
            }
        }
    }

    /** The same policy for a reactive source; failures that do not match are passed on at once. */
    public RetryBackoffSpec reactive(Predicate<Throwable> retryable) {
        return Retry.backoff(maxAttempts - 1L, initialBackoff.isZero() ? Duration.ofMillis(1) : initialBackoff)
                .maxBackoff(maxBackoff)
                .jitter(0.2)
                .filter(retryable)
                .onRetryExhaustedThrow((s, signal) -> signal.failure());
    }

    private Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, maxBackoff.toMillis());
        long jitter = capped / 5;
        return Duration.ofMillis(
                capped - jitter + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(2 * jitter + 1)));
    }
}
