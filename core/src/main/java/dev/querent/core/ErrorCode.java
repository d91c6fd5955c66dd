package dev.querent.core;

/**
 * Stable, machine-readable error codes. The API maps each to an HTTP status; clients switch on the
 * code, never on the message. Never rename a constant: add a new one.
 */
public enum ErrorCode {
    BAD_REQUEST(400, false),
    MALFORMED_JSON(400, false),
    /** Text with NUL or other control characters (only tab, line feed and carriage return are allowed). */
    INVALID_TEXT(400, false),
    INPUT_TOO_LARGE(413, false),
    VALIDATION_FAILED(422, false),
    NOT_FOUND(404, false),
    METHOD_NOT_ALLOWED(405, false),
    UNSUPPORTED_MEDIA_TYPE(415, false),
    CONFLICT(409, false),
    INVALID_STATE(409, false),
    SQL_PARSE_ERROR(422, false),
    SQL_REJECTED(422, false),
    SQL_SCHEMA_MISMATCH(422, false),
    UNKNOWN_DATA_SOURCE_TYPE(400, false),
    DATA_SOURCE_UNREACHABLE(503, true),
    QUERY_TIMEOUT(504, true),
    QUERY_CANCELLED(409, false),
    QUERY_FAILED(422, false),
    RESULT_TOO_LARGE(413, false),
    LLM_UNAVAILABLE(503, true),
    LLM_BAD_OUTPUT(502, true),
    CANNOT_ANSWER(422, false),
    RATE_LIMITED(429, true),
    /** No valid session, API key or token came with a request that needs one. */
    UNAUTHENTICATED(401, false),
    /** Wrong user name or password (never says which). */
    AUTHENTICATION_FAILED(401, false),
    /** Signed in, but the role does not allow this. */
    FORBIDDEN(403, false),
    /** An unsafe request from a browser without the session's CSRF token. */
    CSRF_REJECTED(403, false),
    /** The request's Host or Origin is not one this server answers to (DNS rebinding, cross-site). */
    HOST_NOT_ALLOWED(403, false),
    /** The data source already runs as many queries as allowed; nothing was lost, try again shortly. */
    DATA_SOURCE_BUSY(503, true),
    INTERNAL(500, true),
    /**
     * A data source's target (host, port, database, user, path, TLS mode) changed without its
     * secrets: stored credentials are never sent to a new target, so they must be entered again.
     */
    SECRETS_REQUIRED(422, false),
    /** A data source was not saved because connecting to it with the given settings failed. */
    CONNECTION_TEST_FAILED(422, false),
    /**
     * An uploaded or folder file name that is not a plain file name: a path, {@code ..}, NUL or
     * other control characters, a reserved device name, a hidden or overlong name.
     */
    FILE_NAME_REJECTED(400, false),
    /** A file whose extension is not an allowed format, or whose content is not what the extension says. */
    FILE_TYPE_REJECTED(415, false),
    /** A file over the upload size limit. */
    FILE_TOO_LARGE(413, false),
    /** A data source of files already holds as many files as allowed. */
    TOO_MANY_FILES(409, false),
    /** A file of an allowed format that the reader could not read (malformed CSV, corrupt Parquet). */
    FILE_UNREADABLE(422, false),
    /** A column's values do not convert to the type asked for; nothing was changed. */
    TYPE_CHANGE_FAILED(422, false),
    /**
     * The engine's dry run estimates that the query would process more bytes than the data
     * source's cost cap allows (BigQuery {@code max_bytes_billed}); nothing was run or billed.
     */
    QUERY_TOO_EXPENSIVE(422, false),
    /**
     * An answer to a clarifying question names a choice the question did not offer; nothing changed,
     * the turn still waits for an answer.
     */
    UNKNOWN_CHOICE(422, false);

    private final int httpStatus;
    private final boolean retryable;

    ErrorCode(int httpStatus, boolean retryable) {
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same request may succeed later without change (a server or network fault). */
    public boolean retryable() {
        return retryable;
    }
}
