package dev.querent.connectors.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * {@link Random} with the helpers the generators need. {@code java.util.Random}'s algorithm is
 * fixed by its specification and only {@code StrictMath} is used, so a seed gives the same data
 * on every JVM and platform.
 */
final class DemoRandom {
    static final LocalDate FIRST_DAY = LocalDate.of(2022, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 6, 30);

    private final Random random;

    DemoRandom(long seed) {
        this.random = new Random(seed);
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    double unit() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double gaussian(double mean, double sd) {
        return mean + sd * random.nextGaussian();
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Picks by weight; {@code weights} parallel to {@code items}. */
    <T> T pick(List<T> items, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < items.size(); i++) {
            x -= weights[i];
            if (x < 0) {
                return items.get(i);
            }
        }
        return items.getLast();
    }

    /** Fisher-Yates with this generator, so the order depends on the seed alone. */
    <T> void shuffle(List<T> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = items.get(i);
            items.set(i, items.get(j));
            items.set(j, tmp);
        }
    }

    /** Money between {@code min} and {@code max}, in cents. */
    BigDecimal money(double min, double max) {
        long cents = StrictMath.round((min + random.nextDouble() * (max - min)) * 100);
        return BigDecimal.valueOf(cents, 2);
    }

    LocalDate date(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays((long) (random.nextDouble() * (days + 1)));
    }

    /**
     * A date in [{@code from}, {@code LAST_DAY}] skewed towards the end, so activity grows over
     * time the way a young business's does.
     */
    LocalDate growingDate(LocalDate from) {
        LocalDate start = from.isBefore(FIRST_DAY) ? FIRST_DAY : from;
        long days = ChronoUnit.DAYS.between(start, LAST_DAY);
        if (days <= 0) {
            return LAST_DAY;
        }
        double skewed = StrictMath.pow(random.nextDouble(), 0.75);
        return start.plusDays(StrictMath.min(days, (long) (skewed * (days + 1))));
    }

    LocalDateTime at(LocalDate day, int fromHour, int toHour) {
        int minutes = between(fromHour * 60, toHour * 60 - 1);
        return day.atTime(minutes / 60, minutes % 60, between(0, 59));
    }
}
