package dev.querent.connectors.sqlite;

import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.AbstractJdbcConnector;
import dev.querent.connectors.internal.SchemaCollector;
import dev.querent.connectors.internal.ValueSampler;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableKind;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A SQLite database file. Each session is its own connection, opened with
 * {@code SQLITE_OPEN_READONLY} (the file cannot be written through it, and a missing file is not
 * created), {@code PRAGMA query_only} on top, and {@code ATTACH} disabled, so a statement cannot
 * reach any other file either. Timeouts and cancellation use {@code sqlite3_interrupt}.
 *
 * <p>SQLite has no comments and no row statistics by default: tables have no comments and their
 * row estimate is a count bounded at {@link #COUNT_CAP} (a table holding more reports the cap).
 */
public final class SqliteConnector extends AbstractJdbcConnector {
    static final long COUNT_CAP = 100_000;
    private static final String SCHEMA = "main";

    /** SQLite's own ceiling for {@code SQLITE_LIMIT_LENGTH} (its default {@code SQLITE_MAX_LENGTH}). */
    private static final long MAX_LENGTH_LIMIT = 1_000_000_000;

    private static final int SQLITE_TOOBIG = 18;

    private final Path file;
    private final SQLiteConfig config;

    /** With the default value bound ({@link SourcePolicy#defaults()}). */
    public SqliteConnector(Path file) {
        this(file, SourcePolicy.defaults().valueBufferBytes());
    }

    /**
     * @param maxValueBytes {@code SQLITE_LIMIT_LENGTH}: no string, blob or row longer than this is
     *     ever built, so a query cannot make one value of hundreds of megabytes
     */
    public SqliteConnector(Path file, long maxValueBytes) {
        super(SqliteConnectorFactory.TYPE, Dialect.SQLITE);
        this.file = Objects.requireNonNull(file, "file");
        this.config = new SQLiteConfig();
        config.setPragma(
                SQLiteConfig.Pragma.LIMIT_LENGTH,
                Long.toString(Math.max(1, Math.min(maxValueBytes, MAX_LENGTH_LIMIT))));
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setPragma(SQLiteConfig.Pragma.LIMIT_ATTACHED, "0");
        // Waits for a writer in another process to finish instead of failing at once.
        config.setBusyTimeout(5_000);
    }

    public Path file() {
        return file;
    }

    @Override
    public Connection openSession() throws SQLException {
        if (!Files.isRegularFile(file)) {
            // SQLite's own words ("unable to open database file") do not say which problem it is.
            throw new SQLException(
                    "Database file not found: " + file, "08001", new NoSuchFileException(file.toString()));
        }
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA query_only = 1");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    protected boolean isResultTooLarge(SQLException e) {
        return (e.getErrorCode() & 0xff) == SQLITE_TOOBIG;
    }

    @Override
    protected String explainStatement(String sql) {
        return "EXPLAIN QUERY PLAN " + sql;
    }

    @Override
    protected SchemaSnapshot introspect(Connection session) throws SQLException {
        SchemaCollector schema = new SchemaCollector();
        List<String> tables = new ArrayList<>();
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SELECT type, name FROM main.sqlite_schema"
                        + " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                        + " ORDER BY name")) {
            while (rs.next()) {
                boolean view = rs.getString(1).equals("view");
                String name = rs.getString(2);
                schema.table(
                        SCHEMA, name, view ? TableKind.VIEW : TableKind.TABLE, null, view ? -1 : count(session, name));
                tables.add(name);
            }
        }
        for (String table : tables) {
            readColumns(session, schema, table);
        }
        for (String table : tables) {
            readForeignKeys(session, schema, table);
        }
        ValueSampler.sample(session, schema, Dialect.SQLITE.sql());
        return schema.build(Dialect.SQLITE, SCHEMA);
    }

    private static long count(Connection session, String table) throws SQLException {
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT 1 FROM "
                        + Dialect.SQLITE.sql().quoteIdentifier(table) + " LIMIT " + COUNT_CAP + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void readColumns(Connection session, SchemaCollector schema, String table) throws SQLException {
        List<String> pk = new ArrayList<>();
        List<Integer> pkOrder = new ArrayList<>();
        try (PreparedStatement ps =
                session.prepareStatement("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2) == null ? "" : rs.getString(2);
                    int pkPosition = rs.getInt(4);
                    // SQLite lets most primary-key columns hold NULL by accident of history; nobody relies on it.
                    boolean nullable = rs.getInt(3) == 0 && pkPosition == 0;
                    schema.column(SCHEMA, table, name, type, nullable, null, hasTextAffinity(type));
                    if (pkPosition > 0) {
                        pk.add(name);
                        pkOrder.add(pkPosition);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>(pk);
        for (int i = 0; i < pk.size(); i++) {
            ordered.set(pkOrder.get(i) - 1, pk.get(i));
        }
        schema.primaryKey(SCHEMA, table, ordered);
    }

    private static void readForeignKeys(Connection session, SchemaCollector schema, String table) throws SQLException {
        record Part(int id, String refTable, String from, String to) {}
        List<Part> parts = new ArrayList<>();
        try (PreparedStatement ps = session.prepareStatement(
                "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(new Part(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        int i = 0;
        while (i < parts.size()) {
            int id = parts.get(i).id();
            String refTable = parts.get(i).refTable();
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            while (i < parts.size() && parts.get(i).id() == id) {
                from.add(parts.get(i).from());
                to.add(parts.get(i).to());
                i++;
            }
            // "REFERENCES t" without columns means t's primary key.
            List<String> refColumns = to.contains(null) ? schema.primaryKeyOf(SCHEMA, refTable) : to;
            schema.foreignKey(SCHEMA, table, new ForeignKey(from, SCHEMA, refTable, refColumns));
        }
    }

    /** SQLite's type-affinity rule for TEXT: the declared type mentions CHAR, CLOB or TEXT. */
    private static boolean hasTextAffinity(String declaredType) {
        String t = declaredType.toUpperCase(Locale.ROOT);
        return t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT");
    }

    @Override
    public void close() {
        // Sessions are per call; there is nothing held open between them.
    }
}
