package dev.querent.connectors;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column types a user may choose for a table loaded from a file. The type is written into SQL,
 * so it comes only from this list, never as free text.
 */
public final class FileColumnTypes {
    public static final List<String> CHOICES =
            List.of("VARCHAR", "BOOLEAN", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL(18,2)", "DATE", "TIMESTAMP", "TIME");

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\(\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*\\)");

    private FileColumnTypes() {}

    /**
     * The canonical spelling of {@code type}: one of {@link #CHOICES}, or {@code DECIMAL(p,s)} with
     * 1 ≤ p ≤ 38 and 0 ≤ s ≤ p. Anything else is {@code VALIDATION_FAILED}.
     */
    public static String canonical(String type) {
        String t = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
        if (CHOICES.contains(t)) {
            return t;
        }
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            int precision = Integer.parseInt(m.group(1));
            int scale = Integer.parseInt(m.group(2));
            if (precision >= 1 && precision <= 38 && scale <= precision) {
                return "DECIMAL(" + precision + "," + scale + ")";
            }
        }
        throw new QuerentException(
                ErrorCode.VALIDATION_FAILED,
                "A column's type must be one of " + CHOICES + " or DECIMAL(p,s) with p from 1 to 38.",
                Map.of("field", "type", "choices", CHOICES),
                null);
    }
}
