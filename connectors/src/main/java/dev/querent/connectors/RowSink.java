package dev.querent.connectors;

import dev.querent.core.ResultColumn;
import java.util.List;

/** Receives a result as it streams: the columns once, then each row (values typed by JDBC). */
public interface RowSink {
    void columns(List<ResultColumn> columns);

    void row(List<Object> values);
}
