package dev.querent.connectors.mysql;

import com.mysql.cj.exceptions.CJPacketTooBigException;
import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import com.zaxxer.hikari.HikariDataSource;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.AbstractJdbcConnector;
import dev.querent.connectors.internal.JdbcValues;
import dev.querent.connectors.internal.NetworkFailures;
import dev.querent.connectors.internal.SchemaCollector;
import dev.querent.connectors.internal.ValueSampler;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A MySQL or MariaDB database through a small HikariCP pool. A session cannot write because every
 * pooled connection starts with {@code SET SESSION TRANSACTION READ ONLY} and runs with autocommit
 * off, so each execution is a {@code READ ONLY} transaction, where the server refuses DML and DDL
 * alike (error 1792), also inside functions; nothing is ever committed: every session ends in a
 * rollback. The driver's read-only mode adds a client-side check in front.
 *
 * <p>Each execution sets the server's statement timeout ({@code max_statement_time} on MariaDB,
 * {@code max_execution_time} on MySQL) and streams rows one by one, so the row cap stops reading
 * rather than buffering the whole result. The database doubles as the schema name.
 */
public final class MySqlConnector extends AbstractJdbcConnector {
    /** Bounds introspection and anything else without its own limit. */
    private static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(60);

    private static final int ER_STATEMENT_TIMEOUT_MARIADB = 1969;
    private static final int ER_QUERY_TIMEOUT_MYSQL = 3024;
    private static final Set<String> TEXT_TYPES =
            Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set");

    private final MySqlSettings settings;
    private final HikariDataSource pool;

    /** Connector/J splits anything longer into several packets, which it joins without a bound. */
    private static final long MAX_SINGLE_PACKET = 0xFFFFFF - 1;

    private static final int ER_ACCESS_DENIED = 1045;
    private static final int ER_DBACCESS_DENIED = 1044;
    private static final int ER_BAD_DB = 1049;

    /** With {@link SourcePolicy#defaults()} for timeouts and buffers. */
    public MySqlConnector(MySqlSettings settings) {
        this(settings, SourcePolicy.defaults());
    }

    public MySqlConnector(MySqlSettings settings, SourcePolicy policy) {
        super(MySqlConnectorFactory.TYPE, Dialect.MYSQL);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = pool(settings, policy);
    }

