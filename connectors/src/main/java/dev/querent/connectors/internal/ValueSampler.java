package dev.querent.connectors.internal;

import dev.querent.core.dialect.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a few distinct values of low-cardinality text columns ({@code status}, {@code country}),
 * so the model can match "shipped orders" to {@code status = 'shipped'}.
 *
 * <p>Cost is bounded three ways: each query reads at most {@link #SCAN_ROWS} rows of one column
 * (a column is low-cardinality if those rows hold at most {@link #MAX_DISTINCT} values), each query
 * has a timeout, and the whole pass stops at a time budget, leaving later columns unsampled.
 */
public final class ValueSampler {
    public static final int SCAN_ROWS = 10_000;
    public static final int MAX_DISTINCT = 50;
    public static final int MAX_SAMPLES = 10;
    private static final int MAX_VALUE_LENGTH = 100;
    private static final int QUERY_TIMEOUT_SECONDS = 5;
    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ValueSampler.class);

    private ValueSampler() {}

    public static void sample(Connection session, SchemaCollector schema, SqlDialect dialect) throws SQLException {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        List<SchemaCollector.TextColumn> columns = schema.textColumns();
        for (int i = 0; i < columns.size(); i++) {
            SchemaCollector.TextColumn c = columns.get(i);
            if (System.nanoTime() > deadline) {
                log.info(
                        "Value sampling stopped at its {} budget; {} columns left unsampled",
                        BUDGET,
                        columns.size() - i);
                return;
            }
            List<String> values = distinctValues(session, c, dialect);
            if (!values.isEmpty()) {
                schema.sampleValues(c.schema(), c.table(), c.column(), values);
            }
        }
    }

    private static List<String> distinctValues(Connection session, SchemaCollector.TextColumn c, SqlDialect dialect)
            throws SQLException {
        String column = dialect.quoteIdentifier(c.column());
        String table = c.schema() == null
                ? dialect.quoteIdentifier(c.table())
                : dialect.quoteIdentifier(c.schema()) + "." + dialect.quoteIdentifier(c.table());
        String sql = "SELECT v, count(*) AS n FROM (SELECT " + column + " AS v FROM " + table + " LIMIT " + SCAN_ROWS
                + ") s WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT " + (MAX_DISTINCT + 1);
        List<String> distinct = new ArrayList<>();
        try (Statement st = session.createStatement()) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    distinct.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            log.warn("Sampling {}.{} failed, left without samples: {}", table, column, e.getMessage());
            // A failed statement aborts a PostgreSQL transaction; later queries need a fresh one.
            if (!session.getAutoCommit()) {
                session.rollback();
            }
            return List.of();
        }
        if (distinct.size() > MAX_DISTINCT) {
            return List.of();
        }
        return distinct.stream()
                .filter(v -> v.length() <= MAX_VALUE_LENGTH)
                .limit(MAX_SAMPLES)
                .toList();
    }
}
