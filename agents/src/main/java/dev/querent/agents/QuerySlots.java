package dev.querent.agents;

import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many queries run at once: per data source, and (when an owner key is given and a
 * bound is set) per owner. A query that cannot start within {@code maxWait} is refused with {@link
 * ErrorCode#DATA_SOURCE_BUSY} (or {@link ErrorCode#RATE_LIMITED} for the owner bound); nothing has
 * changed then, so the same request can simply be sent again.
 */
public final class QuerySlots {
    private final int perDataSource;
    private final int perOwner;
    private final Duration maxWait;
    private final Map<DataSourceId, Semaphore> sources = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> owners = new ConcurrentHashMap<>();

    /**
     * @param perDataSource queries that may run at once on one data source (at least 1)
     * @param perOwner queries one owner may run at once; 0 = no owner bound
     * @param maxWait how long a query may wait for a slot before it is refused
     */
    public QuerySlots(int perDataSource, int perOwner, Duration maxWait) {
        if (perDataSource < 1 || perOwner < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("perDataSource >= 1, perOwner >= 0, maxWait >= 0");
        }
        this.perDataSource = perDataSource;
        this.perOwner = perOwner;
        this.maxWait = maxWait;
    }

    /** No practical bound (tests and tools). */
    public static QuerySlots unbounded() {
        return new QuerySlots(Integer.MAX_VALUE, 0, Duration.ZERO);
    }

    /** A held slot; closing it (once) lets the next query start. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits up to {@code maxWait} for a slot on {@code dataSource} (and for {@code ownerKey}, when
     * given and bounded).
     *
     * @param ownerKey who runs the query (a user id), or null when unknown
     */
    public Slot acquire(DataSourceId dataSource, String ownerKey) {
        Semaphore owner = ownerKey == null || perOwner == 0
                ? null
                : owners.computeIfAbsent(ownerKey, k -> new Semaphore(perOwner, true));
        if (owner != null && !tryAcquire(owner)) {
            throw refused(
                    ErrorCode.RATE_LIMITED,
                    "You are already running " + perOwner + " queries; try again when one has finished.");
        }
        Semaphore source = sources.computeIfAbsent(dataSource, k -> new Semaphore(perDataSource, true));
        if (!tryAcquire(source)) {
            if (owner != null) {
                owner.release();
            }
            throw refused(
                    ErrorCode.DATA_SOURCE_BUSY,
                    "This data source is already running " + perDataSource
                            + " queries; nothing was lost, try again in a moment.");
        }
        return new Slot() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    source.release();
                    if (owner != null) {
                        owner.release();
                    }
                }
            }
        };
    }

    /** Queries running now on a data source. */
    public int running(DataSourceId dataSource) {
        Semaphore s = sources.get(dataSource);
        return s == null ? 0 : perDataSource - s.availablePermits();
    }

    public int perDataSource() {
        return perDataSource;
    }

    private boolean tryAcquire(Semaphore s) {
        try {
            return s.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuerentException(ErrorCode.QUERY_CANCELLED, "Interrupted while waiting to run the query.");
        }
    }

    private QuerentException refused(ErrorCode code, String message) {
        long seconds = Math.max(1, maxWait.toSeconds());
        return new QuerentException(code, message, Map.of("retryAfterSeconds", seconds), null);
    }
}
