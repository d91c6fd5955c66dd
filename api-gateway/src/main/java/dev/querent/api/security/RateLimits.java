package dev.querent.api.security;

import dev.querent.api.properties.QuerentProperties;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Token buckets per caller and kind of work (Bucket4j): in memory for one instance, or shared
 * through Redis (Lettuce) when several instances serve the same users. A refused request gets
 * {@code RATE_LIMITED} (429) with the seconds to wait.
 */
public final class RateLimits implements AutoCloseable {
    public enum Kind {
        REQUEST,
        ASK,
        /** Sign-in attempts for one user name. */
        LOGIN,
        /** Sign-in attempts from one client address: several people may share one (NAT, proxy). */
        LOGIN_CLIENT,
        /** Language-model tokens (prompt + completion) per user and hour. */
        MODEL_TOKENS
    }

    /** In-memory buckets beyond this are dropped wholesale: a flood of client addresses cannot grow memory. */
    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final Map<Kind, BucketConfiguration> configs = new EnumMap<>(Kind.class);
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private final RedisClient redis;
    private final ProxyManager<byte[]> shared;
    private final Scheduler blocking;

    public RateLimits(QuerentProperties.RateLimit limits, Scheduler blocking) {
        this.blocking = blocking;
        configs.put(Kind.REQUEST, perMinute(limits.requestsPerMinute()));
        configs.put(Kind.ASK, perMinute(limits.asksPerMinute()));
        configs.put(Kind.LOGIN, perMinute(limits.loginsPerMinute()));
        configs.put(Kind.LOGIN_CLIENT, perMinute(5 * limits.loginsPerMinute()));
        configs.put(Kind.MODEL_TOKENS, per(limits.modelTokensPerHour(), Duration.ofHours(1)));
        if (limits.redisUrl() == null || limits.redisUrl().isBlank()) {
            this.redis = null;
            this.shared = null;
        } else {
            this.redis = RedisClient.create(limits.redisUrl());
            this.shared = Bucket4jLettuce.casBasedBuilder(redis)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(2)))
                    .build();
        }
    }

    /** Takes one token of {@code kind} for {@code caller}, or fails with RATE_LIMITED. */
    public Mono<Void> take(Kind kind, String caller) {
        return probe(kind, caller, b -> b.tryConsumeAndReturnRemaining(1)).flatMap(probe -> check(kind, probe));
    }

    /**
     * Fails with RATE_LIMITED while {@code caller}'s {@code kind} bucket is empty (or overdrawn),
     * without taking anything: for budgets charged after the fact.
     */
    public Mono<Void> requireAvailable(Kind kind, String caller) {
        return probe(kind, caller, b -> b.estimateAbilityToConsume(1))
                .flatMap(estimate ->
                        estimate.canBeConsumed() ? Mono.empty() : refuse(kind, estimate.getNanosToWaitForRefill()));
    }

    /** Charges {@code amount} to {@code caller}'s {@code kind} bucket, even beyond what is left. Blocking. */
    public void charge(Kind kind, String caller, long amount) {
        if (amount > 0) {
            bucket(kind, caller).consumeIgnoringRateLimits(amount);
        }
    }

    private <T> Mono<T> probe(Kind kind, String caller, java.util.function.Function<Bucket, T> op) {
        if (shared == null) {
            return Mono.fromSupplier(() -> op.apply(bucket(kind, caller)));
        }
        return Mono.fromCallable(() -> op.apply(bucket(kind, caller))).subscribeOn(blocking);
    }

    private Bucket bucket(Kind kind, String caller) {
        String key = "querent:rl:" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + caller;
        return shared == null
                ? localBucket(kind, key)
                : shared.builder().build(key.getBytes(StandardCharsets.UTF_8), () -> configs.get(kind));
    }

    private Bucket localBucket(Kind kind, String key) {
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear();
        }
        return local.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(configs.get(kind).getBandwidths()[0])
                .build());
    }

    private static Mono<Void> check(Kind kind, ConsumptionProbe probe) {
        return probe.isConsumed() ? Mono.empty() : refuse(kind, probe.getNanosToWaitForRefill());
    }

    private static Mono<Void> refuse(Kind kind, long nanosToWait) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait) + 1);
        return Mono.error(new QuerentException(
                ErrorCode.RATE_LIMITED,
                "Too many "
                        + switch (kind) {
                            case REQUEST -> "requests";
                            case ASK -> "questions";
                            case LOGIN, LOGIN_CLIENT -> "sign-in attempts";
                            case MODEL_TOKENS -> "language-model tokens";
                        } + "; try again in " + seconds + " s.",
                Map.of("retryAfterSeconds", seconds),
                null));
    }

    private static BucketConfiguration perMinute(long n) {
        return per(n, Duration.ofMinutes(1));
    }

    private static BucketConfiguration per(long n, Duration period) {
        long capacity = Math.max(1, n);
        return BucketConfiguration.builder()
                .addLimit(BandwidthBuilder.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, period)
                        .build())
                .build();
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.shutdown();
        }
    }
}
