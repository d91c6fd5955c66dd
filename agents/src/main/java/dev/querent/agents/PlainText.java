package dev.querent.agents;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Map;

/** User text (questions, titles, reasons, notes, names) holds no NUL or other control characters. */
public final class PlainText {
    private PlainText() {}

    /**
     * Returns {@code value} unchanged (null stays null), or refuses it with {@link
     * ErrorCode#INVALID_TEXT} when it holds a control character other than tab, line feed or
     * carriage return, or a lone UTF-16 surrogate.
     */
    public static String check(String value, String field) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean bad = Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                bad = true;
            }
            if (bad) {
                throw new QuerentException(
                        ErrorCode.INVALID_TEXT,
                        "'" + field + "' contains a control character (U+" + String.format("%04X", (int) c)
                                + "); only tab and line breaks are allowed.",
                        Map.of("field", field, "index", i),
                        null);
            }
        }
        return value;
    }
}
