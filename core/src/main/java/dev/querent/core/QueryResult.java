package dev.querent.core;

import java.util.List;

/**
 * A fully collected, typed result.
 *
 * @param truncated true when the row cap or the result-size cap cut the result short
 */
public record QueryResult(List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, long elapsedMillis) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