    static String jdbcUrl(MySqlSettings s) {
        // Connector/J decodes the path, so an odd database name cannot turn into URL options.
        return "jdbc:mysql://" + s.host() + ":" + s.port() + "/"
                + URLEncoder.encode(s.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The largest packet the driver accepts: the policy's value bound, and never more than one
     * physical packet, so a row too large for it fails on its first packet instead of being
     * assembled in memory (the driver then closes the connection).
     */
    static long maxAllowedPacket(SourcePolicy policy) {
        return Math.max(65_536, Math.min(policy.valueBufferBytes(), MAX_SINGLE_PACKET));
    }

    private static HikariDataSource pool(MySqlSettings s, SourcePolicy policy) {
        // The no-argument constructor makes Hikari start the pool on first use: opening a data source never connects.
        HikariDataSource pool = new HikariDataSource();
        pool.setDriverClassName("com.mysql.cj.jdbc.Driver");
        pool.setJdbcUrl(jdbcUrl(s));
        pool.setUsername(s.user());
        // Always a password property, even an empty one: nothing else fills it in.
        pool.setPassword(s.password() == null ? "" : s.password());
        long timeoutMillis = Math.max(1_000, policy.connectTimeout().toMillis());
        pool.addDataSourceProperty("sslMode", s.sslMode());
        pool.addDataSourceProperty("connectTimeout", Long.toString(timeoutMillis));
        pool.addDataSourceProperty("maxAllowedPacket", Long.toString(maxAllowedPacket(policy)));
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        pool.addDataSourceProperty("connectionAttributes", "program_name:Querent");
        // Defaults already, pinned because each one would let a statement do more than read.
        pool.addDataSourceProperty("allowMultiQueries", "false");
        pool.addDataSourceProperty("allowLoadLocalInfile", "false");
        pool.addDataSourceProperty("allowUrlInLocalInfile", "false");
        pool.addDataSourceProperty("autoDeserialize", "false");
        pool.addDataSourceProperty("allowPublicKeyRetrieval", "false");
        // '0000-00-00' dates would otherwise fail the whole result; YEAR is a number, not a date.
        pool.addDataSourceProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        pool.addDataSourceProperty("yearIsDateType", "false");
        pool.setPoolName("querent-mysql-" + s.host() + "-" + s.database());
        pool.setMaximumPoolSize(s.maxConnections());
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(60_000);
        pool.setConnectionTimeout(timeoutMillis);
        // Connector/J reads MariaDB's version as 5.5.5 (the compatibility prefix) and then never tells the
        // server it is read-only, so the pool does, once per physical connection, for both engines.
        pool.setConnectionInitSql("SET SESSION TRANSACTION READ ONLY");
        pool.setAutoCommit(false);
        // Also makes the driver refuse, before sending, statements it does not recognise as reads.
        pool.setReadOnly(true);
        return pool;
    }

    public MySqlSettings settings() {
        return settings;
    }

    @Override
    public Connection openSession() throws SQLException {
        Connection session = pool.getConnection();
        try {
            // A pooled connection keeps the last execution's timeout; start every session from the default.
            setStatementTimeout(session, DEFAULT_STATEMENT_TIMEOUT);
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    protected void prepare(Connection session, Statement statement, QueryLimits limits) throws SQLException {
        setStatementTimeout(session, limits.timeout());
        // Connector/J's streaming mode: rows are read off the socket as the loop asks for them.
        statement.setFetchSize(Integer.MIN_VALUE);
    }

    private static void setStatementTimeout(Connection session, Duration timeout) throws SQLException {
        long millis = Math.max(1, timeout.toMillis());
        String sql = isMariaDb(session)
                ? "SET SESSION max_statement_time = " + String.format(Locale.ROOT, "%.3f", millis / 1000.0)
                : "SET SESSION max_execution_time = " + millis;
        try (Statement st = session.createStatement()) {
            st.execute(sql);
        }
    }

    /** From the handshake the driver already holds, so it costs no round trip. */
    private static boolean isMariaDb(Connection session) throws SQLException {
        return session.getMetaData().getDatabaseProductVersion().contains("MariaDB");
    }

    @Override
    protected Object readValue(ResultSet rs, int column, int sqlType, String typeName) throws SQLException {
        // TIME holds durations beyond a day and negative ones, which java.sql.Time cannot.
        if (sqlType == Types.TIME) {
            return rs.getString(column);
        }
        return JdbcValues.readTemporalAware(rs, column, sqlType, typeName);
    }

    @Override
    protected String explainStatement(String sql) {
        return "EXPLAIN FORMAT=JSON " + sql;
    }

    @Override
    protected String connectFailureMessage(Throwable e) {
        int code = NetworkFailures.vendorCode(e);
        if (code == ER_ACCESS_DENIED) {
            return "Authentication failed for user '" + settings.user() + "'.";
        }
        if (code == ER_DBACCESS_DENIED) {
            return "User '" + settings.user() + "' may not use database '" + settings.database() + "'.";
        }
        if (code == ER_BAD_DB) {
            return "Database '" + settings.database() + "' does not exist.";
        }
        return NetworkFailures.couldNotConnect(settings.host(), settings.port());
    }

    @Override
    protected boolean isResultTooLarge(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PacketTooBigException || t instanceof CJPacketTooBigException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void discard(Connection session) {
        pool.evictConnection(session);
    }

    @Override
    protected boolean isEngineTimeout(SQLException e) {
        return e.getErrorCode() == ER_STATEMENT_TIMEOUT_MARIADB
                || e.getErrorCode() == ER_QUERY_TIMEOUT_MYSQL
                || super.isEngineTimeout(e);
    }

    @Override
    protected SchemaSnapshot introspect(Connection session) throws SQLException {
        String db = settings.database();
        SchemaCollector schema = new SchemaCollector();
        try (PreparedStatement ps = session.prepareStatement(
                "SELECT TABLE_NAME, TABLE_TYPE, TABLE_COMMENT, TABLE_ROWS FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED')")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean view = rs.getString(2).equals("VIEW");
                    long rows = rs.getLong(4);
                    boolean unknown = rs.wasNull();
                    // MySQL puts the word VIEW where a view's comment would be.
                    schema.table(
                            db,
                            rs.getString(1),
                            view ? TableKind.VIEW : TableKind.TABLE,
                            view ? null : rs.getString(3),
                            view || unknown ? -1 : rows);
                }
            }
        }
        try (PreparedStatement ps = session.prepareStatement(
                "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_COMMENT, DATA_TYPE"
                        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                        + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schema.column(
                            db,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4).equals("YES"),
                            rs.getString(5),
                            TEXT_TYPES.contains(rs.getString(6).toLowerCase(Locale.ROOT)));
                }
            }
        }
        try (PreparedStatement ps = session.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME"
                + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND CONSTRAINT_NAME = 'PRIMARY'"
                + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                String table = null;
                List<String> columns = new ArrayList<>();
                while (rs.next()) {
                    if (!rs.getString(1).equals(table)) {
                        addPrimaryKey(schema, db, table, columns);
                        table = rs.getString(1);
                        columns = new ArrayList<>();
                    }
                    columns.add(rs.getString(2));
                }
                addPrimaryKey(schema, db, table, columns);
            }
        }
        try (PreparedStatement ps = session.prepareStatement("SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,"
                + " REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
                + " FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                ForeignKeyDraft draft = null;
                while (rs.next()) {
                    if (draft == null || !draft.sameConstraint(rs.getString(1), rs.getString(2))) {
                        if (draft != null) {
                            draft.addTo(schema, db);
                        }
                        draft = new ForeignKeyDraft(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(5));
                    }
                    draft.columns.add(rs.getString(3));
                    draft.referencedColumns.add(rs.getString(6));
                }
                if (draft != null) {
                    draft.addTo(schema, db);
                }
            }
        }
        ValueSampler.sample(session, schema, Dialect.MYSQL.sql());
        return schema.build(Dialect.MYSQL, db);
    }

    private static void addPrimaryKey(SchemaCollector schema, String db, String table, List<String> columns) {
        if (table != null) {
            schema.primaryKey(db, table, columns);
        }
    }

    private static final class ForeignKeyDraft {
        final String table;
        final String constraint;
        final String referencedSchema;
        final String referencedTable;
        final List<String> columns = new ArrayList<>();
        final List<String> referencedColumns = new ArrayList<>();

        ForeignKeyDraft(String table, String constraint, String referencedSchema, String referencedTable) {
            this.table = table;
            this.constraint = constraint;
            this.referencedSchema = referencedSchema;
            this.referencedTable = referencedTable;
        }

        boolean sameConstraint(String otherTable, String otherConstraint) {
            return table.equals(otherTable) && constraint.equals(otherConstraint);
        }

        void addTo(SchemaCollector schema, String db) {
            schema.foreignKey(db, table, new ForeignKey(columns, referencedSchema, referencedTable, referencedColumns));
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
