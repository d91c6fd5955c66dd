package dev.querent.api.security;

import dev.querent.api.config.QuerentProperties;
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
        LOGIN_CLIENT
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

    /** Whether buckets live in Redis. */
    public boolean distributed() {
        return shared != null;
    }

    /** Takes one token of {@code kind} for {@code caller}, or fails with RATE_LIMITED. */
    public Mono<Void> take(Kind kind, String caller) {
        String key = "querent:rl:" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + caller;
        if (shared == null) {
            return check(kind, localBucket(kind, key).tryConsumeAndReturnRemaining(1));
        }
        return Mono.fromCallable(() -> shared.builder()
                        .build(key.getBytes(StandardCharsets.UTF_8), () -> configs.get(kind))
                        .tryConsumeAndReturnRemaining(1))
                .subscribeOn(blocking)
                .flatMap(probe -> check(kind, probe));
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
        if (probe.isConsumed()) {
            return Mono.empty();
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        return Mono.error(new QuerentException(
                ErrorCode.RATE_LIMITED,
                "Too many "
                        + switch (kind) {
                            case REQUEST -> "requests";
                            case ASK -> "questions";
                            case LOGIN, LOGIN_CLIENT -> "sign-in attempts";
                        } + "; try again in " + seconds + " s.",
                Map.of("retryAfterSeconds", seconds),
                null));
    }

    private static BucketConfiguration perMinute(long n) {
        long capacity = Math.max(1, n);
        return BucketConfiguration.builder()
                .addLimit(BandwidthBuilder.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, Duration.ofMinutes(1))
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
