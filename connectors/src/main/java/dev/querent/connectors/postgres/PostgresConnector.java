package dev.querent.connectors.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.AbstractJdbcConnector;
import dev.querent.connectors.internal.JdbcValues;
import dev.querent.connectors.internal.NetworkFailures;
import dev.querent.connectors.internal.RunningStatement;
import dev.querent.connectors.internal.SchemaCollector;
import dev.querent.connectors.internal.ValueSampler;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableKind;
import dev.querent.core.sql.SafeSql;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL database through a small HikariCP pool. A session cannot write because
 *
 * <ul>
 *   <li>every connection starts with {@code default_transaction_read_only=on} (startup option, so
 *       {@code RESET ALL} brings it back);
 *   <li>the driver runs in read-only mode {@code always}: autocommit off means each transaction
 *       begins {@code READ ONLY}, autocommit on means the session is set read-only;
 *   <li>nothing is ever committed: every session ends in a rollback.
 * </ul>
 *
 * Each execution sets {@code statement_timeout} for its own transaction and reads through a
 * cursor ({@code fetchSize}), so the row cap stops fetching rather than discarding rows.
 */
public final class PostgresConnector extends AbstractJdbcConnector {
    /** Bounds introspection and anything else without its own limit. */
    private static final int DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

    private static final int FETCH_SIZE = 500;
    private static final String TABLE_KINDS = "c.relkind IN ('r', 'p', 'v', 'm', 'f')";

    private static final String SQLSTATE_TOO_LARGE_MARKER = "maxResultBuffer";

    private final PostgresSettings settings;
    private final HikariDataSource pool;

    /** With {@link SourcePolicy#defaults()} for timeouts and buffers. */
    public PostgresConnector(PostgresSettings settings) {
        this(settings, SourcePolicy.defaults());
    }

    public PostgresConnector(PostgresSettings settings, SourcePolicy policy) {
        super(PostgresConnectorFactory.TYPE, Dialect.POSTGRESQL);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = pool(settings, policy);
    }

    /**
     * The URL holds only the validated host, port and database; everything else, user and password
     * included, travels as driver properties, so no setting can add options to the URL. The
     * properties are a closed list: no socket, SSL or authentication factory class, no logger
     * file, no service file, and always a password, so the driver never falls back to a
     * {@code .pgpass} file of the account Querent runs as.
     */
    static Properties driverProperties(PostgresSettings s, SourcePolicy policy) {
        long timeoutSeconds = Math.max(1, policy.connectTimeout().toSeconds());
        Properties p = new Properties();
        p.setProperty("user", s.user());
        p.setProperty("password", s.password() == null ? "" : s.password());
        p.setProperty("sslmode", s.sslmode());
        p.setProperty("ApplicationName", "Querent");
        p.setProperty("connectTimeout", Long.toString(timeoutSeconds));
        p.setProperty("loginTimeout", Long.toString(timeoutSeconds));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("options", startupOptions(s));
        // pgjdbc counts the bytes of every row before allocating it and fails past this bound, so
        // a value of hundreds of megabytes never reaches the heap.
        p.setProperty("maxResultBuffer", Long.toString(Math.min(policy.valueBufferBytes(), Integer.MAX_VALUE)));
        return p;
    }

    static String jdbcUrl(PostgresSettings s) {
        return "jdbc:postgresql://" + s.host() + ":" + s.port() + "/"
                + URLEncoder.encode(s.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HikariDataSource pool(PostgresSettings s, SourcePolicy policy) {
        // The no-argument constructor makes Hikari start the pool on first use: opening a data source never connects.
        HikariDataSource pool = new HikariDataSource();
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setJdbcUrl(jdbcUrl(s));
        pool.setDataSourceProperties(driverProperties(s, policy));
        pool.setPoolName("querent-postgresql-" + s.host() + "-" + s.database());
        pool.setMaximumPoolSize(s.maxConnections());
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(60_000);
        pool.setConnectionTimeout(Math.max(1_000, policy.connectTimeout().toMillis()));
        pool.setAutoCommit(false);
        pool.setReadOnly(true);
        return pool;
    }

    @Override
    protected String connectFailureMessage(Throwable e) {
        String state = NetworkFailures.sqlState(e);
        if ("28P01".equals(state) || "28000".equals(state)) {
            return "Authentication failed for user '" + settings.user() + "'.";
        }
        if ("3D000".equals(state)) {
            return "Database '" + settings.database() + "' does not exist.";
        }
        return NetworkFailures.couldNotConnect(settings.host(), settings.port());
    }

    @Override
    protected boolean isResultTooLarge(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains(SQLSTATE_TOO_LARGE_MARKER);
    }

    @Override
    protected void discard(Connection session) {
        pool.evictConnection(session);
    }

    private static String startupOptions(PostgresSettings s) {
        StringBuilder options = new StringBuilder("-c default_transaction_read_only=on")
                .append(" -c statement_timeout=")
                .append(DEFAULT_STATEMENT_TIMEOUT_MS)
                // A session abandoned mid-transaction must not hold locks or a snapshot for long.
                .append(" -c idle_in_transaction_session_timeout=")
                .append(DEFAULT_STATEMENT_TIMEOUT_MS);
        if (!s.schemas().isEmpty()) {
            options.append(" -c search_path=")
                    .append(s.schemas().stream()
                            .map(Dialect.POSTGRESQL.sql()::quoteIdentifier)
                            .collect(Collectors.joining(",")));
        }
        return options.toString();
    }

    public PostgresSettings settings() {
        return settings;
    }

    @Override
    public Connection openSession() throws SQLException {
        return pool.getConnection();
    }

    /**
     * With a role to run as, {@code SET LOCAL ROLE} inside the statement's own read-only
     * transaction: the database's row-level security and grants for that role apply, and the role
     * ends with the transaction, so the pooled connection goes back as it was.
     */
    @Override
    protected void prepare(Connection session, Statement statement, QueryLimits limits, SafeSql sql)
            throws SQLException {
        if (sql.runAs().isPresent()) {
            try (Statement set = session.createStatement()) {
                // runningAs() admits plain identifiers only; quoted so the name is taken as written.
                set.execute("SET LOCAL ROLE \"" + sql.runAs().get() + "\"");
            }
        }
        prepare(session, statement, limits);
    }

    @Override
    protected void prepare(Connection session, Statement statement, QueryLimits limits) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
            ps.setString(1, Long.toString(Math.max(1, limits.timeout().toMillis())));
            ps.execute();
        }
        statement.setFetchSize((int) Math.min(FETCH_SIZE, (long) limits.maxRows() + 1));
    }

