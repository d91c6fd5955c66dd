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
