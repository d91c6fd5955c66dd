package dev.querent.connectors;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A handle to cancel a running execution from another thread. The connector registers a canceller
 * (typically {@code Statement::cancel}) while it runs; {@link #cancel()} invokes it.
 */
public final class QueryCancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<Runnable> canceller = new AtomicReference<>();

    public static QueryCancellation none() {
        return new QueryCancellation();
    }

    public void cancel() {
        cancelled.set(true);
        Runnable r = canceller.get();
        if (r != null) {
            r.run();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Called by connectors around execution; runs the canceller at once if already cancelled. */
    public void onCancel(Runnable r) {
        canceller.set(r);
        if (cancelled.get() && r != null) {
            r.run();
        }
    }
}
