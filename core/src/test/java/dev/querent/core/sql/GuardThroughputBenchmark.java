package dev.querent.core.sql;

import dev.querent.core.Dialect;
import dev.querent.core.bench.BenchSchemas;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.testing.BenchDir;
import dev.querent.core.testing.GoldQueries;
import dev.querent.core.testing.GoldQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures the guard on one thread over every gold query: statements per second and per-statement
 * latency, without and with the schema check. A command, not a test: see {@link #main}.
 */
public final class GuardThroughputBenchmark {
    private record Case(GoldQuery query, SchemaSnapshot schema) {}

    private GuardThroughputBenchmark() {}

    /**
     * Run from the repository root after {@code mvn -o -pl core install}:
     *
     * <pre>
     * mvn -o -q -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
     * java -cp core/target/test-classes:core/target/classes:$(cat core/target/test-classpath.txt) \
     *     dev.querent.core.sql.GuardThroughputBenchmark
     * </pre>
     *
     * System properties: {@code seconds} per measurement (default 10), {@code warmupSeconds}
     * (default 5), {@code QUERENT_BENCH_DIR} when {@code shared/bench} is not beside the checkout.
     */
    public static void main(String[] args) {
        Path bench = BenchDir.locate()
                .orElseThrow(
                        () -> new IllegalStateException("set " + BenchDir.PROPERTY + " to the shared/bench directory"));
        long seconds = Long.getLong("seconds", 10);
        long warmupSeconds = Long.getLong("warmupSeconds", 5);

        List<Case> plain =
                GoldQueries.all(bench).stream().map(q -> new Case(q, null)).toList();
        Map<String, SchemaSnapshot> spider =
                BenchSchemas.load(bench.resolve(BenchSchemas.SPIDER_TABLES), Dialect.SQLITE);
        Map<String, SchemaSnapshot> bird = BenchSchemas.load(bench.resolve(BenchSchemas.BIRD_TABLES), Dialect.SQLITE);
        List<Case> withSchema = new ArrayList<>();
        GoldQueries.spider(bench).forEach(q -> withSchema.add(new Case(q, spider.get(q.dbId()))));
        for (List<GoldQuery> birdGold : List.of(
                GoldQueries.birdSqlite(bench), GoldQueries.birdMysql(bench), GoldQueries.birdPostgresql(bench))) {
            birdGold.forEach(q -> withSchema.add(new Case(q, bird.get(q.dbId()))));
        }

        List<Case> sameWithoutSchema =
                withSchema.stream().map(c -> new Case(c.query(), null)).toList();

        SqlGuard guard = new SqlGuard(GuardPolicy.defaults());
        System.out.printf(
                "%d gold statements (%d Spider/BIRD with schemas); %d s warm-up, %d s per measurement, 1 thread, %s%n",
                plain.size(), withSchema.size(), warmupSeconds, seconds, Runtime.version());
        run(guard, plain, warmupSeconds);
        report("all gold, no schema", run(guard, plain, seconds));
        run(guard, withSchema, warmupSeconds);
        report("Spider+BIRD, no schema", run(guard, sameWithoutSchema, seconds));
        report("Spider+BIRD, schema", run(guard, withSchema, seconds));
    }

    private record Measurement(long[] nanos, int count, long elapsedNanos, int rejected) {}

    private static Measurement run(SqlGuard guard, List<Case> cases, long seconds) {
        long[] nanos = new long[1 << 16];
        int count = 0;
        int rejected = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (Case c : cases) {
                long t0 = System.nanoTime();
                GuardVerdict v = guard.check(c.query().sql(), c.query().dialect(), c.schema());
                long t1 = System.nanoTime();
                if (!v.accepted()) {
                    rejected++;
                }
                if (count == nanos.length) {
                    nanos = Arrays.copyOf(nanos, nanos.length * 2);
                }
                nanos[count++] = t1 - t0;
            }
        }
        return new Measurement(nanos, count, System.nanoTime() - start, rejected);
    }

    private static void report(String label, Measurement m) {
        long[] sorted = Arrays.copyOf(m.nanos(), m.count());
        Arrays.sort(sorted);
        System.out.printf(
                "%-24s %,8.0f statements/s   p50 %,7.0f us   p99 %,7.0f us   (%,d checks, %d rejected)%n",
                label,
                m.count() / (m.elapsedNanos() / 1e9),
                sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3,
                m.count(),
                m.rejected());
    }
}
