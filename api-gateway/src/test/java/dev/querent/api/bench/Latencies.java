package dev.querent.api.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Prints one line of latency figures: count, p50, p95 and the mean or the maximum. */
final class Latencies {
    private Latencies() {}

    static void print(String label, List<Double> ms, boolean maxInsteadOfMean) {
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            System.out.printf(Locale.ROOT, "%-28s no samples%n", label);
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%-28s n=%d  p50=%.1f ms  p95=%.1f ms  %s=%.1f ms%n",
                label,
                v.length,
                pct(v, 0.50),
                pct(v, 0.95),
                maxInsteadOfMean ? "max" : "mean",
                maxInsteadOfMean
                        ? Arrays.stream(v).max().orElse(0)
                        : Arrays.stream(v).average().orElse(0));
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
