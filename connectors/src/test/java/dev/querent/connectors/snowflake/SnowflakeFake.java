package dev.querent.connectors.snowflake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for Snowflake's REST protocol, enough for the official JDBC driver: login,
 * query (JSON result format), abort, heartbeat and logout. Statements run on a DuckDB file opened
 * read-only, as a read-only role would see the warehouse; the schema's {@code INFORMATION_SCHEMA}
 * and {@code SHOW PRIMARY/IMPORTED KEYS} are answered in Snowflake's shape from DuckDB's catalog.
 */
final class SnowflakeFake implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INFO =
            Pattern.compile("\"?[A-Za-z0-9_]+\"?\\.INFORMATION_SCHEMA\\.", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHOW_KEYS =
            Pattern.compile("SHOW (PRIMARY|IMPORTED) KEYS IN SCHEMA .*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_SESSION =
            Pattern.compile("ALTER SESSION SET (\\w+) = (.+)", Pattern.CASE_INSENSITIVE);

    final String database;
    final String schema;
    final String password;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<JsonNode> logins = new CopyOnWriteArrayList<>();
    final List<String> statements = new CopyOnWriteArrayList<>();
    final AtomicInteger aborts = new AtomicInteger();

    private final Path dir;
    private final Path file;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Statement> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> sessions = new ConcurrentHashMap<>();
    private final Set<String> aborted = ConcurrentHashMap.newKeySet();

    SnowflakeFake(String database, String schema, String password, List<String> fixture) throws Exception {
        this.database = database;
        this.schema = schema;
        this.password = password;
        dir = Files.createTempDirectory("snowflake-fake");
        file = dir.resolve("warehouse.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("USE " + schema);
            for (String sql : fixture) {
                st.execute(sql);
            }
            // INFORMATION_SCHEMA as Snowflake shapes it (ROW_COUNT, COMMENT, NUMBER/TEXT types).
            st.execute("CREATE SCHEMA sf_info");
            st.execute("CREATE VIEW sf_info.tables AS SELECT upper(schema_name) AS table_schema,"
                    + " table_name, 'BASE TABLE' AS table_type, comment, estimated_size AS row_count"
                    + " FROM duckdb_tables() WHERE schema_name <> 'sf_info' UNION ALL"
                    + " SELECT upper(schema_name), view_name, 'VIEW', comment, NULL FROM duckdb_views()"
                    + " WHERE NOT internal AND schema_name <> 'sf_info'");
            st.execute("CREATE VIEW sf_info.columns AS SELECT upper(schema_name) AS table_schema, table_name,"
                    + " column_name, column_index AS ordinal_position,"
                    + " CASE WHEN data_type IN ('INTEGER', 'BIGINT', 'SMALLINT') THEN 'NUMBER'"
                    + " WHEN data_type LIKE 'DECIMAL%' THEN 'NUMBER' WHEN data_type = 'VARCHAR' THEN 'TEXT'"
                    + " WHEN data_type = 'DOUBLE' THEN 'FLOAT' ELSE data_type END AS data_type,"
                    + " CASE WHEN is_nullable THEN 'YES' ELSE 'NO' END AS is_nullable, comment,"
                    + " CASE WHEN data_type IN ('INTEGER', 'BIGINT', 'SMALLINT') THEN 38"
                    + " WHEN data_type LIKE 'DECIMAL%' THEN numeric_precision END AS numeric_precision,"
                    + " CASE WHEN data_type IN ('INTEGER', 'BIGINT', 'SMALLINT') THEN 0"
                    + " WHEN data_type LIKE 'DECIMAL%' THEN numeric_scale END AS numeric_scale"
                    + " FROM duckdb_columns() WHERE schema_name <> 'sf_info'");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            JsonNode body = readBody(ex);
            ObjectNode answer;
            if (path.equals("/session/v1/login-request")) {
                answer = login(body);
            } else if (path.equals("/queries/v1/query-request")) {
                answer = authorized(ex)
                        ? query(body, param(ex, "requestId"))
                        : error("390104", "Authentication token has expired.");
            } else if (path.equals("/queries/v1/abort-request")) {
                aborts.incrementAndGet();
                String id = body == null ? null : body.path("requestId").asString(null);
                if (id != null) {
                    abort(id);
                }
                answer = ok(JSON.createObjectNode());
            } else if (path.startsWith("/session")) {
                // heartbeat, token renewal, logout (delete=true): nothing to keep
                answer = ok(JSON.createObjectNode());
            } else if (path.startsWith("/telemetry")) {
                answer = ok(JSON.createObjectNode());
            } else {
                answer = error("390400", "Unknown path " + path);
            }
            byte[] out = JSON.writeValueAsBytes(answer);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private boolean authorized(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        return auth != null
                && auth.startsWith("Snowflake Token=\"")
                && sessions.containsKey(auth.substring(17, auth.length() - 1));
    }

    private static JsonNode readBody(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? null : JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    private ObjectNode login(JsonNode body) {
        JsonNode data = body.path("data");
        logins.add(data);
        if (!password.equals(data.path("PASSWORD").asString(""))) {
            return error("390100", "Incorrect username or password was specified.");
        }
        String token = UUID.randomUUID().toString();
        sessions.put(token, true);
        ObjectNode d = JSON.createObjectNode();
        d.put("token", token);
        d.put("masterToken", "master-" + token);
        d.put("validityInSeconds", 3600);
        d.put("masterValidityInSeconds", 14400);
        d.put("displayUserName", data.path("LOGIN_NAME").asString(""));
        d.put("serverVersion", "9.99.0 (fake)");
        d.put("firstLogin", false);
        d.put("healthCheckInterval", 45);
        d.put("sessionId", 1L);
        ArrayNode params = d.putArray("parameters");
        params.addObject().put("name", "AUTOCOMMIT").put("value", true);
        params.addObject().put("name", "CLIENT_RESULT_CHUNK_SIZE").put("value", 160);
        ObjectNode info = d.putObject("sessionInfo");
        info.put("databaseName", database);
        info.put("schemaName", schema);
        info.put("warehouseName", "FAKE_WH");
        info.put("roleName", "QUERENT_READER");
        return ok(d);
    }

    private static String param(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return UUID.randomUUID().toString();
    }

    private ObjectNode query(JsonNode body, String requestId) {
        String sql = body.path("sqlText").asString("").strip();
        statements.add(sql);
        Matcher alter = ALTER_SESSION.matcher(sql);
        if (alter.matches()) {
            return result(List.of(), new Object[0][], requestId, "status", "Statement executed successfully.");
        }
        String translated = translate(sql);
        Properties readOnly = new Properties();
        readOnly.put("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
                Statement st = c.createStatement()) {
            st.execute("USE " + schema);
            running.put(requestId, st);
            if (aborted.contains(requestId)) {
                return error("000604", "SQL execution canceled");
            }
            try (ResultSet rs = st.executeQuery(translated)) {
                return result(rs, requestId);
            } finally {
                running.remove(requestId);
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? "error" : e.getMessage();
            if (message.contains("INTERRUPT")) {
                return error("000604", "SQL execution canceled");
            }
            return error("002003", "SQL compilation error: " + message.strip());
        }
    }

    /**
     * Like the service, an abort stops its request whenever it arrives: before the query (it is
     * remembered) or while it runs (cancelled until it has stopped, since DuckDB drops a cancel
     * that comes before its statement has started).
     */
    private void abort(String requestId) {
        aborted.add(requestId);
        long deadline = System.nanoTime() + 5_000_000_000L;
        Statement st;
        while ((st = running.get(requestId)) != null && System.nanoTime() < deadline) {
            try {
                st.cancel();
                Thread.sleep(50);
            } catch (SQLException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String translate(String sql) {
        Matcher keys = SHOW_KEYS.matcher(sql);
        if (keys.matches()) {
            return keys.group(1).equalsIgnoreCase("PRIMARY")
                    ? "SELECT database_name, upper(schema_name) AS schema_name, table_name,"
                            + " unnest(constraint_column_names) AS column_name,"
                            + " generate_subscripts(constraint_column_names, 1) AS key_sequence,"
                            + " constraint_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
                            + " ORDER BY table_name, key_sequence"
                    : "SELECT upper(schema_name) AS pk_schema_name, referenced_table AS pk_table_name,"
                            + " unnest(referenced_column_names) AS pk_column_name, table_name AS fk_table_name,"
                            + " unnest(constraint_column_names) AS fk_column_name, constraint_name AS fk_name"
                            + " FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'";
        }
        if (sql.regionMatches(true, 0, "EXPLAIN USING TEXT ", 0, 19)) {
            return "EXPLAIN " + sql.substring(19);
        }
        return INFO.matcher(sql).replaceAll("sf_info.");
    }

    private ObjectNode result(ResultSet rs, String queryId) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Object[]> rows = new java.util.ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 1; i <= n; i++) {
                row[i - 1] = rs.getObject(i);
            }
            rows.add(row);
        }
        List<int[]> types = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i));
            types.add(new int[] {md.getColumnType(i), md.getScale(i), md.getPrecision(i)});
        }
        return result(names, types, rows, queryId);
    }

    private ObjectNode result(List<String> names, Object[][] rows, String queryId, String column, String value) {
        return result(
                List.of(column),
                List.<int[]>of(new int[] {Types.VARCHAR, 0, 0}),
                List.<Object[]>of(new Object[] {value}),
                queryId);
    }

    private ObjectNode result(List<String> names, List<int[]> types, List<Object[]> rows, String queryId) {
        ObjectNode d = JSON.createObjectNode();
        d.putArray("parameters");
        ArrayNode rowtype = d.putArray("rowtype");
        String[] kinds = new String[names.size()];
        for (int i = 0; i < names.size(); i++) {
            int[] t = types.get(i);
            ObjectNode col = rowtype.addObject();
            col.put("name", names.get(i));
            col.put("database", database);
            col.put("schema", schema);
            col.put("table", "");
            col.put("nullable", true);
            String kind =
                    switch (t[0]) {
                        case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.DECIMAL, Types.NUMERIC ->
                            "fixed";
                        case Types.DOUBLE, Types.FLOAT, Types.REAL -> "real";
                        case Types.BOOLEAN -> "boolean";
                        case Types.DATE -> "date";
                        default -> "text";
                    };
            kinds[i] = kind;
            col.put("type", kind);
            if (kind.equals("fixed")) {
                boolean decimal = t[0] == Types.DECIMAL || t[0] == Types.NUMERIC;
                col.put("precision", decimal ? t[2] : 38);
                col.put("scale", decimal ? t[1] : 0);
            } else if (kind.equals("text")) {
                col.put("length", 16_777_216);
                col.put("byteLength", 16_777_216);
            }
        }
        ArrayNode rowset = d.putArray("rowset");
        for (Object[] row : rows) {
            ArrayNode r = rowset.addArray();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    r.addNull();
                } else if (kinds[i].equals("date")) {
                    LocalDate date = v instanceof java.sql.Date d2 ? d2.toLocalDate() : LocalDate.parse(v.toString());
                    r.add(String.valueOf(date.toEpochDay()));
                } else if (kinds[i].equals("boolean")) {
                    r.add(Boolean.TRUE.equals(v) ? "1" : "0");
                } else if (v instanceof BigDecimal b) {
                    r.add(b.toPlainString());
                } else {
                    r.add(v.toString());
                }
            }
        }
        d.put("total", rows.size());
        d.put("returned", rows.size());
        d.put("queryId", queryId);
        d.put("finalDatabaseName", database);
        d.put("finalSchemaName", schema);
        d.put("finalWarehouseName", "FAKE_WH");
        d.put("finalRoleName", "QUERENT_READER");
        d.put("numberOfBinds", 0);
        d.put("arrayBindSupported", false);
        d.put("statementTypeId", 4096);
        d.put("version", 1);
        d.put("queryResultFormat", "json");
        return ok(d);
    }

    private static ObjectNode ok(ObjectNode data) {
        ObjectNode root = JSON.createObjectNode();
        root.set("data", data);
        root.putNull("code");
        root.putNull("message");
        root.put("success", true);
        return root;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("internalError", false);
        data.put("errorCode", code);
        data.put("sqlState", code.startsWith("39") ? "08001" : "42000");
        data.put("queryId", UUID.randomUUID().toString());
        root.put("code", code);
        root.put("message", message);
        root.put("success", false);
        return root;
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve("warehouse.duckdb.wal"));
        Files.deleteIfExists(dir);
    }
}
