package dev.querent.connectors.duckdb;

import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.AbstractJdbcConnector;
import dev.querent.connectors.internal.JdbcValues;
import dev.querent.connectors.internal.SchemaCollector;
import dev.querent.connectors.internal.ValueSampler;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableKind;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBStruct;

/**
 * A DuckDB database file, opened lazily, once per connector, with
 *
 * <ul>
 *   <li>{@code access_mode=READ_ONLY}: no statement can change the file;
 *   <li>{@code enable_external_access=false}: no {@code read_csv}, {@code COPY}, {@code ATTACH},
 *       extension install or URL, so even a query that slipped past the guard sees nothing but
 *       this database;
 *   <li>{@code lock_configuration=true}: no {@code SET} can undo the above;
 *   <li>streamed results, so the row cap stops the engine instead of trimming a materialized result.
 * </ul>
 *
 * Sessions are {@link DuckDBConnection#duplicate() duplicates} of the one instance: DuckDB allows
 * a single read-write or several read-only instances per file, and duplicating is cheap.
 * Timeouts and cancellation interrupt the connection.
 */
public final class DuckDbConnector extends AbstractJdbcConnector {
    private static final String STALE_RESULT_PREFIX =
            "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result";

    /** The least memory DuckDB gets, whatever the result cap: joins and sorts need room too. */
    static final long MIN_MEMORY_LIMIT = 256L << 20;

    private final Path file;
    private final long memoryLimitBytes;
    private final Object lock = new Object();
    private DuckDBConnection instance;
    private boolean closed;

    /** With the default value bound ({@link SourcePolicy#defaults()}). */
    public DuckDbConnector(Path file) {
        this(file, SourcePolicy.defaults().valueBufferBytes());
    }

    /**
     * @param maxValueBytes the largest value or row the result may carry; DuckDB's
     *     {@code memory_limit} is set to eight times that (at least 256 MiB), so a query building
     *     one huge value fails in the engine with an out-of-memory error instead of reaching the JVM
     */
    public DuckDbConnector(Path file, long maxValueBytes) {
        this(DuckDbConnectorFactory.TYPE, file, maxValueBytes);
    }

    /**
     * A DuckDB database reported as another connector type: a files source's own database is
     * opened exactly like a DuckDB file.
     */
    public DuckDbConnector(String type, Path file, long maxValueBytes) {
        super(type, Dialect.DUCKDB);
        this.file = Objects.requireNonNull(file, "file");
        this.memoryLimitBytes =
                Math.max(MIN_MEMORY_LIMIT, maxValueBytes > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : 8 * maxValueBytes);
    }

    public Path file() {
        return file;
    }

    @Override
    public Connection openSession() throws SQLException {
        return instance().duplicate();
    }

    private DuckDBConnection instance() throws SQLException {
        synchronized (lock) {
            if (closed) {
                throw new SQLException("This DuckDB data source has been closed.", "08003");
            }
            if (instance == null || instance.isClosed()) {
                if (!Files.isRegularFile(file)) {
                    // DuckDB's own message for this is about a missing WAL or lock, which misleads.
                    throw new SQLException(
                            "Database file not found: " + file, "08001", new NoSuchFileException(file.toString()));
                }
                Properties props = new Properties();
                props.setProperty("access_mode", "READ_ONLY");
                props.setProperty("enable_external_access", "false");
                props.setProperty("autoinstall_known_extensions", "false");
                props.setProperty("autoload_known_extensions", "false");
                props.setProperty("lock_configuration", "true");
                props.setProperty("jdbc_stream_results", "true");
                props.setProperty("memory_limit", (memoryLimitBytes >> 20) + "MiB");
                instance = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
            }
            return instance;
        }
    }

    @Override
    protected Object readValue(ResultSet rs, int column, int sqlType, String typeName) throws SQLException {
        Object value = JdbcValues.readTemporalAware(rs, column, sqlType, typeName);
        return value instanceof DuckDBStruct struct ? JdbcValues.portableMap(struct.getMap()) : value;
    }

    @Override
    protected String engineMessage(SQLException e) {
        String message = super.engineMessage(e);
        if (message.startsWith(STALE_RESULT_PREFIX)) {
            message = message.substring(STALE_RESULT_PREFIX.length()).strip();
            if (message.startsWith("Error: ")) {
                message = message.substring("Error: ".length());
            }
        }
        return message;
    }

    @Override
    protected SchemaSnapshot introspect(Connection session) throws SQLException {
        SchemaCollector schema = new SchemaCollector();
        String ownObjects = " database_name = current_database() AND NOT internal"
                + " AND schema_name NOT IN ('information_schema', 'pg_catalog')";
        try (Statement st = session.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery("SELECT schema_name, table_name, comment, estimated_size FROM duckdb_tables() WHERE"
                            + ownObjects + " AND NOT temporary")) {
                while (rs.next()) {
                    schema.table(rs.getString(1), rs.getString(2), TableKind.TABLE, rs.getString(3), rs.getLong(4));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT schema_name, view_name, comment FROM duckdb_views() WHERE"
                    + ownObjects + " AND NOT temporary")) {
                while (rs.next()) {
                    schema.table(rs.getString(1), rs.getString(2), TableKind.VIEW, rs.getString(3), -1);
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT schema_name, table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns()"
                            + " WHERE" + ownObjects + " ORDER BY schema_name, table_name, column_index")) {
                while (rs.next()) {
                    String type = rs.getString(4);
                    schema.column(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            type,
                            rs.getBoolean(5),
                            rs.getString(6),
                            isText(type));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT schema_name, table_name, constraint_type, constraint_column_names, referenced_table,"
                            + " referenced_column_names FROM duckdb_constraints()"
                            + " WHERE database_name = current_database()"
                            + " AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')"
                            + " ORDER BY schema_name, table_name, constraint_index")) {
                while (rs.next()) {
                    String tableSchema = rs.getString(1);
                    String table = rs.getString(2);
                    List<String> columns = strings(rs.getArray(4));
                    if (rs.getString(3).equals("PRIMARY KEY")) {
                        schema.primaryKey(tableSchema, table, columns);
                    } else {
                        // DuckDB refuses foreign keys across schemas: the referenced table is a sibling.
                        schema.foreignKey(
                                tableSchema,
                                table,
                                new ForeignKey(columns, tableSchema, rs.getString(5), strings(rs.getArray(6))));
                    }
                }
            }
        }
        ValueSampler.sample(session, schema, Dialect.DUCKDB.sql());
        return schema.build(Dialect.DUCKDB, defaultSchema(session));
    }

    private static String defaultSchema(Connection session) throws SQLException {
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static boolean isText(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.equals("VARCHAR") || t.startsWith("ENUM(");
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (instance != null) {
                try {
                    instance.close();
                } catch (SQLException e) {
                    throw new IllegalStateException("Closing DuckDB database " + file + " failed", e);
                }
            }
        }
    }
}
