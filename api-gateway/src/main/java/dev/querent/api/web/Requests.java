package dev.querent.api.web;

import dev.querent.agents.PlainText;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Map;

/**
 * Checks on request bodies that the type system cannot express. Every text checked here is also
 * refused when it holds NUL or another control character ({@code INVALID_TEXT}).
 */
final class Requests {
    private Requests() {}

    static String require(String value, String field) {
        PlainText.check(value, field);
        if (value == null || value.isBlank()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "'" + field + "' is required.", Map.of("field", field), null);
        }
        return value;
    }

    static String maxLength(String value, int max, String field) {
        PlainText.check(value, field);
        if (value != null && value.length() > max) {
            throw new QuerentException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "'" + field + "' is longer than " + max + " characters.",
                    Map.of("field", field, "max", max),
                    null);
        }
        return value;
    }

    /** Free text without a length rule of its own (a reason, a note, a name). */
    static String text(String value, String field) {
        return PlainText.check(value, field);
    }
}
