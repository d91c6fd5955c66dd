package dev.querent.connectors;

import dev.querent.core.ResultColumn;
import java.util.List;

/**
 * Receives a result as it streams: the columns once, then each row. Values are the same Java types
 * whatever the engine: {@code null}, {@link Long} (any integer; {@link java.math.BigInteger} beyond
 * 64 bits), {@link Double}, {@link java.math.BigDecimal} (exact decimals), {@link Boolean},
 * {@link String} (text, and dates and times as ISO-8601 such as {@code 2024-03-01} or
 * {@code 2024-03-01T10:15:00}, binary as Base64, other engine types as their text form),
 * {@link List} for arrays and {@link java.util.Map} for structs; rows are unmodifiable. SQLite
 * stores decimals as floating point and booleans as integers, so they arrive as Double and Long.
 */
public interface RowSink {
    void columns(List<ResultColumn> columns);

    void row(List<Object> values);
}
