package dev.querent.api.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges a predicted result against a gold one the way defog's evaluator does: duplicate rows
 * dropped, row order ignored, column names ignored (columns are matched by their values).
 * {@link Outcome#EXACT}: the same columns; {@link Outcome#SUBSET}: the prediction has extra columns
 * but contains every gold column (reported apart, as defog does). Values: numbers compared to six
 * decimals, everything else as text.
 */
public final class RowMatch {
    public enum Outcome {
        EXACT,
        SUBSET,
        WRONG
    }

    /** Whose rules judge a set's answers. */
    public enum Rule {
        /** defog sql-eval: {@link #compare}. */
        DEFOG,
        /**
         * Spider test-suite: rows as multisets (as lists when the gold SQL orders them), the same
         * column count, columns matched by a permutation search.
         */
        SPIDER,
        /** BIRD: {@code set(predicted) == set(gold)}, rows as tuples in their column order. */
        BIRD
    }

    /** Judges by {@code rule}; {@code goldOrdered}: the gold SQL has ORDER BY (Spider only). */
    public static Outcome compare(
            Rule rule, List<List<Object>> predicted, List<List<Object>> gold, boolean goldOrdered) {
        return switch (rule) {
            case DEFOG -> compare(predicted, gold);
            case BIRD ->
                new HashSet<>(normalize(predicted)).equals(new HashSet<>(normalize(gold)))
                        ? Outcome.EXACT
                        : Outcome.WRONG;
            case SPIDER -> spider(normalize(predicted), normalize(gold), goldOrdered);
        };
    }

    private static Outcome spider(List<List<String>> p, List<List<String>> g, boolean ordered) {
        if (p.size() != g.size()) {
            return Outcome.WRONG;
        }
        if (g.isEmpty()) {
            return Outcome.EXACT;
        }
        int w = width(g);
        if (width(p) != w) {
            return Outcome.WRONG;
        }
        java.util.Map<List<String>, Integer> goldBag = ordered ? null : bag(g);
        int[] tried = {0};
        return permute(w, new ArrayList<>(), new boolean[w], tried, perm -> {
                    List<List<String>> projected = new ArrayList<>(p.size());
                    for (List<String> row : p) {
                        List<String> r = new ArrayList<>(w);
                        perm.forEach(c -> r.add(row.get(c)));
                        projected.add(r);
                    }
                    return ordered ? projected.equals(g) : bag(projected).equals(goldBag);
                })
                ? Outcome.EXACT
                : Outcome.WRONG;
    }

    private static java.util.Map<List<String>, Integer> bag(List<List<String>> rows) {
        java.util.Map<List<String>, Integer> m = new java.util.HashMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }

    private static boolean permute(
            int w,
            List<Integer> chosen,
            boolean[] used,
            int[] tried,
            java.util.function.Predicate<List<Integer>> test) {
        if (chosen.size() == w) {
            tried[0]++;
            return test.test(chosen);
        }
        for (int c = 0; c < w && tried[0] < MAX_SEARCH; c++) {
            if (!used[c]) {
                used[c] = true;
                chosen.add(c);
                if (permute(w, chosen, used, tried, test)) {
                    return true;
                }
                chosen.removeLast();
                used[c] = false;
            }
        }
        return false;
    }

    /** Permutation search stops here; wider results are compared in the order given. */
    private static final int MAX_SEARCH = 40_320;

    private RowMatch() {}

    public static Outcome compare(List<List<Object>> predicted, List<List<Object>> gold) {
        List<List<String>> p = normalize(predicted);
        List<List<String>> g = normalize(gold);
        int pc = width(p);
        int gc = width(g);
        if (g.isEmpty() && p.isEmpty()) {
            return Outcome.EXACT;
        }
        if (pc < gc || (p.isEmpty() != g.isEmpty())) {
            return Outcome.WRONG;
        }
        Set<List<String>> goldRows = new HashSet<>(g);
        boolean found = search(p, goldRows, gc, pc, new ArrayList<>(), new boolean[pc], new int[] {0});
        if (!found) {
            return Outcome.WRONG;
        }
        return pc == gc ? Outcome.EXACT : Outcome.SUBSET;
    }

    /** Tries mappings gold column i → predicted column chosen[i]. */
    private static boolean search(
            List<List<String>> p,
            Set<List<String>> gold,
            int gc,
            int pc,
            List<Integer> chosen,
            boolean[] used,
            int[] tried) {
        if (chosen.size() == gc) {
            tried[0]++;
            Set<List<String>> projected = new HashSet<>();
            for (List<String> row : p) {
                List<String> r = new ArrayList<>(gc);
                for (int c : chosen) {
                    r.add(row.get(c));
                }
                projected.add(r);
            }
            return projected.equals(gold);
        }
        for (int c = 0; c < pc && tried[0] < MAX_SEARCH; c++) {
            if (!used[c]) {
                used[c] = true;
                chosen.add(c);
                if (search(p, gold, gc, pc, chosen, used, tried)) {
                    return true;
                }
                chosen.removeLast();
                used[c] = false;
            }
        }
        return false;
    }

    private static int width(List<List<String>> rows) {
        return rows.isEmpty() ? 0 : rows.getFirst().size();
    }

    private static List<List<String>> normalize(List<List<Object>> rows) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<String> r = new ArrayList<>(row.size());
            for (Object v : row) {
                r.add(value(v));
            }
            out.add(r);
        }
        return out;
    }

    static String value(Object v) {
        if (v == null) {
            return "\u0000null";
        }
        if (v instanceof Number n) {
            try {
                return new BigDecimal(n.toString())
                        .setScale(6, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        String s = v.toString();
        // Numbers stored as text compare with numbers.
        if (!s.isEmpty() && s.length() < 40 && s.matches("-?\\d+(\\.\\d+)?")) {
            return value(new BigDecimal(s));
        }
        return s;
    }
}
