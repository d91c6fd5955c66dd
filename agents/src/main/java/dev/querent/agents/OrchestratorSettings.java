package dev.querent.agents;

import dev.querent.connectors.QueryLimits;

/**
 * Tunables of a chat turn.
 *
 * @param limits bounds for every execution (timeout, row cap, result-size cap)
 * @param reviewBelowConfidence answers less confident than this go to the validation queue
 * @param maxRepairs self-correction attempts after a validation or execution failure
 * @param rowsPerEvent rows per streamed {@code rows} event
 * @param previewRows the most rows stored with an answer (and streamed or replayed as events)
 * @param previewBytes the most bytes (as JSON) of the stored rows of an answer
 * @param maxPageRows the most rows one {@code rows} page may ask for
 */
public record OrchestratorSettings(
        QueryLimits limits,
        double reviewBelowConfidence,
        int maxRepairs,
        int rowsPerEvent,
        int previewRows,
        long previewBytes,
        int maxPageRows) {

    public static final int DEFAULT_PREVIEW_ROWS = 200;
    public static final long DEFAULT_PREVIEW_BYTES = 256L * 1024;
    public static final int DEFAULT_MAX_PAGE_ROWS = 1000;

    public OrchestratorSettings(QueryLimits limits, double reviewBelowConfidence, int maxRepairs, int rowsPerEvent) {
        this(
                limits,
                reviewBelowConfidence,
                maxRepairs,
                rowsPerEvent,
                DEFAULT_PREVIEW_ROWS,
                DEFAULT_PREVIEW_BYTES,
                DEFAULT_MAX_PAGE_ROWS);
    }
}
