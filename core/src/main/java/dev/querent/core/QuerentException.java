package dev.querent.core;

import java.util.Map;
import java.util.Objects;

/** The one exception type that crosses module boundaries; carries a stable {@link ErrorCode}. */
public class QuerentException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    public QuerentException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public QuerentException(ErrorCode code, String message, Throwable cause) {
        this(code, message, Map.of(), cause);
    }

    public QuerentException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra machine-readable facts (e.g. rejection reasons); safe to show to the user. */
    public Map<String, Object> details() {
        return details;
    }
}
