package dev.querent.connectors;

import dev.querent.core.Dialect;
import dev.querent.core.QueryResult;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SafeSql;
import java.util.ArrayList;
import java.util.List;

/**
 * One open data source. Every execution is read-only at the session level, bounded by
 * {@link QueryLimits}, and takes only {@link SafeSql}: text the AST guard accepted.
 *
 * <p>Implementations are thread-safe; calls block (JDBC), so callers run them off the event loop.
 * Failures are {@link dev.querent.core.QuerentException}s with codes such as
 * {@code DATA_SOURCE_UNREACHABLE}, {@code QUERY_TIMEOUT}, {@code QUERY_CANCELLED}, {@code QUERY_FAILED}.
 */
public interface DataSourceInterface extends AutoCloseable {

    String type();

    Dialect dialect();

    /** Opens a connection and runs a trivial query; never throws. */
    ConnectionTestResult testConnection();

    /** Introspects tables, views, columns, keys, comments, row estimates and sample values. */
    SchemaSnapshot getSchema();

    /**
     * Executes {@code sql}, streaming columns and rows to {@code sink} as they are read. Stops at
     * {@link QueryLimits#maxRows()} or {@link QueryLimits#maxResultBytes()} and reports truncation.
     */
    ExecutionSummary stream(SafeSql sql, QueryLimits limits, QueryCancellation cancellation, RowSink sink);

    /** Executes and collects the whole (capped) result. */
    default QueryResult executeQuery(SafeSql sql, QueryLimits limits, QueryCancellation cancellation) {
        List<List<Object>> rows = new ArrayList<>();
        var columns = new ArrayList<dev.querent.core.ResultColumn>();
        ExecutionSummary summary = stream(sql, limits, cancellation, new RowSink() {
            @Override
            public void columns(List<dev.querent.core.ResultColumn> cols) {
                columns.addAll(cols);
            }

            @Override
            public void row(List<Object> row) {
                rows.add(row);
            }
        });
        return new QueryResult(columns, rows, summary.truncated(), summary.elapsedMillis());
    }

    /**
     * Dry run: asks the engine to plan {@code sql} without executing it ({@code EXPLAIN}). Errors the
     * engine finds (unknown column, type mismatch) come back as a failed {@link ExplainResult}.
     */
    ExplainResult explain(SafeSql sql, QueryLimits limits);

    @Override
    void close();
}
