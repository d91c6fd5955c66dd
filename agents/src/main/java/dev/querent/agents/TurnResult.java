package dev.querent.agents;

import dev.querent.core.ResultColumn;
import java.util.List;

/**
 * The rows an answered turn returned. What is stored (and what a chat, a turn or a replayed event
 * shows) is a bounded preview of the first rows; the confirm and retry responses carry every row
 * read (within the row and size caps), and {@code GET /api/turns/{id}/rows} pages the rest.
 *
 * @param rowCount rows the execution read (at most the row cap)
 * @param truncated {@code rows} holds fewer rows than the answer: a row or size cap cut the
 *     execution short, or only a preview was kept
 * @param previewRows how many rows {@code rows} holds (derived)
 * @param totalRowsKnown {@code rowCount} is the whole answer's size: no cap cut the execution short
 * @param truncatedBy what cut the rows, when {@code truncated}: {@code DEFAULT_LIMIT} (the query set
 *     no LIMIT, the guard added the default one and exactly that many rows came back, so more may
 *     exist), {@code RESULT_CAP} (the row or size cap stopped reading), {@code PREVIEW} (only the
 *     first rows were kept; page the rest)
 */
public record TurnResult(
        List<ResultColumn> columns,
        List<List<Object>> rows,
        long rowCount,
        boolean truncated,
        long elapsedMillis,
        Integer previewRows,
        Boolean totalRowsKnown,
        String truncatedBy) {
    public static final String DEFAULT_LIMIT = "DEFAULT_LIMIT";
    public static final String RESULT_CAP = "RESULT_CAP";
    public static final String PREVIEW = "PREVIEW";

    public TurnResult {
        columns = List.copyOf(columns);
        rows = rows.stream()
                .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                .toList();
        previewRows = rows.size();
        if (totalRowsKnown == null) { // stored before the field existed
            totalRowsKnown = !truncated;
        }
        if (truncatedBy == null && truncated) { // stored before the field existed
            truncatedBy = totalRowsKnown ? PREVIEW : RESULT_CAP;
        }
        if (!truncated) {
            truncatedBy = null;
        }
    }

    public TurnResult(
            List<ResultColumn> columns,
            List<List<Object>> rows,
            long rowCount,
            boolean truncated,
            long elapsedMillis,
            int previewRows,
            Boolean totalRowsKnown) {
        this(columns, rows, rowCount, truncated, elapsedMillis, previewRows, totalRowsKnown, null);
    }

    /** This whole result, marked as possibly cut by the default LIMIT the guard added. */
    public TurnResult cutByDefaultLimit() {
        return new TurnResult(columns, rows, rowCount, true, elapsedMillis, 0, false, DEFAULT_LIMIT);
    }

    /** A whole result as read: truncated only when a cap cut the execution short. */
    public TurnResult(
            List<ResultColumn> columns, List<List<Object>> rows, long rowCount, boolean truncated, long elapsedMillis) {
        this(columns, rows, rowCount, truncated, elapsedMillis, 0, !truncated);
    }

    /** The first {@code n} rows, marked truncated when rows were left out. */
    public TurnResult preview(int n) {
        if (n >= rows.size()) {
            return this;
        }
        return new TurnResult(
                columns,
                rows.subList(0, n),
                rowCount,
                true,
                elapsedMillis,
                0,
                totalRowsKnown,
                truncatedBy != null ? truncatedBy : PREVIEW);
    }
}
