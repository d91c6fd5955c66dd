package dev.querent.connectors.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics.QueryStatistics;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableResult;
import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.ExecutionSummary;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.RowSink;
import dev.querent.connectors.internal.JdbcValues;
import dev.querent.connectors.internal.SchemaCollector;
import dev.querent.connectors.internal.ValueSampler;
import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.ResultColumn;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableKind;
import dev.querent.core.sql.SafeSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BigQuery dataset, through the official client. Every execution is
 *
 * <ol>
 *   <li>a dry run ({@code dryRun=true}, free): the engine's errors, the statement type and the
 *       estimated bytes; anything but a {@code SELECT} is refused with {@code SQL_REJECTED} and an
 *       estimate above the cap with {@code QUERY_TOO_EXPENSIVE}, before any job runs;
 *   <li>a query job with {@code maximumBytesBilled} set to the cap (BigQuery fails it rather than
 *       bill more), the job timeout of the {@link QueryLimits}, the dataset as default dataset and
 *       never a destination table;
 *   <li>paging through the results until the row or size cap, then cancelling what is left.
 * </ol>
 *
 * {@link #explain} is the dry run: its plan is {@code estimated bytes: N}.
 */
public final class BigQueryConnector implements DataSourceInterface {
    private static final Logger log = LoggerFactory.getLogger(BigQueryConnector.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SAMPLE_BUDGET = Duration.ofSeconds(30);
    /** The most one sampling query may process (BigQuery bills the whole column). */
    static final long SAMPLE_MAX_BYTES = 100L << 20;
    /** Rows per page: BigQuery answers at most about 10 MB per page anyway. */
    static final int MAX_PAGE_ROWS = 2_000;

    private final BigQuery client;
    private final String project;
    private final String dataset;
    private final String location;
    private final long maxBytesBilled;

    BigQueryConnector(BigQuery client, String project, String dataset, String location, long maxBytesBilled) {
        this.client = Objects.requireNonNull(client, "client");
        this.project = Objects.requireNonNull(project, "project");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.location = location;
        this.maxBytesBilled = maxBytesBilled;
    }

    @Override
    public String type() {
        return BigQueryConnectorFactory.TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.BIGQUERY;
    }

    public long maxBytesBilled() {
        return maxBytesBilled;
    }

    @Override
    public ConnectionTestResult testConnection() {
        long started = System.nanoTime();
        try {
            var found = client.getDataset(DatasetId.of(project, dataset));
            if (found == null) {
                return new ConnectionTestResult(
                        false, null, "Dataset " + project + "." + dataset + " not found", millisSince(started));
            }
            run("SELECT 1", new QueryLimits(TEST_TIMEOUT, 1, 1024), QueryCancellation.none(), discard());
            String where = found.getLocation() == null ? "" : " (" + found.getLocation() + ")";
            return new ConnectionTestResult(true, "BigQuery" + where, null, millisSince(started));
        } catch (QuerentException e) {
            return new ConnectionTestResult(false, null, e.getMessage(), millisSince(started));
        } catch (RuntimeException e) {
            log.debug("Connection test of a BigQuery data source failed", e);
            return new ConnectionTestResult(false, null, translate(e, "").getMessage(), millisSince(started));
        }
    }

    @Override
    public SchemaSnapshot getSchema() {
        SchemaCollector schema = new SchemaCollector();
        String info = "`" + project + "." + dataset + "`.INFORMATION_SCHEMA.";
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        for (List<Object> row : query("SELECT table_id, row_count FROM `" + project + "." + dataset + ".__TABLES__`")) {
            rowCounts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        Map<String, String> tableDescriptions = new LinkedHashMap<>();
        for (List<Object> row : query(
                "SELECT table_name, option_value FROM " + info + "TABLE_OPTIONS WHERE option_name = 'description'")) {
            tableDescriptions.put((String) row.get(0), stringLiteral((String) row.get(1)));
        }
        Map<String, String> columnDescriptions = new LinkedHashMap<>();
        for (List<Object> row : query("SELECT table_name, column_name, description FROM " + info
                + "COLUMN_FIELD_PATHS WHERE description IS NOT NULL AND field_path = column_name")) {
            columnDescriptions.put(row.get(0) + "\u0000" + row.get(1), (String) row.get(2));
        }
        for (List<Object> row : query("SELECT table_name, table_type FROM " + info + "TABLES ORDER BY table_name")) {
            String name = (String) row.get(0);
            boolean view = "VIEW".equals(row.get(1)) || "MATERIALIZED VIEW".equals(row.get(1));
            schema.table(
                    dataset,
                    name,
                    view ? TableKind.VIEW : TableKind.TABLE,
                    tableDescriptions.get(name),
                    view ? -1 : rowCounts.getOrDefault(name, -1L));
        }
        for (List<Object> row : query("SELECT table_name, column_name, data_type, is_nullable FROM " + info
                + "COLUMNS ORDER BY table_name, ordinal_position")) {
            String type = (String) row.get(2);
            schema.column(
                    dataset,
                    (String) row.get(0),
                    (String) row.get(1),
                    type,
                    "YES".equals(row.get(3)),
                    columnDescriptions.get(row.get(0) + "\u0000" + row.get(1)),
                    type.equals("STRING"));
        }
        // Primary and foreign keys are declared (not enforced) in BigQuery; most datasets have none.
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        Map<String, String[]> foreignKeys = new LinkedHashMap<>();
        Map<String, List<String>> foreignColumns = new LinkedHashMap<>();
        for (List<Object> row : query("SELECT k.constraint_name, k.table_name, k.column_name, c.constraint_type FROM "
                + info + "KEY_COLUMN_USAGE k JOIN " + info + "TABLE_CONSTRAINTS c"
                + " ON c.constraint_name = k.constraint_name AND c.table_name = k.table_name"
                + " ORDER BY k.constraint_name, k.ordinal_position")) {
            String constraint = (String) row.get(0);
            if ("PRIMARY KEY".equals(row.get(3))) {
                primaryKeys
                        .computeIfAbsent((String) row.get(1), t -> new ArrayList<>())
                        .add((String) row.get(2));
            } else if ("FOREIGN KEY".equals(row.get(3))) {
                foreignKeys.putIfAbsent(constraint, new String[] {(String) row.get(1), null});
                foreignColumns
                        .computeIfAbsent(constraint, c -> new ArrayList<>())
                        .add((String) row.get(2));
            }
        }
        primaryKeys.forEach((table, columns) -> schema.primaryKey(dataset, table, columns));
        if (!foreignKeys.isEmpty()) {
            Map<String, List<String>> referenced = new LinkedHashMap<>();
            Map<String, String> referencedTable = new LinkedHashMap<>();
            for (List<Object> row : query("SELECT constraint_name, table_name, column_name FROM " + info
                    + "CONSTRAINT_COLUMN_USAGE ORDER BY constraint_name")) {
                String constraint = (String) row.get(0);
                if (foreignKeys.containsKey(constraint)) {
                    referencedTable.put(constraint, (String) row.get(1));
                    referenced
                            .computeIfAbsent(constraint, c -> new ArrayList<>())
                            .add((String) row.get(2));
                }
            }
            foreignKeys.forEach((constraint, from) -> {
                if (referencedTable.containsKey(constraint)) {
                    schema.foreignKey(
                            dataset,
                            from[0],
                            new ForeignKey(
                                    foreignColumns.get(constraint),
                                    dataset,
                                    referencedTable.get(constraint),
                                    referenced.get(constraint)));
                }
            });
        }
        sample(schema);
        return schema.build(Dialect.BIGQUERY, dataset);
    }

    /**
     * {@code TABLE_OPTIONS.option_value} writes a description as a GoogleSQL string literal
     * ({@code "text"} with backslash escapes); anything else is kept as it is.
     */
    static String stringLiteral(String value) {
        if (value == null || value.length() < 2 || value.charAt(0) != '"' || !value.endsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Distinct values of text columns, as {@link ValueSampler} takes them from JDBC engines. BigQuery
     * bills a whole column whatever the {@code LIMIT}, so each column is sampled only if its dry
     * run estimates at most {@link #SAMPLE_MAX_BYTES} (and the source's cap), and all samples of one
     * introspection together at most the cap; sampling also stops after {@link #SAMPLE_BUDGET}.
     */
    private void sample(SchemaCollector schema) {
        var sql = Dialect.BIGQUERY.sql();
        long perQuery = Math.min(maxBytesBilled, SAMPLE_MAX_BYTES);
        long spent = 0;
        long deadline = System.nanoTime() + SAMPLE_BUDGET.toNanos();
        for (SchemaCollector.TextColumn c : schema.textColumns()) {
            if (System.nanoTime() > deadline) {
                log.info("Value sampling stopped at its {} budget", SAMPLE_BUDGET);
                return;
            }
            String column = sql.quoteIdentifier(c.column());
            String table = sql.quoteIdentifier(c.table());
            String text = "SELECT v, count(*) AS n FROM (SELECT " + column + " AS v FROM " + table + " LIMIT "
                    + ValueSampler.SCAN_ROWS + ") s WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT "
                    + (ValueSampler.MAX_DISTINCT + 1);
            List<List<Object>> rows = new ArrayList<>();
            try {
                Long estimate = dryRun(text).getTotalBytesProcessed();
                long bytes = estimate == null ? 0 : estimate;
                if (bytes > perQuery || spent + bytes > maxBytesBilled) {
                    log.debug("Not sampling {}.{}: {} bytes", table, column, bytes);
                    continue;
                }
                spent += bytes;
                run(
                        text,
                        new QueryLimits(SAMPLE_TIMEOUT, 100, 1L << 20),
                        QueryCancellation.none(),
                        collect(rows),
                        perQuery);
            } catch (BigQueryException | QuerentException e) {
                QuerentException q = translate(e, "");
                if (q.code() == ErrorCode.DATA_SOURCE_UNREACHABLE) {
                    throw q;
                }
                log.warn("Sampling {}.{} failed, left without samples: {}", table, column, q.getMessage());
                continue;
            }
            if (rows.size() > ValueSampler.MAX_DISTINCT) {
                continue;
            }
            List<String> values = rows.stream()
                    .map(r -> (String) r.getFirst())
                    .filter(v -> v.length() <= 100)
                    .limit(ValueSampler.MAX_SAMPLES)
                    .toList();
            if (!values.isEmpty()) {
                schema.sampleValues(dataset, c.table(), c.column(), values);
            }
        }
    }

    private static RowSink collect(List<List<Object>> rows) {
        return new RowSink() {
            @Override
            public void columns(List<ResultColumn> columns) {}

            @Override
            public void row(List<Object> values) {
                rows.add(values);
            }
        };
    }

    private List<List<Object>> query(String sql) {
        return query(sql, Duration.ofSeconds(60));
    }

    private List<List<Object>> query(String sql, Duration timeout) {
        List<List<Object>> rows = new ArrayList<>();
        run(sql, new QueryLimits(timeout, 100_000, 64L << 20), QueryCancellation.none(), collect(rows));
        return rows;
    }

    @Override
    public ExecutionSummary stream(SafeSql sql, QueryLimits limits, QueryCancellation cancellation, RowSink sink) {
        requireDialect(sql);
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(sink, "sink");
        try {
            return run(sql.sql(), limits, cancellation, sink);
        } catch (QuerentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, "");
        }
    }

    @Override
    public ExplainResult explain(SafeSql sql, QueryLimits limits) {
        requireDialect(sql);
        try {
            QueryStatistics stats = dryRun(sql.sql());
            long bytes = stats.getTotalBytesProcessed() == null ? 0 : stats.getTotalBytesProcessed();
            return ExplainResult.okWithBytes(
                    "statement: " + stats.getStatementType() + "\nestimated bytes: " + bytes
                            + "\nmaximum bytes billed: " + maxBytesBilled,
                    bytes);
        } catch (BigQueryException e) {
            QuerentException q = translate(e, "");
            if (q.code() == ErrorCode.DATA_SOURCE_UNREACHABLE) {
                throw q;
            }
            return ExplainResult.failed(q.getMessage());
        }
    }

    /** The estimated bytes of {@code sql}, from a dry run; nothing runs or is billed. */
    public long estimateBytes(SafeSql sql) {
        requireDialect(sql);
        try {
            return dryRun(sql.sql()).getTotalBytesProcessed();
        } catch (BigQueryException e) {
            throw translate(e, "");
        }
    }

    /**
     * The dry run, the checks and the job. Package-private for tests that show a statement other
     * than a {@code SELECT} never runs even if it got here.
     */
    ExecutionSummary run(String sql, QueryLimits limits, QueryCancellation cancellation, RowSink sink) {
        return run(sql, limits, cancellation, sink, maxBytesBilled);
    }

    private ExecutionSummary run(
            String sql, QueryLimits limits, QueryCancellation cancellation, RowSink sink, long cap) {
        long started = System.nanoTime();
        if (cancellation.isCancelled()) {
            throw cancelled();
        }
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        JobId jobId = null;
        try {
            QueryStatistics plan = dryRun(sql);
            String statementType = plan.getStatementType() == null
                    ? ""
                    : plan.getStatementType().toString();
            if (!statementType.equals("SELECT")) {
                throw new QuerentException(
                        ErrorCode.SQL_REJECTED,
                        "Only SELECT statements run on BigQuery (this is " + statementType + ").");
            }
            Long estimate = plan.getTotalBytesProcessed();
            if (estimate != null && estimate > cap) {
                throw new QuerentException(
                        ErrorCode.QUERY_TOO_EXPENSIVE,
                        "BigQuery estimates this query would process " + estimate + " bytes, more than this data"
                                + " source's cap of " + cap + " bytes (max_bytes_billed); nothing was run.",
                        Map.of("estimatedBytes", estimate, "maxBytesBilled", cap),
                        null);
            }
            if (cancellation.isCancelled()) {
                throw cancelled();
            }
            JobId.Builder id = JobId.newBuilder().setProject(project).setRandomJob();
            if (location != null) {
                id.setLocation(location);
            }
            jobId = id.build();
            QueryJobConfiguration config = configuration(sql)
                    .setMaximumBytesBilled(cap)
                    .setJobTimeoutMs(Math.max(1, limits.timeout().toMillis()))
                    .build();
            Job job = client.create(JobInfo.of(jobId, config));
            jobId = job.getJobId();
            JobId running = jobId;
            cancellation.onCancel(() -> cancelQuietly(running));
            await(running, deadline, cancellation);
            return read(job, limits, deadline, cancellation, sink, started);
        } catch (BigQueryException e) {
            if (cancellation.isCancelled()) {
                throw cancelled();
            }
            if (System.nanoTime() > deadline) {
                throw timeout(limits);
            }
            throw translate(e, "");
        } finally {
            cancellation.onCancel(null);
        }
    }

    private QueryJobConfiguration.Builder configuration(String sql) {
        return QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false)
                .setUseQueryCache(true)
                .setDefaultDataset(DatasetId.of(project, dataset));
    }

    private QueryStatistics dryRun(String sql) {
        JobInfo info = JobInfo.of(configuration(sql).setDryRun(true).build());
        Job job = client.create(info);
        return job.getStatistics();
    }

    /** Waits for the job, in short polls, so a cancel or the deadline is noticed promptly. */
    private void await(JobId jobId, long deadline, QueryCancellation cancellation) {
        // 10, 20, 40 ... ms up to POLL: a quick query is not held back by a long first sleep.
        for (int attempt = 0; ; attempt++) {
            if (cancellation.isCancelled()) {
                cancelQuietly(jobId);
                throw cancelled();
            }
            if (System.nanoTime() > deadline) {
                cancelQuietly(jobId);
                throw new QuerentException(
                        ErrorCode.QUERY_TIMEOUT, "The query did not finish in time and was cancelled.");
            }
            Job job = client.getJob(jobId);
            if (job == null) {
                throw new QuerentException(ErrorCode.QUERY_FAILED, "The BigQuery job disappeared.");
            }
            if (job.isDone()) {
                BigQueryError error = job.getStatus().getError();
                if (error != null) {
                    if (cancellation.isCancelled()) {
                        throw cancelled();
                    }
                    if ("timeout".equals(error.getReason()) || System.nanoTime() > deadline) {
                        throw new QuerentException(ErrorCode.QUERY_TIMEOUT, "The query did not finish in time.");
                    }
                    throw failed(List.of(error));
                }
                return;
            }
            try {
                long pause = Math.min(POLL.toMillis(), 10L << Math.min(attempt, 10));
                Thread.sleep(Math.max(1, Math.min(pause, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelQuietly(jobId);
                throw cancelled();
            }
        }
    }

    private ExecutionSummary read(
            Job job, QueryLimits limits, long deadline, QueryCancellation cancellation, RowSink sink, long started) {
        long pageSize = Math.min(MAX_PAGE_ROWS, (long) limits.maxRows() + 1);
        TableResult page;
        try {
            page = job.getQueryResults(BigQuery.QueryResultsOption.pageSize(pageSize));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        } catch (com.google.cloud.bigquery.JobException e) {
            throw failed(e.getErrors());
        }
        Schema schema = page.getSchema();
        FieldList fields = schema == null ? FieldList.of() : schema.getFields();
        List<ResultColumn> columns = new ArrayList<>();
        for (Field f : fields) {
            columns.add(new ResultColumn(f.getName(), typeName(f)));
        }
        sink.columns(List.copyOf(columns));
        long rows = 0;
        long bytes = 0;
        boolean truncated = false;
        outer:
        while (page != null) {
            for (FieldValueList values : page.getValues()) {
                if (cancellation.isCancelled()) {
                    throw cancelled();
                }
                if (rows >= limits.maxRows()) {
                    truncated = true;
                    break outer;
                }
                Object[] row = new Object[fields.size()];
                long rowBytes = 2;
                for (int i = 0; i < fields.size(); i++) {
                    row[i] = value(fields.get(i), values.get(i));
                    rowBytes += JdbcValues.approximateSize(row[i]) + 1;
                }
                if (bytes + rowBytes > limits.maxResultBytes()) {
                    truncated = true;
                    break outer;
                }
                bytes += rowBytes;
                sink.row(Collections.unmodifiableList(java.util.Arrays.asList(row)));
                rows++;
            }
            if (!page.hasNextPage()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw timeout(limits);
            }
            page = page.getNextPage();
        }
        return new ExecutionSummary(rows, truncated, millisSince(started));
    }

    private static String typeName(Field f) {
        StandardSQLTypeName type = f.getType().getStandardType();
        String name = type == StandardSQLTypeName.STRUCT ? structType(f) : type.name();
        return f.getMode() == Field.Mode.REPEATED ? "ARRAY<" + name + ">" : name;
    }

    private static String structType(Field f) {
        List<String> parts = new ArrayList<>();
        for (Field sub : f.getSubFields()) {
            parts.add(sub.getName() + " " + typeName(sub));
        }
        return "STRUCT<" + String.join(", ", parts) + ">";
    }

    /** A BigQuery value as the portable Java types of {@link RowSink}. */
    static Object value(Field field, FieldValue v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (field.getMode() == Field.Mode.REPEATED && v.getAttribute() == FieldValue.Attribute.REPEATED) {
            Field element = field.toBuilder().setMode(Field.Mode.NULLABLE).build();
            List<Object> items = new ArrayList<>();
            for (FieldValue item : v.getRepeatedValue()) {
                items.add(value(element, item));
            }
            return Collections.unmodifiableList(items);
        }
        LegacySQLTypeName type = field.getType();
        StandardSQLTypeName standard = type.getStandardType();
        return switch (standard) {
            case INT64 -> v.getLongValue();
            case FLOAT64 -> v.getDoubleValue();
            case NUMERIC, BIGNUMERIC -> v.getNumericValue();
            case BOOL -> v.getBooleanValue();
            case TIMESTAMP -> v.getTimestampInstant().toString();
            case STRUCT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                FieldList subs = field.getSubFields();
                FieldValueList record = v.getRecordValue();
                for (int i = 0; i < subs.size(); i++) {
                    map.put(subs.get(i).getName(), value(subs.get(i), record.get(i)));
                }
                yield Collections.unmodifiableMap(map);
            }
            default -> v.getStringValue();
        };
    }

    private void requireDialect(SafeSql sql) {
        Objects.requireNonNull(sql, "sql");
        if (sql.dialect() != Dialect.BIGQUERY) {
            throw new QuerentException(
                    ErrorCode.SQL_REJECTED, "SQL checked for " + sql.dialect() + " cannot run on a BigQuery source.");
        }
    }

    private void cancelQuietly(JobId jobId) {
        try {
            client.cancel(jobId);
        } catch (RuntimeException e) {
            log.debug("Cancelling BigQuery job {} failed: {}", jobId.getJob(), e.getMessage());
        }
    }

    private static QuerentException cancelled() {
        return new QuerentException(ErrorCode.QUERY_CANCELLED, "The query was cancelled.");
    }

    private static QuerentException timeout(QueryLimits limits) {
        return new QuerentException(
                ErrorCode.QUERY_TIMEOUT,
                "The query did not finish within " + limits.timeout().toSeconds() + " s.");
    }

    private static QuerentException failed(List<BigQueryError> errors) {
        String message = errors.stream()
                .map(BigQueryError::getMessage)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse("The query failed.");
        return new QuerentException(ErrorCode.QUERY_FAILED, message);
    }

    /** Network faults and authentication are the source being unreachable; the rest is the query's fault. */
    private QuerentException translate(RuntimeException e, String prefix) {
        if (e instanceof QuerentException q) {
            return q;
        }
        if (e instanceof BigQueryException b) {
            // Code 0: no HTTP answer at all (refused, reset, timed out); 401: the login failed.
            boolean network = b.getCode() == 0 || b.getCode() == 401 || b.getCode() >= 500;
            String message = b.getError() != null && b.getError().getMessage() != null
                    ? b.getError().getMessage()
                    : Objects.requireNonNullElse(b.getMessage(), "BigQuery request failed");
            if (network) {
                return new QuerentException(
                        ErrorCode.DATA_SOURCE_UNREACHABLE,
                        "Cannot reach the BigQuery data source: " + firstLine(message),
                        Map.of(),
                        e);
            }
            if (b.getCode() == 404 && message.toLowerCase(Locale.ROOT).contains("dataset")) {
                return new QuerentException(ErrorCode.DATA_SOURCE_UNREACHABLE, firstLine(message), Map.of(), e);
            }
            return new QuerentException(ErrorCode.QUERY_FAILED, prefix + firstLine(message), Map.of(), e);
        }
        return new QuerentException(
                ErrorCode.DATA_SOURCE_UNREACHABLE,
                "Cannot reach the BigQuery data source: " + firstLine(String.valueOf(e.getMessage())),
                Map.of(),
                e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static RowSink discard() {
        return new RowSink() {
            @Override
            public void columns(List<ResultColumn> columns) {}

            @Override
            public void row(List<Object> values) {}
        };
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        // The client holds no connections of its own beyond the shared HTTP transport.
    }

    @Override
    public String toString() {
        return "BigQueryConnector[" + project + "." + dataset + (location == null ? "" : ", " + location) + "]";
    }
}
