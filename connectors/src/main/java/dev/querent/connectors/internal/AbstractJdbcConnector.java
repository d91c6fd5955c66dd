package dev.querent.connectors.internal;

import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.ExecutionSummary;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.RowSink;
import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.ResultColumn;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SafeSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a JDBC connector that does not depend on the engine: the streaming loop with its
 * row and size caps, timeout and cancellation, error mapping, explain and the connection test.
 * An engine supplies {@link #openSession()}, {@link #introspect(Connection)} and a few hooks.
 */
public abstract class AbstractJdbcConnector implements DataSourceInterface {
    private static final Logger log = LoggerFactory.getLogger(AbstractJdbcConnector.class);
    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

    private final String type;
    private final Dialect dialect;

    protected AbstractJdbcConnector(String type, Dialect dialect) {
        this.type = Objects.requireNonNull(type, "type");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Opens a session that refuses writes by itself, whatever SQL it is handed: a read-only
     * database handle or a read-only transaction. Every execution, explain and introspection runs
     * on one, so the guard is not the only thing standing between a query and the data. Public so
     * tests can prove that refusal directly.
     */
    public abstract Connection openSession() throws SQLException;

    /** Reads the catalog through {@code session}. */
    protected abstract SchemaSnapshot introspect(Connection session) throws SQLException;

    /** Engine setup for one execution, e.g. a server-side statement timeout. */
    protected void prepare(Connection session, Statement statement, QueryLimits limits) throws SQLException {}

    /**
     * Prepares a session for one statement. An engine that can run a statement under another
     * database role overrides this; the others refuse a statement that asks for one.
     */
    protected void prepare(Connection session, Statement statement, QueryLimits limits, SafeSql sql)
            throws SQLException {
        if (sql.runAs().isPresent()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "This engine cannot run a query as another database role; remove the data source's"
                            + " database-role setting.");
        }
        prepare(session, statement, limits);
    }

    /** Reads one value; engines override to pick {@code java.time} types or unwrap driver types. */
    protected Object readValue(ResultSet rs, int column, int sqlType, String typeName) throws SQLException {
        return rs.getObject(column);
    }

    /**
     * How to stop {@code statement} from another thread. The default, {@link Statement#cancel()},
     * suits drivers whose cancel acts whenever it is called.
     */
    protected RunningStatement.Canceller canceller(Connection session, Statement statement) throws SQLException {
        return statement::cancel;
    }

    protected String explainStatement(String sql) {
        return "EXPLAIN " + sql;
    }

    /** The plan as text; by default the last column of every row, one per line. */
    protected String readPlan(ResultSet rs) throws SQLException {
        int last = rs.getMetaData().getColumnCount();
        List<String> lines = new ArrayList<>();
        while (rs.next()) {
            lines.add(rs.getString(last));
        }
        return String.join("\n", lines);
    }

    /**
     * How engines write row estimates in their plans: PostgreSQL {@code rows=N}, DuckDB {@code ~N rows}
     * or {@code EC: N}, MySQL's JSON {@code "rows_examined_per_scan": N} / {@code "rows_produced_per_join": N},
     * MariaDB's {@code "rows": N}.
     */
    private static final java.util.regex.Pattern ROW_ESTIMATE = java.util.regex.Pattern.compile(
            "rows=(\\d+)|~(\\d+) [Rr]ows|EC: ?(\\d+)|\"rows(?:_examined_per_scan|_produced_per_join)?\": ?(\\d+)");

    /** The largest row estimate in a plan's text, or null when it has none (SQLite's plans have none). */
    protected Long estimatedRows(String plan) {
        if (plan == null) {
            return null;
        }
        Long max = null;
        var m = ROW_ESTIMATE.matcher(plan);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    long n = Long.parseLong(m.group(g));
                    max = max == null ? n : Math.max(max, n);
                }
            }
        }
        return max;
    }

    /** The engine's own words, without driver noise. */
    protected String engineMessage(SQLException e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
    }

    /** Whether the engine itself stopped the statement for running too long. */
    protected boolean isEngineTimeout(SQLException e) {
        return e instanceof SQLTimeoutException;
    }

    /**
     * Whether the driver or engine refused a value or row for exceeding its size bound (set from
     * {@link dev.querent.connectors.SourcePolicy#valueBufferBytes()}), before materialising it.
     */
    protected boolean isResultTooLarge(SQLException e) {
        return false;
    }

    /**
     * Makes sure {@code session} is not used again, e.g. because a transfer was abandoned halfway
     * and the protocol stream is out of step. Pooled connectors evict it; the default does nothing
     * (a session is closed right after anyway).
     */
    protected void discard(Connection session) {}

    /**
     * What a failure to connect tells the user. By default the driver's words; network connectors
     * override this with fixed texts, so a connection test cannot be used to tell a closed port from
     * a silent one or another protocol, nor to read another service's banner.
     */
    protected String connectFailureMessage(Throwable e) {
        if (e instanceof SQLException sql) {
            return engineMessage(sql);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    protected boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("08"))
                || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLTransientConnectionException;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Dialect dialect() {
        return dialect;
    }

    @Override
    public ConnectionTestResult testConnection() {
        long started = System.nanoTime();
        try {
            Connection session = openSession();
            try (Statement st = session.createStatement()) {
                RunningStatement running = RunningStatement.watch(canceller(session, st), TEST_TIMEOUT);
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                } finally {
                    running.finish();
                }
                var meta = session.getMetaData();
                String version = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
                return new ConnectionTestResult(true, version, null, millisSince(started));
            } finally {
                release(session);
            }
        } catch (Exception | LinkageError e) {
            log.debug("Connection test of a {} data source failed", type, e);
            Throwable cause = e instanceof QuerentException q && q.getCause() != null ? q.getCause() : e;
            String message = e instanceof QuerentException q && q.code() != ErrorCode.DATA_SOURCE_UNREACHABLE
                    ? q.getMessage()
                    : connectFailureMessage(cause);
            return new ConnectionTestResult(
                    false, null, message == null ? e.getClass().getSimpleName() : message, millisSince(started));
        }
    }

    @Override
    public SchemaSnapshot getSchema() {
        Connection session = connect();
        try {
            return introspect(session);
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw unreachable(e);
            }
            throw new QuerentException(
                    ErrorCode.QUERY_FAILED, "Reading the schema failed: " + engineMessage(e), details(e), e);
        } finally {
            release(session);
        }
    }

    @Override
    public ExecutionSummary stream(SafeSql sql, QueryLimits limits, QueryCancellation cancellation, RowSink sink) {
        requireDialect(sql);
        checkLimits(limits);
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(sink, "sink");
        long started = System.nanoTime();
        if (cancellation.isCancelled()) {
            throw new QuerentException(ErrorCode.QUERY_CANCELLED, "The query was cancelled.");
        }
        Connection session = connect();
        try {
            return execute(session, sql, limits, cancellation, sink, started);
        } finally {
            release(session);
        }
    }

    private ExecutionSummary execute(
            Connection session,
            SafeSql sql,
            QueryLimits limits,
            QueryCancellation cancellation,
            RowSink sink,
            long started) {
        Statement st = null;
        RunningStatement running = null;
        try {
            st = session.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            if (limits.maxRows() < Integer.MAX_VALUE) {
                // A hint only (one extra row tells whether the cap cut anything); the loop enforces it.
                st.setMaxRows(limits.maxRows() + 1);
            }
            prepare(session, st, limits, sql);
            running = RunningStatement.watch(canceller(session, st), limits.timeout());
            cancellation.onCancel(running::cancel);
            try (ResultSet rs = st.executeQuery(sql.sql())) {
                return read(rs, limits, running, sink, started);
            }
        } catch (SQLException e) {
            if (isResultTooLarge(e)) {
                discard(session);
                throw new QuerentException(
                        ErrorCode.RESULT_TOO_LARGE,
                        "A value or row of the result is larger than this server reads (about "
                                + limits.maxResultBytes() / 1024 + " KiB per answer); select fewer or"
                                + " shorter columns.",
                        details(e),
                        e);
            }
            throw translate(e, running);
        } finally {
            cancellation.onCancel(null);
            if (running != null) {
                running.finish();
            }
            closeStatement(st);
        }
    }

    private ExecutionSummary read(
            ResultSet rs, QueryLimits limits, RunningStatement running, RowSink sink, long started)
            throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int width = md.getColumnCount();
        int[] sqlTypes = new int[width + 1];
        String[] typeNames = new String[width + 1];
        List<ResultColumn> columns = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            sqlTypes[i] = md.getColumnType(i);
            typeNames[i] = Objects.requireNonNullElse(md.getColumnTypeName(i), "");
            columns.add(new ResultColumn(md.getColumnLabel(i), typeNames[i]));
        }
        sink.columns(List.copyOf(columns));
        long rows = 0;
        long bytes = 0;
        boolean truncated = false;
        while (true) {
            running.throwIfStopped();
            if (!rs.next()) {
                break;
            }
            if (rows >= limits.maxRows()) {
                truncated = true;
                break;
            }
            Object[] values = new Object[width];
            long rowBytes = 2;
            for (int i = 1; i <= width; i++) {
                Object v = JdbcValues.portable(readValue(rs, i, sqlTypes[i], typeNames[i]));
                values[i - 1] = v;
                rowBytes += JdbcValues.approximateSize(v) + 1;
            }
            if (bytes + rowBytes > limits.maxResultBytes()) {
                truncated = true;
                break;
            }
            bytes += rowBytes;
            sink.row(Collections.unmodifiableList(Arrays.asList(values)));
            rows++;
        }
        // An interrupted engine may end a result early instead of failing; never pass that off as complete.
        running.throwIfStopped();
        return new ExecutionSummary(rows, truncated, millisSince(started));
    }

    @Override
    public ExplainResult explain(SafeSql sql, QueryLimits limits) {
        requireDialect(sql);
        checkLimits(limits);
        Connection session = connect();
        Statement st = null;
        RunningStatement running = null;
        try {
            st = session.createStatement();
            running = RunningStatement.watch(canceller(session, st), limits.timeout());
            try (ResultSet rs = st.executeQuery(explainStatement(sql.sql()))) {
                String plan = readPlan(rs);
                return ExplainResult.ok(plan, estimatedRows(plan));
            }
        } catch (SQLException e) {
            if (running != null && running.timedOut()) {
                throw running.timeoutError(e);
            }
            if (isConnectionFailure(e)) {
                throw unreachable(e);
            }
            return ExplainResult.failed(engineMessage(e));
        } finally {
            if (running != null) {
                running.finish();
            }
            closeStatement(st);
            release(session);
        }
    }

    /** Opens a session, mapping every failure to {@code DATA_SOURCE_UNREACHABLE}. */
    protected final Connection connect() {
        try {
            return openSession();
        } catch (QuerentException e) {
            throw e;
        } catch (SQLException e) {
            throw unreachable(e);
        } catch (RuntimeException e) {
            throw new QuerentException(
                    ErrorCode.DATA_SOURCE_UNREACHABLE,
                    "Cannot connect to the " + type + " data source: " + connectFailureMessage(e),
                    e);
        }
    }

    /** Ends a session: its transaction is rolled back (nothing a session does is ever committed). */
    protected final void release(Connection session) {
        try {
            if (!session.isClosed() && !session.getAutoCommit()) {
                session.rollback();
            }
        } catch (SQLException e) {
            log.warn("Rolling back a {} session failed: {}", type, e.getMessage());
        } finally {
            try {
                session.close();
            } catch (SQLException e) {
                log.warn("Closing a {} session failed: {}", type, e.getMessage());
            }
        }
    }

    private QuerentException translate(SQLException e, RunningStatement running) {
        if (running != null && running.cancelled()) {
            return running.cancelledError(e);
        }
        if (running != null && (running.timedOut() || isEngineTimeout(e))) {
            return running.timeoutError(e);
        }
        if (isConnectionFailure(e)) {
            return unreachable(e);
        }
        return new QuerentException(ErrorCode.QUERY_FAILED, engineMessage(e), details(e), e);
    }

    private QuerentException unreachable(SQLException e) {
        return new QuerentException(
                ErrorCode.DATA_SOURCE_UNREACHABLE,
                "Cannot connect to the " + type + " data source: " + connectFailureMessage(e),
                // No SQL state either: it could tell a refused connection from a silent or foreign port.
                Map.of(),
                e);
    }

    private static Map<String, Object> details(SQLException e) {
        Map<String, Object> details = new HashMap<>();
        if (e.getSQLState() != null) {
            details.put("sqlState", e.getSQLState());
        }
        return details;
    }

    private void requireDialect(SafeSql sql) {
        Objects.requireNonNull(sql, "sql");
        if (sql.dialect() != dialect) {
            throw new QuerentException(
                    ErrorCode.SQL_REJECTED,
                    "The statement was checked as " + sql.dialect().displayName() + " but this data source runs "
                            + dialect.displayName() + ".",
                    Map.of(
                            "expectedDialect",
                            dialect.name(),
                            "actualDialect",
                            sql.dialect().name()),
                    null);
        }
    }

    private static void checkLimits(QueryLimits limits) {
        Objects.requireNonNull(limits, "limits");
        if (limits.timeout() == null
                || limits.timeout().isNegative()
                || limits.timeout().isZero()) {
            throw new IllegalArgumentException("query timeout must be positive");
        }
        if (limits.maxRows() < 0 || limits.maxResultBytes() <= 0) {
            throw new IllegalArgumentException("row and size caps must not be negative");
        }
    }

    private static void closeStatement(Statement st) {
        if (st == null) {
            return;
        }
        try {
            st.close();
        } catch (SQLException e) {
            log.warn("Closing a statement failed: {}", e.getMessage());
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
