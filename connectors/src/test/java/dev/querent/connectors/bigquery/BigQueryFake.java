package dev.querent.connectors.bigquery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local fake of the BigQuery REST API (v2), enough for the official client: job insert (query
 * jobs, dry runs with {@code totalBytesProcessed} and {@code statementType}), job get and cancel,
 * {@code getQueryResults} and {@code tabledata.list} with rows in BigQuery's {@code f}/{@code v}
 * JSON and page tokens, dataset get, and errors as BigQuery error JSON. Queries run in an in-memory
 * DuckDB holding the dataset as a schema: back-quoted names become double-quoted ones and the
 * dataset's {@code INFORMATION_SCHEMA} views and {@code __TABLES__} are tables the fake fills in
 * BigQuery's own type names. Bytes processed are estimated as 8 bytes per column per row of every
 * dataset table the query names, or by the estimator a test sets.
 */
final class BigQueryFake implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INFO = Pattern.compile(
            "`([a-z0-9.:-]+)\\.([A-Za-z0-9_]+)`\\.INFORMATION_SCHEMA\\.([A-Z_]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern META = Pattern.compile("`([a-z0-9.:-]+)\\.([A-Za-z0-9_]+)\\.__TABLES__`");
    private static final Pattern JOB_PATH =
            Pattern.compile("/bigquery/v2/projects/([^/]+)/jobs(?:/([^/]+))?(/cancel)?");
    private static final Pattern QUERY_PATH = Pattern.compile("/bigquery/v2/projects/([^/]+)/queries/([^/]+)");
    private static final Pattern DATA_PATH =
            Pattern.compile("/bigquery/v2/projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)/data");
    private static final Pattern DATASET_PATH = Pattern.compile("/bigquery/v2/projects/([^/]+)/datasets/([^/]+)");

    final String project;
    final String dataset;
    private final DuckDBConnection db;
    private final HttpServer server;
    private final ExecutorService runner = Executors.newCachedThreadPool();
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    /** One timer thread for every job's timeout, stopped with the fake (a thread per job outlived it). */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    private final Map<String, FakeJob> jobs = new ConcurrentHashMap<>();
    /** Every request line, for tests that check what reached the service. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    final AtomicInteger queryJobsStarted = new AtomicInteger();
    volatile ToLongFunction<String> bytesEstimator;

    BigQueryFake(String project, String dataset, List<String> fixture) throws Exception {
        this.project = project;
        this.dataset = dataset;
        this.db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = db.createStatement()) {
            st.execute("CREATE SCHEMA \"" + dataset + "\"");
            st.execute("SET schema = '" + dataset + "'");
            for (String sql : fixture) {
                st.execute(sql);
            }
            st.execute("SET schema = 'main'");
            buildMetadata(st);
        }
        this.bytesEstimator = this::defaultEstimate;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    void useDefaultEstimate() {
        bytesEstimator = this::defaultEstimate;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- metadata in BigQuery's shape ----------------------------------------------------------

    private void buildMetadata(Statement st) throws SQLException {
        String ds = "'" + dataset + "'";
        st.execute("CREATE TABLE main.bq_tables AS SELECT table_name,"
                + " CASE table_type WHEN 'BASE TABLE' THEN 'BASE TABLE' ELSE 'VIEW' END AS table_type"
                + " FROM information_schema.tables WHERE table_schema = " + ds);
        st.execute("CREATE TABLE main.bq_columns (table_name VARCHAR, column_name VARCHAR, ordinal_position BIGINT,"
                + " is_nullable VARCHAR, data_type VARCHAR)");
        List<Object[]> columns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT table_name, column_name, column_index, is_nullable, data_type"
                + " FROM duckdb_columns() WHERE schema_name = " + ds)) {
            while (rs.next()) {
                columns.add(new Object[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getBoolean(4) ? "YES" : "NO",
                    bigQueryType(rs.getString(5))
                });
            }
        }
        try (var insert = db.prepareStatement("INSERT INTO main.bq_columns VALUES (?, ?, ?, ?, ?)")) {
            for (Object[] c : columns) {
                for (int i = 0; i < c.length; i++) {
                    insert.setObject(i + 1, c[i]);
                }
                insert.execute();
            }
        }
        // Descriptions: TABLE_OPTIONS writes them as string literals, COLUMN_FIELD_PATHS as text.
        st.execute("CREATE TABLE main.bq_table_options AS SELECT table_name, 'description' AS option_name,"
                + " '\"' || replace(replace(comment, '\\', '\\\\'), '\"', '\\\"') || '\"' AS option_value"
                + " FROM duckdb_tables() WHERE schema_name = " + ds + " AND comment IS NOT NULL");
        st.execute("CREATE TABLE main.bq_column_field_paths AS SELECT table_name, column_name,"
                + " column_name AS field_path, comment AS description FROM duckdb_columns()"
                + " WHERE schema_name = " + ds);
        st.execute("CREATE TABLE main.bq_meta AS SELECT table_name AS table_id, estimated_size AS row_count"
                + " FROM duckdb_tables() WHERE schema_name = " + ds);
        st.execute("CREATE TABLE main.bq_constraints (constraint_name VARCHAR, table_name VARCHAR,"
                + " constraint_type VARCHAR)");
        st.execute("CREATE TABLE main.bq_key_columns (constraint_name VARCHAR, table_name VARCHAR,"
                + " column_name VARCHAR, ordinal_position BIGINT)");
        st.execute("CREATE TABLE main.bq_constraint_columns (constraint_name VARCHAR, table_name VARCHAR,"
                + " column_name VARCHAR)");
        List<Object[]> keys = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT table_name, constraint_type, constraint_column_names,"
                + " referenced_table, referenced_column_names, constraint_index FROM duckdb_constraints()"
                + " WHERE schema_name = " + ds + " AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')")) {
            while (rs.next()) {
                keys.add(new Object[] {
                    rs.getString(1),
                    rs.getString(2),
                    strings(rs.getArray(3)),
                    rs.getString(4),
                    rs.getString(4) == null ? List.of() : strings(rs.getArray(5)),
                    rs.getLong(6)
                });
            }
        }
        for (Object[] k : keys) {
            String table = (String) k[0];
            String type = (String) k[1];
            String name = table + (type.equals("PRIMARY KEY") ? ".pk$" : ".fk$" + k[5]);
            exec("INSERT INTO main.bq_constraints VALUES (?, ?, ?)", name, table, type);
            @SuppressWarnings("unchecked")
            List<String> cols = (List<String>) k[2];
            for (int i = 0; i < cols.size(); i++) {
                exec("INSERT INTO main.bq_key_columns VALUES (?, ?, ?, ?)", name, table, cols.get(i), i + 1L);
            }
            if (type.equals("FOREIGN KEY")) {
                @SuppressWarnings("unchecked")
                List<String> referenced = (List<String>) k[4];
                for (String c : referenced) {
                    exec("INSERT INTO main.bq_constraint_columns VALUES (?, ?, ?)", name, k[3], c);
                }
            }
        }
    }

    private void exec(String sql, Object... args) throws SQLException {
        try (var ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** DuckDB's type names as BigQuery's {@code INFORMATION_SCHEMA.COLUMNS.data_type} writes them. */
    static String bigQueryType(String duck) {
        String t = duck.toUpperCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return "ARRAY<" + bigQueryType(duck.substring(0, duck.length() - 2)) + ">";
        }
        if (t.startsWith("STRUCT(")) {
            String inner = duck.substring(7, duck.length() - 1);
            List<String> parts = new ArrayList<>();
            for (String f : inner.split(",\\s*")) {
                String[] nameType = f.strip().split("\\s+", 2);
                parts.add(nameType[0].replace("\"", "") + " " + bigQueryType(nameType[1]));
            }
            return "STRUCT<" + String.join(", ", parts) + ">";
        }
        if (t.startsWith("DECIMAL(")) {
            return "NUMERIC" + duck.substring(7).replace(",", ", ");
        }
        return switch (t) {
            case "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER" -> "INT64";
            case "DOUBLE", "FLOAT", "REAL" -> "FLOAT64";
            case "BOOLEAN" -> "BOOL";
            case "VARCHAR" -> "STRING";
            case "BLOB" -> "BYTES";
            case "TIMESTAMP" -> "DATETIME";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP";
            default -> t;
        };
    }

    /** A result schema field: arrays REPEATED, structs RECORD with their fields. */
    static ObjectNode schemaField(String name, String duck) {
        ObjectNode field = JSON.createObjectNode();
        field.put("name", name);
        String bq = bigQueryType(duck);
        if (bq.startsWith("ARRAY<")) {
            ObjectNode element = schemaField(name, duck.substring(0, duck.length() - 2));
            element.put("mode", "REPEATED");
            return element;
        }
        if (bq.startsWith("STRUCT<")) {
            field.put("type", "RECORD");
            ArrayNode subs = field.putArray("fields");
            String inner = duck.substring(7, duck.length() - 1);
            for (String f : inner.split(",\\s*")) {
                String[] nameType = f.strip().split("\\s+", 2);
                subs.add(schemaField(nameType[0].replace("\"", ""), nameType[1]));
            }
        } else {
            field.put("type", schemaType(duck));
        }
        field.put("mode", "NULLABLE");
        return field;
    }

    /** BigQuery's legacy type name in a result schema. */
    private static String schemaType(String duck) {
        String t = duck.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) {
            return "NUMERIC";
        }
        return switch (t) {
            case "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT" -> "INTEGER";
            case "DOUBLE", "FLOAT", "REAL" -> "FLOAT";
            case "BOOLEAN" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TIMESTAMP" -> "DATETIME";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP";
            case "BLOB" -> "BYTES";
            default -> "STRING";
        };
    }

    // --- SQL --------------------------------------------------------------------------------

    /** BigQuery SQL as DuckDB runs it here. */
    String translate(String sql) {
        Matcher m = INFO.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            requireOwn(m.group(1), m.group(2));
            String view =
                    switch (m.group(3).toUpperCase(Locale.ROOT)) {
                        case "TABLES" -> "main.bq_tables";
                        case "COLUMNS" -> "main.bq_columns";
                        case "TABLE_CONSTRAINTS" -> "main.bq_constraints";
                        case "KEY_COLUMN_USAGE" -> "main.bq_key_columns";
                        case "CONSTRAINT_COLUMN_USAGE" -> "main.bq_constraint_columns";
                        case "TABLE_OPTIONS" -> "main.bq_table_options";
                        case "COLUMN_FIELD_PATHS" -> "main.bq_column_field_paths";
                        default -> throw new FakeError(400, "invalidQuery", "Table " + m.group(3) + " not found");
                    };
            m.appendReplacement(out, Matcher.quoteReplacement(view));
        }
        m.appendTail(out);
        Matcher meta = META.matcher(out.toString());
        out = new StringBuilder();
        while (meta.find()) {
            requireOwn(meta.group(1), meta.group(2));
            meta.appendReplacement(out, "main.bq_meta");
        }
        meta.appendTail(out);
        return out.toString().replace('`', '"');
    }

    private void requireOwn(String p, String d) {
        if (!p.equals(project) || !d.equals(dataset)) {
            throw new FakeError(404, "notFound", "Not found: Dataset " + p + ":" + d);
        }
    }

    /** DuckDB's message on one line, as BigQuery writes its own. */
    private static String engineMessage(SQLException e) {
        String message = String.valueOf(e.getMessage())
                .replace(
                        "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result", "")
                .strip();
        if (message.startsWith("Error: ")) {
            message = message.substring("Error: ".length());
        }
        return message.replaceAll("\\s*\\n\\s*", " ");
    }

    static String statementType(String sql) {
        String first = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return switch (first) {
            case "SELECT", "WITH", "(" -> "SELECT";
            case "CREATE" -> "CREATE_TABLE";
            case "DROP" -> "DROP_TABLE";
            default -> first;
        };
    }

    private long defaultEstimate(String sql) {
        long bytes = 0;
        String lower = sql.toLowerCase(Locale.ROOT);
        try (Statement st = db.duplicate().createStatement();
                ResultSet rs = st.executeQuery("SELECT t.table_id, t.row_count, count(*) FROM main.bq_meta t"
                        + " JOIN main.bq_columns c ON c.table_name = t.table_id GROUP BY ALL")) {
            while (rs.next()) {
                if (Pattern.compile("\\b" + Pattern.quote(rs.getString(1).toLowerCase(Locale.ROOT)) + "\\b")
                        .matcher(lower)
                        .find()) {
                    bytes += rs.getLong(2) * rs.getLong(3) * 8;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return bytes;
    }

    // --- HTTP -------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        String method = ex.getRequestMethod();
        requests.add(method + " " + path);
        try {
            Matcher m;
            if ((m = JOB_PATH.matcher(path)).matches()) {
                if (method.equals("POST") && m.group(2) == null) {
                    send(ex, 200, insertJob(read(ex)));
                } else if (method.equals("POST") && m.group(3) != null) {
                    FakeJob job = job(m.group(2));
                    job.cancel();
                    ObjectNode body = JSON.createObjectNode();
                    body.put("kind", "bigquery#jobCancelResponse");
                    body.set("job", job.resource());
                    send(ex, 200, body);
                } else if (method.equals("GET") && m.group(2) != null) {
                    send(ex, 200, job(m.group(2)).resource());
                } else {
                    throw new FakeError(404, "notFound", "No such method " + method + " " + path);
                }
            } else if ((m = QUERY_PATH.matcher(path)).matches() && method.equals("GET")) {
                send(ex, 200, job(m.group(2)).queryResults(query));
            } else if ((m = DATA_PATH.matcher(path)).matches() && method.equals("GET")) {
                String table = m.group(3);
                FakeJob job = jobs.values().stream()
                        .filter(j -> j.destinationTable.equals(table))
                        .findFirst()
                        .orElseThrow(() -> new FakeError(404, "notFound", "Not found: Table " + table));
                send(ex, 200, job.tableData(query));
            } else if ((m = DATASET_PATH.matcher(path)).matches() && method.equals("GET")) {
                requireOwn(m.group(1), m.group(2));
                ObjectNode body = JSON.createObjectNode();
                body.put("kind", "bigquery#dataset");
                body.put("id", project + ":" + dataset);
                ObjectNode ref = body.putObject("datasetReference");
                ref.put("projectId", project);
                ref.put("datasetId", dataset);
                body.put("location", "US");
                send(ex, 200, body);
            } else {
                throw new FakeError(404, "notFound", "No such method " + method + " " + path);
            }
        } catch (FakeError e) {
            sendError(ex, e.status, e.reason, e.getMessage());
        } catch (RuntimeException e) {
            sendError(ex, 500, "internalError", String.valueOf(e));
        }
    }

    private FakeJob job(String id) {
        FakeJob job = jobs.get(id);
        if (job == null) {
            throw new FakeError(404, "notFound", "Not found: Job " + project + ":" + id);
        }
        return job;
    }

    private ObjectNode insertJob(JsonNode body) {
        JsonNode config = body.path("configuration");
        JsonNode q = config.path("query");
        String sql = q.path("query").asString();
        boolean dryRun = config.path("dryRun").asBoolean(false);
        String translated = translate(sql);
        String type = statementType(sql);
        // Validates the statement (and names) without running it.
        if (type.equals("SELECT")) {
            try (Connection c = db.duplicate();
                    Statement st = c.createStatement()) {
                st.execute("SET schema = '" + dataset + "'");
                st.execute("EXPLAIN " + translated);
            } catch (SQLException e) {
                throw new FakeError(400, "invalidQuery", engineMessage(e));
            }
        }
        long bytes = bytesEstimator.applyAsLong(sql);
        if (dryRun) {
            ObjectNode job = JSON.createObjectNode();
            job.put("kind", "bigquery#job");
            job.putObject("status").put("state", "DONE");
            ObjectNode stats = job.putObject("statistics");
            stats.put("creationTime", Long.toString(System.currentTimeMillis()));
            stats.put("totalBytesProcessed", Long.toString(bytes));
            ObjectNode queryStats = stats.putObject("query");
            queryStats.put("totalBytesProcessed", Long.toString(bytes));
            queryStats.put("statementType", type);
            job.set("configuration", config);
            return job;
        }
        queryJobsStarted.incrementAndGet();
        String id = body.path("jobReference")
                .path("jobId")
                .asString(UUID.randomUUID().toString());
        FakeJob job = new FakeJob(id, config, translated, bytes);
        jobs.put(id, job);
        JsonNode max = q.path("maximumBytesBilled");
        long jobTimeout = config.path("jobTimeoutMs").asLong(0);
        if (!max.isMissingNode() && bytes > Long.parseLong(max.asString())) {
            job.fail("bytesBilledLimitExceeded", "Query exceeded limit for bytes billed: " + max.asString() + ".");
        } else {
            runner.execute(() -> job.run(jobTimeout));
        }
        return job.resource();
    }

    private static JsonNode read(HttpExchange ex) throws IOException {
        boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"));
        try (InputStream in = gzip ? new java.util.zip.GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static void sendError(HttpExchange ex, int status, String reason, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        ObjectNode item = error.putArray("errors").addObject();
        item.put("message", message);
        item.put("domain", "global");
        item.put("reason", reason);
        error.put("status", status == 404 ? "NOT_FOUND" : status == 400 ? "INVALID_ARGUMENT" : "INTERNAL");
        send(ex, status, body);
    }

    static final class FakeError extends RuntimeException {
        final int status;
        final String reason;

        FakeError(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }

    /** One query job: runs in DuckDB on a duplicate connection, its result kept as BigQuery JSON. */
    private final class FakeJob {
        final String id;
        final JsonNode config;
        final String sql;
        final long bytes;
        final String destinationTable;
        private volatile String state = "RUNNING";
        private volatile ObjectNode error;
        private volatile ArrayNode fields;
        private volatile List<ObjectNode> rows = List.of();
        private volatile Statement statement;
        private volatile boolean cancelled;

        FakeJob(String id, JsonNode config, String sql, long bytes) {
            this.id = id;
            this.config = config;
            this.sql = sql;
            this.bytes = bytes;
            this.destinationTable = "anon" + id.replace("-", "_");
        }

        void run(long timeoutMillis) {
            var timer = timeoutMillis > 0 ? timers.schedule(this::timeOut, timeoutMillis, TimeUnit.MILLISECONDS) : null;
            try (Connection c = db.duplicate();
                    Statement st = c.createStatement()) {
                st.execute("SET schema = '" + dataset + "'");
                statement = st;
                if (cancelled) {
                    return;
                }
                try (ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    ArrayNode f = JSON.createArrayNode();
                    List<String> types = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        types.add(md.getColumnTypeName(i));
                        f.add(schemaField(md.getColumnLabel(i), md.getColumnTypeName(i)));
                    }
                    List<ObjectNode> out = new ArrayList<>();
                    while (rs.next()) {
                        ObjectNode row = JSON.createObjectNode();
                        ArrayNode cells = row.putArray("f");
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            cells.addObject().set("v", cell(rs.getObject(i)));
                        }
                        out.add(row);
                    }
                    fields = f;
                    rows = out;
                }
                if (error == null) {
                    state = "DONE";
                }
            } catch (SQLException e) {
                if (error == null) {
                    fail(cancelled ? "stopped" : "invalidQuery", cancelled ? "Job cancelled" : engineMessage(e));
                }
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        }

        /** A value in BigQuery's {@code f}/{@code v} form: scalars as strings, arrays and structs nested. */
        private JsonNode cell(Object v) throws SQLException {
            if (v == null) {
                return JSON.getNodeFactory().nullNode();
            }
            if (v instanceof Array array) {
                ArrayNode items = JSON.createArrayNode();
                for (Object item : (Object[]) array.getArray()) {
                    items.addObject().set("v", cell(item));
                }
                return items;
            }
            if (v instanceof org.duckdb.DuckDBStruct struct) {
                ObjectNode record = JSON.createObjectNode();
                ArrayNode cells = record.putArray("f");
                for (Object value : struct.getMap().values()) {
                    cells.addObject().set("v", cell(value));
                }
                return record;
            }
            return JSON.getNodeFactory().stringNode(render(v));
        }

        private String render(Object v) {
            if (v instanceof BigDecimal d) {
                return d.toPlainString();
            }
            if (v instanceof LocalDate || v instanceof java.sql.Date) {
                return v.toString();
            }
            if (v instanceof LocalDateTime t) {
                return t.toString();
            }
            return v.toString();
        }

        void timeOut() {
            fail("timeout", "Job execution was cancelled: Job timed out after the job timeout");
            interrupt();
        }

        void cancel() {
            cancelled = true;
            if (!state.equals("DONE")) {
                fail("stopped", "Job execution was cancelled: User requested cancellation");
            }
            interrupt();
        }

        private void interrupt() {
            Statement st = statement;
            if (st != null) {
                try {
                    st.cancel();
                } catch (SQLException e) {
                    // already finished
                }
            }
        }

        synchronized void fail(String reason, String message) {
            if (error != null) {
                return;
            }
            ObjectNode e = JSON.createObjectNode();
            e.put("reason", reason);
            e.put("message", message);
            error = e;
            state = "DONE";
        }

        ObjectNode resource() {
            ObjectNode job = JSON.createObjectNode();
            job.put("kind", "bigquery#job");
            job.put("id", project + ":US." + id);
            ObjectNode ref = job.putObject("jobReference");
            ref.put("projectId", project);
            ref.put("jobId", id);
            ref.put("location", "US");
            ObjectNode configuration = (ObjectNode) config.deepCopy();
            ObjectNode dest = ((ObjectNode) configuration.path("query")).putObject("destinationTable");
            dest.put("projectId", project);
            dest.put("datasetId", "_fake_anonymous");
            dest.put("tableId", destinationTable);
            job.set("configuration", configuration);
            ObjectNode status = job.putObject("status");
            status.put("state", state);
            if (error != null) {
                status.set("errorResult", error);
                status.putArray("errors").add(error);
            }
            ObjectNode stats = job.putObject("statistics");
            stats.put("creationTime", Long.toString(System.currentTimeMillis()));
            stats.put("totalBytesProcessed", Long.toString(bytes));
            ObjectNode queryStats = stats.putObject("query");
            queryStats.put("totalBytesProcessed", Long.toString(bytes));
            queryStats.put("statementType", "SELECT");
            return job;
        }

        ObjectNode queryResults(Map<String, String> query) {
            if (error != null) {
                throw new FakeError(
                        400,
                        error.path("reason").asString(),
                        error.path("message").asString());
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("kind", "bigquery#getQueryResultsResponse");
            ObjectNode ref = body.putObject("jobReference");
            ref.put("projectId", project);
            ref.put("jobId", id);
            ref.put("location", "US");
            boolean done = state.equals("DONE");
            body.put("jobComplete", done);
            if (done) {
                body.putObject("schema").set("fields", fields);
                body.put("totalRows", Long.toString(rows.size()));
                body.put("totalBytesProcessed", Long.toString(bytes));
                page(body, query);
            }
            return body;
        }

        ObjectNode tableData(Map<String, String> query) {
            ObjectNode body = JSON.createObjectNode();
            body.put("kind", "bigquery#tableDataList");
            body.put("totalRows", Long.toString(rows.size()));
            page(body, query);
            return body;
        }

        private void page(ObjectNode body, Map<String, String> query) {
            int start = Integer.parseInt(query.getOrDefault("pageToken", query.getOrDefault("startIndex", "0")));
            int size = Integer.parseInt(query.getOrDefault("maxResults", "100000"));
            int end = Math.min(rows.size(), start + size);
            ArrayNode out = body.putArray("rows");
            for (int i = start; i < end; i++) {
                out.add(rows.get(i));
            }
            if (end < rows.size()) {
                body.put("pageToken", Integer.toString(end));
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop(0);
        runner.shutdownNow();
        handlers.shutdownNow();
        timers.shutdownNow();
        db.close();
    }
}
