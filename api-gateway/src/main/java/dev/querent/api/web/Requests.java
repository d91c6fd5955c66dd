package dev.querent.api.web;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Map;

/** Checks on request bodies that the type system cannot express. */
final class Requests {
    private Requests() {}

    static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "'" + field + "' is required.", Map.of("field", field), null);
        }
        return value;
    }

    static String maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new QuerentException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "'" + field + "' is longer than " + max + " characters.",
                    Map.of("field", field, "max", max),
                    null);
        }
        return value;
    }
}
