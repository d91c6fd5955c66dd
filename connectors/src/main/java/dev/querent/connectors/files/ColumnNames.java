package dev.querent.connectors.files;

import dev.querent.core.Dialect;
import dev.querent.core.dialect.SqlDialect;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Table and column names made from file names and headers: lower snake case ASCII, starting with a
 * letter, not a DuckDB reserved word, unique among their siblings. People and models can then
 * write them without quotes.
 */
final class ColumnNames {
    static final int MAX_LENGTH = 63;
    private static final SqlDialect DUCKDB = Dialect.DUCKDB.sql();

    private ColumnNames() {}

    /** One cleaned name; {@code fallback} when nothing usable remains. */
    static String clean(String raw, String fallback) {
        String ascii = Normalizer.normalize(raw == null ? "" : raw, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        // camelCase → camel_case before lower-casing
        String snake = ascii.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (snake.isEmpty()) {
            snake = fallback;
        }
        if (!Character.isLetter(snake.charAt(0))) {
            snake = (fallback.startsWith("column") ? "c_" : "t_") + snake;
        }
        if (snake.length() > MAX_LENGTH) {
            snake = snake.substring(0, MAX_LENGTH).replaceAll("_+$", "");
        }
        if (DUCKDB.isReserved(snake)
                || DUCKDB.needsQuoting(snake)
                || DUCKDB.pseudoColumns().contains(snake)) {
            snake = snake + "_";
        }
        return snake;
    }

    /** Cleaned, unique (case-insensitively) column names for a header, in order. */
    static List<String> columns(List<String> headers) {
        List<String> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            out.add(unique(clean(headers.get(i), "column_" + (i + 1)), taken));
        }
        return out;
    }

    /** {@code name}, or {@code name_2}, {@code name_3}… whichever is not in {@code taken}; adds it. */
    static String unique(String name, Collection<String> taken) {
        String candidate = name;
        for (int n = 2; taken.contains(candidate); n++) {
            String suffix = "_" + n;
            String base = name.length() + suffix.length() > MAX_LENGTH
                    ? name.substring(0, MAX_LENGTH - suffix.length())
                    : name;
            candidate = base + suffix;
        }
        taken.add(candidate);
        return candidate;
    }
}
