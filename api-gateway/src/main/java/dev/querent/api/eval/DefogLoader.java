package dev.querent.api.eval;

import dev.querent.core.Dialect;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * <b>A benchmark loader, not a feature of the product.</b> Creates and fills the defog databases
 * {@code querent eval --engine postgresql|mariadb} runs on, with its own administrator connection
 * (the {@link EvalEngine}'s URL, user and password); the pipeline then reads them through an
 * ordinary data source of the product (read-only sessions, {@code SqlGuard}, caps), which is what
 * {@link #source} describes.
 *
 * <ul>
 *   <li><b>PostgreSQL</b>: database {@code defog_<db>}, loaded from {@code pg_dumps/<db>.sql} in
 *       one transaction, then analysed.
 *   <li><b>MariaDB</b>: database {@code <db>} (the name defog's MySQL gold queries qualify tables
 *       with, e.g. {@code broker.sbCustomer}), copied table by table and row by row from the
 *       PostgreSQL database above through JDBC: PostgreSQL parses its own dump, and the column
 *       types map from its catalog (below). Table and column names take their spelling from
 *       {@code pg_dumps/<db>.json} ({@code sbCustomer}, not the folded {@code sbcustomer}: MariaDB
 *       table names are case-sensitive on Linux); a schema such as ewallet's {@code consumer_div}
 *       is dropped, as defog's MySQL queries name the tables alone.
 * </ul>
 *
 * Loaded once: a finished load leaves a marker (PostgreSQL: the database's comment; MariaDB: the
 * schema comment) naming the dump's SHA-256 and the loader's version, and a database carrying the
 * current marker is reused as it is. A database with an older marker is ours and is dropped and
 * loaded again; a database of that name without a marker is refused unless it holds no table, so
 * the loader never overwrites what it did not create.
 */
final class DefogLoader {
    static final String MARKER = "querent defog bench";

    /** Bumped when the loaded result would differ (type mapping, names), so old loads are redone. */
    private static final int VERSION = 1;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where and as whom the product's data source connects; the password is a secret. */
    record Source(String type, Map<String, String> settings, Map<String, String> secrets) {}

    private final EvalEngine engine;
    private final EvalEngine postgres;
    private final Path dumps;
    private final PrintStream log;

    /**
     * @param engine where the databases go
     * @param postgres for MariaDB, the PostgreSQL server the data is copied from (loaded there first);
     *     for PostgreSQL the same as {@code engine}
     * @param dumps the folder of {@code <db>.sql} and {@code <db>.json} (defog's {@code pg_dumps})
     */
    DefogLoader(EvalEngine engine, EvalEngine postgres, Path dumps, PrintStream log) {
        if (engine.kind() == EvalEngine.Kind.SQLITE || postgres.kind() != EvalEngine.Kind.POSTGRESQL) {
            throw new IllegalArgumentException("the loader fills PostgreSQL or MariaDB, from PostgreSQL");
        }
        this.engine = engine;
        this.postgres = postgres;
        this.dumps = dumps;
        this.log = log;
    }

    /**
     * A database name the loader accepts: lower-case letters, digits and underscores, starting with
     * a letter, at most 63 characters. Names come from question sets (any CSV given with
     * {@code --set}) and become identifiers and file names, so nothing else passes.
     */
    static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown = name == null ? "null" : name.replaceAll("\\p{Cntrl}", "?");
            throw new IllegalArgumentException("'" + (shown.length() > 80 ? shown.substring(0, 80) + "…" : shown)
                    + "' is not a benchmark database name (lower-case letters, digits, underscores)");
        }
        return name;
    }

    /** Whether the dump folder has {@code db}. */
    boolean has(String db) {
        return NAME.matcher(db).matches() && Files.isRegularFile(dumps.resolve(db + ".sql"));
    }

    /** The engine-side database name for defog's {@code db}. */
    String database(String db) {
        requireName(db);
        return engine.kind() == EvalEngine.Kind.POSTGRESQL ? "defog_" + db : db;
    }

    /** The product data source that reads {@code db}'s database (loaded by {@link #ensure}). */
    Source source(String db) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", engine.host());
        settings.put("port", Integer.toString(engine.port()));
        settings.put("database", database(db));
        settings.put("user", engine.user());
        Map<String, String> secrets =
                engine.password() == null || engine.password().isEmpty()
                        ? Map.of()
                        : Map.of("password", engine.password());
        return new Source(engine.kind() == EvalEngine.Kind.POSTGRESQL ? "postgresql" : "mysql", settings, secrets);
    }

    /** Loads {@code db} unless a complete load of the same dump is already there. */
    void ensure(String db) throws IOException, SQLException {
        requireName(db);
        Path dump = dumps.resolve(db + ".sql");
        if (!Files.isRegularFile(dump)) {
            throw new IllegalArgumentException("no dump " + dump + " for database " + db);
        }
        String marker = marker(dump);
        ensurePostgres(db, dump, marker);
        if (engine.kind() == EvalEngine.Kind.MARIADB) {
            ensureMariaDb(db, marker);
        }
    }

    private static String marker(Path dump) throws IOException {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dump));
            return MARKER + " v" + VERSION + " " + HexFormat.of().formatHex(sha, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(EvalEngine e, String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", e.user());
        p.setProperty("password", e.password() == null ? "" : e.password());
        if (e.kind() == EvalEngine.Kind.MARIADB) {
            p.setProperty("sslMode", "PREFERRED");
            p.setProperty("allowLoadLocalInfile", "false");
            p.setProperty("rewriteBatchedStatements", "true");
        }
        return DriverManager.getConnection(url, p);
    }

    /** Whether a database exists, and the comment that holds the loader's marker when it does. */
    private record Existing(boolean exists, String comment) {}

    private static Existing existing(Connection admin, String query, String name) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(query)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Existing(true, rs.getString(1)) : new Existing(false, null);
            }
        }
    }

    // ---- PostgreSQL: the dump as it is ----

    private void ensurePostgres(String db, Path dump, String marker) throws IOException, SQLException {
        String name = "defog_" + db;
        try (Connection admin = connect(postgres, postgres.adminUrl())) {
            admin.setAutoCommit(true);
            Existing found = existing(
                    admin, "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?", name);
            boolean exists = found.exists();
            String current = found.comment();
            if (marker.equals(current)) {
                return;
            }
            try (Statement st = admin.createStatement()) {
                if (exists && current != null && current.startsWith(MARKER)) {
                    log.println("benchmark loader: dropping " + name + " (loaded from another dump or loader version)");
                    st.execute("DROP DATABASE " + pgQuote(name));
                    exists = false;
                } else if (exists && postgresTables(name) > 0) {
                    throw new IllegalStateException("PostgreSQL database " + name
                            + " exists and was not loaded by querent eval; drop it or use another server");
                }
                if (!exists) {
                    st.execute("CREATE DATABASE " + pgQuote(name) + " ENCODING 'UTF8' TEMPLATE template0");
                }
                // Ours from now on: a load cut short is dropped and redone by the next run.
                st.execute("COMMENT ON DATABASE " + pgQuote(name) + " IS '" + MARKER + " loading'");
            }
            log.println("benchmark loader (its own administrator connection, not the product): loading " + name
                    + " into PostgreSQL at " + postgres.host() + ":" + postgres.port() + " from " + dump.getFileName());
            try (Connection c = connect(postgres, postgres.urlFor(name))) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute(Files.readString(dump));
                    st.execute("ANALYZE");
                }
                c.commit();
            }
            try (Statement st = admin.createStatement()) {
                st.execute("COMMENT ON DATABASE " + pgQuote(name) + " IS '" + marker + "'");
            }
        }
    }

    private int postgresTables(String name) throws SQLException {
        try (Connection c = connect(postgres, postgres.urlFor(name));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_catalog.pg_class c"
                                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'p')"
                                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // ---- MariaDB: copied from the PostgreSQL load ----

    /** One column as PostgreSQL has it and as MariaDB gets it. */
    private record Column(String name, String pgType, boolean notNull, String mariaType) {}

    private record Table(long oid, String pgSchema, String pgName, String name, List<Column> columns) {
        Column column(String name) {
            return columns.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private record ForeignKey(Table from, List<String> columns, Table to, List<String> referenced) {}

    private void ensureMariaDb(String db, String marker) throws IOException, SQLException {
        try (Connection admin = connect(engine, engine.adminUrl())) {
            Existing found =
                    existing(admin, "SELECT SCHEMA_COMMENT FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", db);
            boolean exists = found.exists();
            String current = found.comment();
            if (marker.equals(current)) {
                return;
            }
            try (Statement st = admin.createStatement()) {
                if (exists && current != null && current.startsWith(MARKER)) {
                    log.println("benchmark loader: dropping MariaDB database " + db
                            + " (loaded from another dump or loader version)");
                    st.execute("DROP DATABASE " + quote(db));
                    exists = false;
                } else if (exists) {
                    try (PreparedStatement ps = admin.prepareStatement(
                            "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
                        ps.setString(1, db);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) > 0) {
                                throw new IllegalStateException("MariaDB database " + db
                                        + " exists and was not loaded by querent eval; drop it or use another server");
                            }
                        }
                    }
                }
                if (!exists) {
                    st.execute("CREATE DATABASE " + quote(db) + " CHARACTER SET utf8mb4");
                }
                // Ours from now on: a copy cut short is dropped and redone by the next run.
                st.execute("ALTER DATABASE " + quote(db) + " COMMENT '" + MARKER + " loading'");
            }
            log.println("benchmark loader (its own administrator connection, not the product): copying defog_" + db
                    + " from PostgreSQL at " + postgres.host() + ":" + postgres.port() + " into MariaDB database " + db
                    + " at " + engine.host() + ":" + engine.port());
            copy(db);
            try (Statement st = admin.createStatement()) {
                st.execute("ALTER DATABASE " + quote(db) + " COMMENT '" + marker + "'");
            }
        }
    }

    private void copy(String db) throws IOException, SQLException {
        Map<String, String> spelling = spelling(db);
        try (Connection pg = connect(postgres, postgres.urlFor("defog_" + db));
                Connection my = connect(engine, engine.urlFor(db))) {
            pg.setAutoCommit(false);
            pg.setReadOnly(true);
            List<Table> tables = tables(pg, spelling);
            Map<Long, List<String>> primaryKeys = keys(pg, 'p');
            List<ForeignKey> foreignKeys = foreignKeys(pg, tables, spelling);
            // InnoDB wants a key and its reference of one type (PostgreSQL lets INT refer to BIGINT).
            Map<String, String> widened = new HashMap<>();
            for (ForeignKey fk : foreignKeys) {
                for (int i = 0; i < fk.columns().size(); i++) {
                    widened.put(
                            fk.from().oid() + "." + fk.columns().get(i),
                            fk.to().column(fk.referenced().get(i)).mariaType());
                }
            }
            try (Statement st = my.createStatement()) {
                st.execute("SET SESSION foreign_key_checks = 0");
                for (Table t : tables) {
                    st.execute(createTable(t, primaryKeys.getOrDefault(t.oid(), List.of()), spelling, widened));
                }
            }
            my.setAutoCommit(false);
            for (Table t : tables) {
                copyRows(pg, my, t);
            }
            my.commit();
            my.setAutoCommit(true);
            try (Statement ddl = my.createStatement()) {
                for (ForeignKey fk : foreignKeys) {
                    ddl.execute("ALTER TABLE " + quote(fk.from().name()) + " ADD FOREIGN KEY ("
                            + String.join(
                                    ", ",
                                    fk.columns().stream()
                                            .map(DefogLoader::quote)
                                            .toList())
                            + ") REFERENCES " + quote(fk.to().name()) + " ("
                            + String.join(
                                    ", ",
                                    fk.referenced().stream()
                                            .map(DefogLoader::quote)
                                            .toList()) + ")");
                }
            }
            try (Statement st = my.createStatement()) {
                st.execute("SET SESSION foreign_key_checks = 1");
                for (Table t : tables) {
                    st.execute("ANALYZE TABLE " + quote(t.name()));
                }
            }
        }
    }

    /** Lower-cased name → the dump's spelling, for tables and columns, from {@code <db>.json}. */
    private Map<String, String> spelling(String db) throws IOException {
        Map<String, String> names = new HashMap<>();
        Path json = dumps.resolve(db + ".json");
        if (!Files.isRegularFile(json)) {
            return names;
        }
        JsonNode meta = JSON.readTree(Files.readString(json)).path("table_metadata");
        for (var e : meta.properties()) {
            String table = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            names.putIfAbsent(table.toLowerCase(Locale.ROOT), table);
            for (JsonNode c : e.getValue()) {
                String col = c.path("column_name").asString("");
                if (!col.isEmpty()) {
                    names.putIfAbsent(col.toLowerCase(Locale.ROOT), col);
                }
            }
        }
        return names;
    }

    private static String spelt(Map<String, String> spelling, String pgName) {
        return spelling.getOrDefault(pgName.toLowerCase(Locale.ROOT), pgName);
    }

    private static List<Table> tables(Connection pg, Map<String, String> spelling) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement st = pg.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                        + " AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg\\_%' ORDER BY n.nspname, c.relname")) {
            while (rs.next()) {
                tables.add(new Table(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        spelt(spelling, rs.getString(3)),
                        new ArrayList<>()));
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Table t : tables) {
            if (!seen.add(t.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("two schemas hold a table " + t.name() + "; MariaDB has one namespace");
            }
            try (PreparedStatement ps = pg.prepareStatement(
                    "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_catalog.pg_attribute a"
                            + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                ps.setLong(1, t.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String type = rs.getString(2);
                        t.columns()
                                .add(new Column(
                                        spelt(spelling, rs.getString(1)), type, rs.getBoolean(3), mariaType(type)));
                    }
                }
            }
        }
        return tables;
    }

    /** Constrained columns of every primary key ({@code p}) by table oid, in key order. */
    private static Map<Long, List<String>> keys(Connection pg, char kind) throws SQLException {
        Map<Long, List<String>> keys = new HashMap<>();
        try (PreparedStatement ps = pg.prepareStatement("SELECT k.conrelid, a.attname FROM pg_catalog.pg_constraint k"
                + " CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum"
                + " WHERE k.contype = ? ORDER BY k.conrelid, u.ord")) {
            ps.setString(1, Character.toString(kind));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return keys;
    }

    /**
     * PostgreSQL's type (as {@code format_type} writes it) → MariaDB's: integers and decimals keep
     * their size and scale, {@code timestamp} becomes {@code DATETIME(6)} (with a time zone: the
     * instant in UTC), {@code boolean} MariaDB's {@code BOOLEAN}, {@code uuid} {@code CHAR(36)},
     * JSON {@code JSON}, {@code bytea} {@code LONGBLOB}; text, arrays and the rest text.
     */
    static String mariaType(String pgType) {
        String t = pgType.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return "LONGTEXT";
        }
        var sized = java.util.regex.Pattern.compile("(character varying|character|numeric)\\((\\d+)(?:,(\\d+))?\\)")
                .matcher(t);
        if (sized.matches()) {
            return switch (sized.group(1)) {
                case "character varying" -> "VARCHAR(" + sized.group(2) + ")";
                case "character" -> "CHAR(" + sized.group(2) + ")";
                default -> "DECIMAL(" + sized.group(2) + "," + (sized.group(3) == null ? "0" : sized.group(3)) + ")";
            };
        }
        return switch (t) {
            case "smallint" -> "SMALLINT";
            case "integer" -> "INT";
            case "bigint" -> "BIGINT";
            case "numeric" -> "DECIMAL(38,10)";
            case "real" -> "FLOAT";
            case "double precision" -> "DOUBLE";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp without time zone", "timestamp with time zone" -> "DATETIME(6)";
            case "time without time zone", "time with time zone" -> "TIME(6)";
            case "uuid" -> "CHAR(36)";
            case "json", "jsonb" -> "JSON";
            case "bytea" -> "LONGBLOB";
            default -> "LONGTEXT"; // text, character varying without a length, interval, enums, …
        };
    }

    /** A MariaDB name, quoted by the dialect SPI. */
    private static String quote(String identifier) {
        return Dialect.MYSQL.sql().quoteIdentifier(identifier);
    }

    private static String pgQuote(String identifier) {
        return Dialect.POSTGRESQL.sql().quoteIdentifier(identifier);
    }

    private static String createTable(
            Table t, List<String> primaryKey, Map<String, String> spelling, Map<String, String> widened) {
        java.util.Set<String> keyColumns = new java.util.HashSet<>();
        primaryKey.forEach(k -> keyColumns.add(spelt(spelling, k)));
        StringBuilder ddl =
                new StringBuilder("CREATE TABLE ").append(quote(t.name())).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            Column c = t.columns().get(i);
            // A key cannot be a TEXT column in MariaDB.
            String type = widened.getOrDefault(t.oid() + "." + c.name(), c.mariaType());
            if (type.equals("LONGTEXT")
                    && (keyColumns.contains(c.name()) || widened.containsKey(t.oid() + "." + c.name()))) {
                type = "VARCHAR(255)";
            }
            ddl.append(i == 0 ? "" : ", ")
                    .append(quote(c.name()))
                    .append(' ')
                    .append(type)
                    .append(c.notNull() ? " NOT NULL" : " NULL");
        }
        if (!primaryKey.isEmpty()) {
            ddl.append(", PRIMARY KEY (")
                    .append(String.join(
                            ", ",
                            primaryKey.stream()
                                    .map(k -> quote(spelt(spelling, k)))
                                    .toList()))
                    .append(')');
        }
        return ddl.append(") ENGINE=InnoDB").toString();
    }

    private static void copyRows(Connection pg, Connection my, Table t) throws SQLException {
        String cols =
                String.join(", ", t.columns().stream().map(c -> quote(c.name())).toList());
        String marks = String.join(", ", t.columns().stream().map(c -> "?").toList());
        String select = "SELECT * FROM " + pgQuote(t.pgSchema()) + "." + pgQuote(t.pgName());
        try (Statement read = pg.createStatement();
                PreparedStatement write = my.prepareStatement(
                        "INSERT INTO " + quote(t.name()) + " (" + cols + ") VALUES (" + marks + ")")) {
            read.setFetchSize(1000);
            try (ResultSet rs = read.executeQuery(select)) {
                int batch = 0;
                while (rs.next()) {
                    for (int i = 0; i < t.columns().size(); i++) {
                        Object v = value(rs, i + 1, t.columns().get(i).pgType());
                        if (v == null) {
                            write.setNull(i + 1, Types.NULL);
                        } else {
                            write.setObject(i + 1, v);
                        }
                    }
                    write.addBatch();
                    if (++batch % 500 == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
        }
    }

    private static Object value(ResultSet rs, int i, String pgType) throws SQLException {
        String t = pgType.toLowerCase(Locale.ROOT);
        Object v;
        if (t.equals("date")) {
            v = rs.getObject(i, LocalDate.class);
        } else if (t.startsWith("timestamp without")) {
            v = rs.getObject(i, LocalDateTime.class);
        } else if (t.startsWith("timestamp with ")) {
            OffsetDateTime o = rs.getObject(i, OffsetDateTime.class);
            v = o == null ? null : o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } else if (t.equals("time without time zone")) {
            v = rs.getObject(i, LocalTime.class);
        } else if (t.equals("boolean")) {
            v = rs.getBoolean(i);
        } else if (t.startsWith("numeric")) {
            v = rs.getBigDecimal(i);
        } else if (t.equals("smallint") || t.equals("integer") || t.equals("bigint")) {
            v = rs.getLong(i);
        } else if (t.equals("real") || t.equals("double precision")) {
            v = rs.getDouble(i);
        } else if (t.equals("bytea")) {
            v = rs.getBytes(i);
        } else {
            v = rs.getString(i);
        }
        return rs.wasNull() ? null : v;
    }

    private static List<ForeignKey> foreignKeys(Connection pg, List<Table> tables, Map<String, String> spelling)
            throws SQLException {
        Map<Long, Table> byOid = new HashMap<>();
        tables.forEach(t -> byOid.put(t.oid(), t));
        List<ForeignKey> out = new ArrayList<>();
        try (Statement st = pg.createStatement();
                ResultSet rs = st.executeQuery("SELECT k.conrelid, k.confrelid,"
                        + " (SELECT array_agg(a.attname::text ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(n, ord)"
                        + "  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n),"
                        + " (SELECT array_agg(a.attname::text ORDER BY u.ord) FROM unnest(k.confkey) WITH ORDINALITY u(n, ord)"
                        + "  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n)"
                        + " FROM pg_catalog.pg_constraint k WHERE k.contype = 'f' ORDER BY k.conname")) {
            while (rs.next()) {
                Table from = byOid.get(rs.getLong(1));
                Table to = byOid.get(rs.getLong(2));
                if (from != null && to != null) {
                    out.add(new ForeignKey(from, names(rs, 3, spelling), to, names(rs, 4, spelling)));
                }
            }
        }
        return out;
    }

    private static List<String> names(ResultSet rs, int column, Map<String, String> spelling) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) rs.getArray(column).getArray()) {
            out.add(spelt(spelling, (String) o));
        }
        return out;
    }
}
