package dev.querent.core.bench;

import java.util.ArrayList;
import java.util.List;

/** Defog sql-eval's {@code query} cells: several acceptable gold queries in one field. */
public final class DefogQueries {
    private DefogQueries() {}

    /**
     * Expands a defog {@code query} cell the way its evaluator does: split on {@code ;} outside quotes, and for
     * the first {@code {a, b}} group every non-empty combination of its columns, also filling a
     * {@code GROUP BY {}} with the same columns.
     */
    public static List<String> expand(String cell) {
        List<String> out = new ArrayList<>();
        for (String part : statements(cell)) {
            String query = part.strip();
            if (query.isEmpty()) {
                continue;
            }
            int start = query.indexOf('{');
            int end = start < 0 ? -1 : query.indexOf('}', start + 1);
            if (start < 0 || end < 0) {
                out.add(query);
                continue;
            }
            String[] options = query.substring(start + 1, end).split(",");
            String left = query.substring(0, start);
            String right = query.substring(end + 1);
            for (int mask = 1; mask < (1 << options.length); mask++) {
                List<String> chosen = new ArrayList<>();
                for (int k = 0; k < options.length; k++) {
                    if ((mask & (1 << k)) != 0) {
                        chosen.add(options[k]);
                    }
                }
                String columns = String.join(", ", chosen);
                out.add(left + columns + right.replace("GROUP BY {}", "GROUP BY " + columns));
            }
        }
        return out;
    }

    /** Splits on semicolons outside quotes; blank pieces dropped. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == ';') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