    /**
     * Cancels by connection rather than statement: pgjdbc's {@code Statement.cancel()} acts once
     * per execution, and a cancel the server receives before the query starts is dropped, so the
     * watchdog's repeats would be ignored.
     */
    @Override
    protected RunningStatement.Canceller canceller(Connection session, Statement statement) throws SQLException {
        return session.unwrap(PGConnection.class)::cancelQuery;
    }

    @Override
    protected Object readValue(ResultSet rs, int column, int sqlType, String typeName) throws SQLException {
        return JdbcValues.readTemporalAware(rs, column, sqlType, typeName);
    }

    @Override
    protected boolean isEngineTimeout(SQLException e) {
        return "57014".equals(e.getSQLState())
                && e.getMessage() != null
                && e.getMessage().contains("statement timeout");
    }

    @Override
    protected SchemaSnapshot introspect(Connection session) throws SQLException {
        SchemaCollector schema = new SchemaCollector();
        try (PreparedStatement ps = session.prepareStatement(
                "SELECT n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class'), c.reltuples::bigint"
                        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE " + TABLE_KINDS + " AND NOT c.relispartition"
                        + " AND has_table_privilege(c.oid, 'SELECT') AND " + schemaFilter())) {
            bindSchemas(session, ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(3);
                    long tuples = rs.getLong(5);
                    schema.table(
                            rs.getString(1),
                            rs.getString(2),
                            kind.equals("v") || kind.equals("m") ? TableKind.VIEW : TableKind.TABLE,
                            rs.getString(4),
                            kind.equals("v") || tuples < 0 ? -1 : tuples);
                }
            }
        }
        try (PreparedStatement ps = session.prepareStatement(
                "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,"
                        + " col_description(c.oid, a.attnum), t.typcategory IN ('S', 'E')"
                        + " FROM pg_catalog.pg_attribute a"
                        + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped AND " + TABLE_KINDS + " AND " + schemaFilter()
                        + " ORDER BY n.nspname, c.relname, a.attnum")) {
            bindSchemas(session, ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schema.column(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getBoolean(5),
                            rs.getString(6),
                            rs.getBoolean(7));
                }
            }
        }
        try (PreparedStatement ps =
                session.prepareStatement("SELECT n.nspname, c.relname, array_agg(a.attname::text ORDER BY u.ord)"
                        + " FROM pg_catalog.pg_constraint k"
                        + " JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)"
                        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum"
                        + " WHERE k.contype = 'p' AND " + schemaFilter()
                        + " GROUP BY n.nspname, c.relname, k.oid")) {
            bindSchemas(session, ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schema.primaryKey(rs.getString(1), rs.getString(2), strings(rs, 3));
                }
            }
        }
        try (PreparedStatement ps = session.prepareStatement("SELECT n.nspname, c.relname, rn.nspname, rc.relname,"
                + " array_agg(a.attname::text ORDER BY u.ord), array_agg(ra.attname::text ORDER BY u.ord)"
                + " FROM pg_catalog.pg_constraint k"
                + " JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid"
                + " JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
                + " CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(attnum, refattnum, ord)"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum"
                + " JOIN pg_catalog.pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = u.refattnum"
                + " WHERE k.contype = 'f' AND " + schemaFilter()
                + " GROUP BY n.nspname, c.relname, k.oid, k.conname, rn.nspname, rc.relname"
                + " ORDER BY n.nspname, c.relname, k.conname")) {
            bindSchemas(session, ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schema.foreignKey(
                            rs.getString(1),
                            rs.getString(2),
                            new ForeignKey(strings(rs, 5), rs.getString(3), rs.getString(4), strings(rs, 6)));
                }
            }
        }
        ValueSampler.sample(session, schema, Dialect.POSTGRESQL.sql());
        return schema.build(Dialect.POSTGRESQL, defaultSchema(session));
    }

    private String schemaFilter() {
        return settings.schemas().isEmpty()
                ? "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
                : "n.nspname = ANY (?)";
    }

    private void bindSchemas(Connection session, PreparedStatement ps) throws SQLException {
        if (!settings.schemas().isEmpty()) {
            ps.setArray(1, session.createArrayOf("text", settings.schemas().toArray()));
        }
    }

    private String defaultSchema(Connection session) throws SQLException {
        if (!settings.schemas().isEmpty()) {
            return settings.schemas().getFirst();
        }
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(current_schema(), 'public')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        return Arrays.stream((Object[]) rs.getArray(column).getArray())
                .map(String::valueOf)
                .toList();
    }

    @Override
    public void close() {
        pool.close();
    }
}
