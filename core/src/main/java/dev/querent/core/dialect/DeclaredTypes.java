package dev.querent.core.dialect;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one reading of declared column types. Engines spell types freely ({@code int4},
 * {@code DOUBLE PRECISION}, {@code NUMBER(38,0)}, {@code Int64}, {@code HUGEINT}), so families are
 * recognised by the fragments their names contain rather than by a list of exact names.
 */
final class DeclaredTypes {
    private static final Pattern NUMERIC = Pattern.compile(".*(INT|DEC|NUM|REAL|FLOAT|DOUBLE|MONEY|SERIAL).*");
    private static final Pattern TEMPORAL = Pattern.compile(".*(DATE|TIME).*");
    /** SQLite's text affinity (CHAR, CLOB, TEXT), BigQuery's STRING and MySQL's ENUM('a', …) and SET('a', …). */
    private static final Pattern TEXT = Pattern.compile(".*(CHAR|CLOB|TEXT|STRING).*|(ENUM|SET)\\s*\\(.*");

    private DeclaredTypes() {}

    static TypeFamily family(String declared) {
        if (declared == null || declared.isBlank()) {
            return TypeFamily.UNKNOWN;
        }
        String t = declared.strip().toUpperCase(Locale.ROOT);
        // INTERVAL contains INT, POINT contains INT: neither is a number, and an interval is no date.
        if (t.contains("INTERVAL")) {
            return TypeFamily.OTHER;
        }
        if (t.startsWith("BOOL")) {
            return TypeFamily.BOOLEAN;
        }
        if (TEXT.matcher(t).matches()) {
            return TypeFamily.TEXT;
        }
        if (NUMERIC.matcher(t).matches() && !t.contains("POINT")) {
            return TypeFamily.NUMERIC;
        }
        if (TEMPORAL.matcher(t).matches()) {
            return TypeFamily.TEMPORAL;
        }
        return TypeFamily.OTHER;
    }
}
