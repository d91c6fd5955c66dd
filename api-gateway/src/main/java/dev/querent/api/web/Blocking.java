package dev.querent.api.web;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs blocking work off the event loop, on one of two bounded schedulers: {@link #call}/{@link
 * #run} for cheap work (metadata reads and writes), {@link #query}/{@link #queryRun} for work that
 * runs queries on a data source, so slow queries cannot starve the cheap requests.
 */
public final class Blocking {
    private final Scheduler scheduler;
    private final Scheduler queries;

    public Blocking(Scheduler scheduler, Scheduler queries) {
        this.scheduler = scheduler;
        this.queries = queries;
    }

    /** One scheduler for both kinds of work (tests, tools). */
    public Blocking(Scheduler scheduler) {
        this(scheduler, scheduler);
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    public Mono<Void> run(Runnable work) {
        return Mono.<Void>fromRunnable(work).subscribeOn(scheduler);
    }

    /** Work that executes SQL on a data source or otherwise waits on it (tests, syncs). */
    public <T> Mono<T> query(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(queries);
    }

    public Mono<Void> queryRun(Runnable work) {
        return Mono.<Void>fromRunnable(work).subscribeOn(queries);
    }
}
