package dev.querent.api.web;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Runs blocking work (JDBC, the agents) on the bounded blocking scheduler. */
public final class Blocking {
    private final Scheduler scheduler;

    public Blocking(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    public Mono<Void> run(Runnable work) {
        return Mono.<Void>fromRunnable(work).subscribeOn(scheduler);
    }
}
