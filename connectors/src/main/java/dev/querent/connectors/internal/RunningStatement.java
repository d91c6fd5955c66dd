package dev.querent.connectors.internal;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One statement while it runs: stops it when its time is up or when someone cancels it.
 *
 * <p>Driver-level query timeouts are not enough (SQLite's {@code setQueryTimeout} does not stop a
 * running CTE), so a watchdog runs the {@link Canceller} itself. A cancel that lands before the
 * engine has started the statement is lost (SQLite and PostgreSQL drop it), so once stopped the
 * statement is cancelled again every {@link #RECANCEL_INTERVAL} until the execution ends.
 * Cancelling never happens after {@link #finish()}: native drivers may crash on a freed handle,
 * and a late cancel must not hit the next statement on a pooled connection.
 */
public final class RunningStatement {
    private static final Logger log = LoggerFactory.getLogger(RunningStatement.class);
    private static final Duration RECANCEL_INTERVAL = Duration.ofMillis(200);
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final Canceller canceller;
    private final Duration timeout;
    // Not a monitor: a cancel may block on the network, and a monitor would pin a virtual thread.
    private final ReentrantLock lock = new ReentrantLock();
    private boolean running = true;
    private volatile boolean timedOut;
    private volatile boolean cancelled;
    private ScheduledFuture<?> pending;

    /** Stops whatever runs; safe to call repeatedly and when nothing runs. */
    @FunctionalInterface
    public interface Canceller {
        void cancel() throws SQLException;
    }

    private RunningStatement(Canceller canceller, Duration timeout) {
        this.canceller = canceller;
        this.timeout = timeout;
    }

    /** Starts a watch; {@code canceller} runs once {@code timeout} has passed. */
    public static RunningStatement watch(Canceller canceller, Duration timeout) {
        RunningStatement r = new RunningStatement(canceller, timeout);
        r.schedule(r::timeUp, timeout);
        return r;
    }

    /** Cancels on behalf of the user (registered with {@code QueryCancellation#onCancel}). */
    public void cancel() {
        cancelled = true;
        stop();
    }

    public boolean timedOut() {
        return timedOut;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Throws the matching error when the statement was stopped; checked between rows. */
    public void throwIfStopped() {
        if (cancelled) {
            throw cancelledError(null);
        }
        if (timedOut) {
            throw timeoutError(null);
        }
    }

    public QuerentException cancelledError(Throwable cause) {
        return new QuerentException(ErrorCode.QUERY_CANCELLED, "The query was cancelled.", cause);
    }

    public QuerentException timeoutError(Throwable cause) {
        return new QuerentException(
                ErrorCode.QUERY_TIMEOUT,
                "The query ran longer than its " + describe(timeout) + " limit and was stopped.",
                Map.of("timeoutMillis", timeout.toMillis()),
                cause);
    }

    /** Ends the watch; call before the statement is closed. */
    public void finish() {
        lock.lock();
        try {
            running = false;
            if (pending != null) {
                pending.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }

    private void timeUp() {
        timedOut = true;
        stop();
    }

    private void stop() {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            try {
                canceller.cancel();
            } catch (SQLException e) {
                log.warn("Cancelling a statement failed: {}", e.getMessage());
            }
            schedule(this::stop, RECANCEL_INTERVAL);
        } finally {
            lock.unlock();
        }
    }

    private void schedule(Runnable action, Duration delay) {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            // The watchdog thread only hands off: a driver's cancel may block on the network.
            pending = WATCHDOG.schedule(
                    () -> Thread.ofVirtual().name("querent-cancel").start(action),
                    Math.max(1, delay.toMillis()),
                    TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "querent-query-watchdog");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }
}
