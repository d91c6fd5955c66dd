package dev.querent.agents;

import dev.querent.core.ResultColumn;
import java.util.List;

/**
 * One page of an answered turn's rows, read by running its SQL again (read-only, through the guard).
 *
 * @param offset index of the first row of this page in the answer
 * @param hasMore rows follow this page
 * @param truncated the row or size cap stops the answer before the end: rows beyond it cannot be paged
 */
public record RowPage(
        List<ResultColumn> columns,
        List<List<Object>> rows,
        long offset,
        int limit,
        boolean hasMore,
        boolean truncated,
        long elapsedMillis) {
    public RowPage {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
