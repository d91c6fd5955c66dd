package dev.querent.connectors.demo;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends rows to one table through DuckDB's appender, the fast bulk path; values in column order. */
final class TableWriter implements AutoCloseable {
    private final DuckDBAppender appender;
    private long rows;

    TableWriter(DuckDBConnection connection, String schema, String table) throws SQLException {
        this.appender = connection.createAppender(schema, table);
    }

    void row(Object... values) throws SQLException {
        appender.beginRow();
        for (Object v : values) {
            switch (v) {
                case null -> appender.appendNull();
                case Integer i -> appender.append(i.intValue());
                case Long l -> appender.append(l.longValue());
                case String s -> appender.append(s);
                case Boolean b -> appender.append(b.booleanValue());
                case BigDecimal d -> appender.append(d);
                case LocalDate d -> appender.append(d);
                case LocalDateTime t -> appender.append(t);
                default -> throw new IllegalArgumentException("no appender for " + v.getClass());
            }
        }
        appender.endRow();
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        appender.close();
    }
}
