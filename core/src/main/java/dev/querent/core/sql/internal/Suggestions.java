package dev.querent.core.sql.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known names closest to a misspelt one, for "did you mean" hints. */
public final class Suggestions {
    private static final int MAX = 3;

    private Suggestions() {}

    public static List<String> closest(String wanted, Collection<String> known) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int budget = Math.max(2, w.length() / 3);
        record Scored(String name, int distance) {}
        return known.stream()
                .distinct()
                .map(k -> {
                    String lk = k.toLowerCase(Locale.ROOT);
                    // A name containing the other (e.g. "name" in "singer_name") is as good as a near miss.
                    int d = lk.contains(w) || w.contains(lk) ? 1 : distance(w, lk);
                    return new Scored(k, d);
                })
                .filter(s -> s.distance() <= budget)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(MAX)
                .map(Scored::name)
                .toList();
    }

    /** A "did you mean" suffix, or nothing when no name is close. */
    public static String hint(String wanted, Collection<String> known) {
        List<String> close = closest(wanted, known);
        return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
