package dev.querent.agents;

import dev.querent.core.ResultColumn;
import java.util.List;

/**
 * The rows an answered turn returned (as stored: at most the row cap).
 *
 * @param truncated a row or size cap cut the result short
 */
public record TurnResult(
        List<ResultColumn> columns, List<List<Object>> rows, long rowCount, boolean truncated, long elapsedMillis) {
    public TurnResult {
        columns = List.copyOf(columns);
        rows = rows.stream()
                .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                .toList();
    }
}
