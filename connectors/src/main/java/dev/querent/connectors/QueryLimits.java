package dev.querent.connectors;

import java.time.Duration;

/**
 * Bounds for one execution.
 *
 * @param timeout statement timeout enforced by the engine/driver
 * @param maxRows rows beyond this are not read; the result is marked truncated
 * @param maxResultBytes approximate in-memory size cap for the rows read
 */
public record QueryLimits(Duration timeout, int maxRows, long maxResultBytes) {
    public static QueryLimits defaults() {
        return new QueryLimits(Duration.ofSeconds(30), 10_000, 32L * 1024 * 1024);
    }
}
