package dev.querent.knowledge.schema;

import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.bench.BenchSchemas;
import dev.querent.core.bench.Csv;
import dev.querent.core.bench.DefogQueries;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.core.testing.BenchDir;
import dev.querent.core.testing.TestPostgres;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import dev.querent.knowledge.pgvector.PgVectorStores;
import dev.querent.knowledge.schema.SchemaRetriever.RankedTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Schema-linking benchmark at warehouse scale: every schema of Spider dev's {@code tables.json}, BIRD
 * mini-dev's {@code dev_tables.json} and the defog PostgreSQL databases indexed into ONE catalog (one
 * data source per benchmark, each database a schema of it), then every question retrieved over the
 * whole catalog without naming its database.
 *
 * <p>Gold tables: the tables the gold SQL reads (JSqlParser's {@code TablesNamesFinder}, falling
 * back to the database's table names found in the SQL when it does not parse), qualified by the
 * question's database. Recall@k counts a question only when ALL its gold tables are in the top k.
 * Column recall@k: gold columns are the columns of gold tables whose name occurs in the gold SQL as
 * an identifier; the share of them whose table is in the top k, averaged over questions.
 *
 * <p>System properties: {@code bench.limit} (questions per benchmark, evenly spaced), {@code
 * bench.evidence=true} (append BIRD's evidence to the question), {@code bench.store} ({@code lucene},
 * the default: the embedded hybrid store; {@code pgvector}: Spring AI's PgVectorStore, vectors only,
 * in a fresh schema of the server named by {@code QUERENT_TEST_PG_URL}, {@code QUERENT_TEST_PG_USER}
 * and {@code QUERENT_TEST_PG_PASSWORD}, dropped at the end), {@code bench.efSearch} (pgvector's
 * {@code hnsw.ef_search}), {@code bench.indexDir} (Lucene: reuse or keep the index; default a temp
 * dir), {@code bench.defog=false} (leave the defog databases out),
 * {@code bench.candidates} and {@code bench.schemaBoost} (the retriever's settings).
 */
public final class RetrievalBenchmark {
    private static final int[] KS = {5, 10, 20};
    private static final int K_MAX = 20;
    private static final Pattern IDENTIFIER =
            Pattern.compile("`([^`]+)`|\"([^\"]+)\"|\\[([^\\]]+)]|([A-Za-z_][A-Za-z0-9_]*)");

    private record Question(String benchmark, DataSourceId dataSource, String db, String question, String sql) {}

    private RetrievalBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path bench = BenchDir.locate().orElseThrow(() -> new IllegalStateException("set -D" + BenchDir.PROPERTY));
        int limit = Integer.getInteger("bench.limit", Integer.MAX_VALUE);
        boolean evidence = Boolean.getBoolean("bench.evidence");
        boolean defog = Boolean.parseBoolean(System.getProperty("bench.defog", "true"));

        Map<DataSourceId, SchemaSnapshot> catalog = new LinkedHashMap<>();
        catalog.put(
                DataSourceId.of("spider"),
                byDatabase(BenchSchemas.load(bench.resolve(BenchSchemas.SPIDER_TABLES), Dialect.SQLITE)));
        catalog.put(
                DataSourceId.of("bird"),
                byDatabase(BenchSchemas.load(bench.resolve(BenchSchemas.BIRD_TABLES), Dialect.SQLITE)));
        if (defog) {
            catalog.put(DataSourceId.of("defog"), defogSchemas(bench.resolve("defog/pg_dumps")));
        }

        List<Question> questions = new ArrayList<>();
        questions.addAll(sample(spiderQuestions(bench), limit));
        questions.addAll(sample(birdQuestions(bench, evidence), limit));
        if (defog) {
            questions.addAll(sample(defogQuestions(bench), limit));
        }

        int tables = 0;
        int columns = 0;
        int catalogTokens = 0;
        for (SchemaSnapshot s : catalog.values()) {
            tables += s.tables().size();
            for (TableInfo t : s.tables()) {
                columns += t.columns().size();
                catalogTokens += SchemaRetriever.estimateTokens(t);
            }
        }
        System.out.printf(
                "catalog: %s data sources, %d tables, %d columns, ~%d tokens as DDL%n",
                catalog.keySet(), tables, columns, catalogTokens);

        OnnxEmbeddingModel model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
        model.embed("warm up");
        try (BenchStore index = BenchStore.open(System.getProperty("bench.store", "lucene"), model)) {
            VectorStore store = index.store();
            int expected = tables + columns;
            long start = System.nanoTime();
            if (index.count() != expected) {
                SchemaIndexer indexer = new SchemaIndexer(store);
                catalog.forEach(indexer::index);
                System.out.printf(
                        "index: %d documents built in %.1f s, %.1f MB (%s)%n",
                        index.count(), (System.nanoTime() - start) / 1e9, index.bytes() / 1e6, index.location());
            } else {
                System.out.printf(
                        "index: reused %d documents, %.1f MB (%s)%n",
                        index.count(), index.bytes() / 1e6, index.location());
            }

            SchemaRetriever retriever = new SchemaRetriever(
                    store,
                    catalog,
                    Integer.getInteger("bench.candidates", SchemaRetriever.DEFAULT_CANDIDATES),
                    Double.parseDouble(System.getProperty(
                            "bench.schemaBoost", Double.toString(SchemaRetriever.DEFAULT_SCHEMA_BOOST))));
            for (int i = 0; i < 5; i++) {
                retriever.retrieve("warm up question " + i, null, K_MAX);
            }
            Map<String, Stats> stats = new LinkedHashMap<>();
            Stats overall = new Stats();
            for (Question q : questions) {
                SchemaSnapshot snapshot = catalog.get(q.dataSource());
                Set<String> gold = goldTables(q, snapshot);
                if (gold.isEmpty()) {
                    stats.computeIfAbsent(q.benchmark(), b -> new Stats()).noGold++;
                    overall.noGold++;
                    continue;
                }
                Set<String> goldColumns = goldColumns(q, snapshot, gold);
                long t0 = System.nanoTime();
                List<RankedTable> got =
                        retriever.retrieve(q.question(), null, K_MAX).tables();
                double ms = (System.nanoTime() - t0) / 1e6;
                int dbTokens = snapshot.tables().stream()
                        .filter(t -> t.schema().equals(q.db()))
                        .mapToInt(SchemaRetriever::estimateTokens)
                        .sum();
                for (Stats s : List.of(stats.computeIfAbsent(q.benchmark(), b -> new Stats()), overall)) {
                    s.add(q, gold, goldColumns, got, ms, dbTokens);
                }
            }
            System.out.printf("%nquestions retrieved over the whole catalog (database not given), k = 5/10/20:%n");
            stats.forEach((name, s) -> s.print(name));
            overall.print("all");
            System.out.printf("whole catalog as DDL: ~%d tokens%n", catalogTokens);
        }
    }

    /** The store the schema documents are indexed into, with what the printout reports of it. */
    private interface BenchStore extends AutoCloseable {
        VectorStore store();

        long count();

        /** Bytes the index takes. */
        long bytes() throws IOException;

        /** Where the index lives. */
        String location();

        @Override
        void close() throws IOException, SQLException;

        static BenchStore open(String kind, OnnxEmbeddingModel model) throws IOException, SQLException {
            return switch (kind) {
                case "lucene" -> LuceneBenchStore.open(model);
                case "pgvector" -> PgVectorBenchStore.open(model);
                default -> throw new IllegalArgumentException("bench.store must be lucene or pgvector: " + kind);
            };
        }
    }

    /** The embedded Lucene index in {@code bench.indexDir} (kept), or in a temp dir deleted on close. */
    private record LuceneBenchStore(LuceneVectorStore store, Path dir, boolean keep) implements BenchStore {
        static LuceneBenchStore open(OnnxEmbeddingModel model) throws IOException {
            String keep = System.getProperty("bench.indexDir");
            Path dir = keep != null ? Path.of(keep) : Files.createTempDirectory("querent-schema-bench");
            return new LuceneBenchStore(LuceneVectorStore.builder(dir, model).build(), dir, keep != null);
        }

        @Override
        public long count() {
            return store.count();
        }

        @Override
        public long bytes() throws IOException {
            return sizeOf(dir);
        }

        @Override
        public String location() {
            return "Lucene, on disk: " + dir;
        }

        @Override
        public void close() throws IOException {
            store.close();
            if (!keep) {
                deleteRecursively(dir);
            }
        }
    }

    /**
     * Spring AI's PgVectorStore in a fresh schema of the {@code QUERENT_TEST_PG_URL} server, dropped on
     * close. One connection, reused, as a pool would give. Its size is the table's with its indexes.
     * {@code bench.efSearch} sets {@code hnsw.ef_search} on that connection: an HNSW scan returns at
     * most that many rows, and pgvector's default (40) is below the retriever's candidates (100).
     */
    private record PgVectorBenchStore(
            PgVectorStore store, TestPostgres.Schema schema, SingleConnectionDataSource dataSource)
            implements BenchStore {
        static PgVectorBenchStore open(OnnxEmbeddingModel model) throws SQLException {
            TestPostgres.Schema schema = TestPostgres.freshSchema("bench");
            SingleConnectionDataSource dataSource =
                    new SingleConnectionDataSource(schema.url(), schema.user(), schema.password(), true);
            try {
                Integer efSearch = Integer.getInteger("bench.efSearch");
                if (efSearch != null) {
                    new JdbcTemplate(dataSource).execute("SET hnsw.ef_search = " + efSearch);
                }
                return new PgVectorBenchStore(
                        PgVectorStores.open(dataSource, schema.name(), model), schema, dataSource);
            } catch (RuntimeException e) {
                dataSource.destroy();
                schema.close();
                throw e;
            }
        }

        @Override
        public long count() {
            return new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM " + table(), Long.class);
        }

        @Override
        public long bytes() {
            return new JdbcTemplate(dataSource)
                    .queryForObject("SELECT pg_total_relation_size(?::regclass)", Long.class, table());
        }

        @Override
        public String location() {
            String efSearch = new JdbcTemplate(dataSource).queryForObject("SHOW hnsw.ef_search", String.class);
            return "pgvector, table and its indexes: " + table() + ", hnsw.ef_search " + efSearch;
        }

        @Override
        public void close() throws SQLException {
            dataSource.destroy();
            schema.close();
        }

        private String table() {
            return schema.name() + ".vector_store";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One snapshot of all databases of a benchmark, each database a schema. */
    private static SchemaSnapshot byDatabase(Map<String, SchemaSnapshot> dbs) {
        List<TableInfo> tables = new ArrayList<>();
        dbs.forEach((db, snapshot) -> {
            for (TableInfo t : snapshot.tables()) {
                List<ForeignKey> fks = t.foreignKeys().stream()
                        .map(fk -> new ForeignKey(fk.columns(), db, fk.refTable(), fk.refColumns()))
                        .toList();
                tables.add(new TableInfo(
                        db, t.name(), t.kind(), t.comment(), t.columns(), t.primaryKey(), fks, t.rowEstimate()));
            }
        });
        return new SchemaSnapshot(Dialect.SQLITE, null, tables, Instant.EPOCH);
    }

    /**
     * The defog databases from the column listings beside the dumps ({@code <db>.json}: names, types
     * and descriptions of every column of the dump's CREATE TABLEs); the dumps declare almost no
     * foreign keys, so there are none here.
     */
    private static SchemaSnapshot defogSchemas(Path dumps) throws IOException {
        List<TableInfo> tables = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dumps)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            String db = file.getFileName().toString().replace(".json", "");
            JsonNode meta = json.readTree(file.toFile()).get("table_metadata");
            for (Map.Entry<String, JsonNode> table : meta.properties()) {
                List<ColumnInfo> cols = new ArrayList<>();
                for (JsonNode c : table.getValue()) {
                    String description = c.path("column_description").asString("");
                    cols.add(new ColumnInfo(
                            c.get("column_name").asString(),
                            c.get("data_type").asString(),
                            true,
                            description.isBlank() ? null : description,
                            List.of()));
                }
                tables.add(new TableInfo(db, table.getKey(), TableKind.TABLE, null, cols, List.of(), List.of(), -1));
            }
        }
        return new SchemaSnapshot(Dialect.POSTGRESQL, null, tables, Instant.EPOCH);
    }

    private static List<Question> spiderQuestions(Path bench) throws IOException {
        List<Question> out = new ArrayList<>();
        for (JsonNode q :
                new ObjectMapper().readTree(bench.resolve("spider/dev.json").toFile())) {
            out.add(new Question(
                    "spider",
                    DataSourceId.of("spider"),
                    q.get("db_id").asString(),
                    q.get("question").asString(),
                    q.get("query").asString()));
        }
        return out;
    }

    private static List<Question> birdQuestions(Path bench, boolean evidence) throws IOException {
        List<Question> out = new ArrayList<>();
        for (JsonNode q : new ObjectMapper()
                .readTree(bench.resolve("bird_minidev/mini_dev_sqlite.json").toFile())) {
            String text = q.get("question").asString();
            String ev = q.path("evidence").asString("");
            if (evidence && !ev.isBlank()) {
                text = text + " " + ev;
            }
            out.add(new Question(
                    "bird",
                    DataSourceId.of("bird"),
                    q.get("db_id").asString(),
                    text,
                    q.get("SQL").asString()));
        }
        return out;
    }

    private static List<Question> defogQuestions(Path bench) throws IOException {
        Path csv = bench.resolve("defog/questions/questions_gen_postgres.csv");
        List<Question> out = new ArrayList<>();
        for (Map<String, String> row : Csv.readWithHeader(Files.readString(csv, StandardCharsets.UTF_8))) {
            List<String> gold = DefogQueries.expand(row.getOrDefault("query", ""));
            if (gold.isEmpty()) {
                continue;
            }
            out.add(new Question(
                    "defog", DataSourceId.of("defog"), row.get("db_name"), row.get("question"), gold.getFirst()));
        }
        return out;
    }

    private static <T> List<T> sample(List<T> all, int limit) {
        if (limit >= all.size()) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            out.add(all.get((int) ((long) i * all.size() / limit)));
        }
        return out;
    }

    static int parseFailures;

    /** Lower-case qualified names ({@code db.table}) of the tables the gold SQL reads. */
    private static Set<String> goldTables(Question q, SchemaSnapshot snapshot) {
        Map<String, String> dbTables = new LinkedHashMap<>();
        for (TableInfo t : snapshot.tables()) {
            if (t.schema().equals(q.db())) {
                dbTables.put(
                        t.name().toLowerCase(Locale.ROOT), t.qualifiedName().toLowerCase(Locale.ROOT));
            }
        }
        Set<String> gold = new LinkedHashSet<>();
        try {
            for (String name : TablesNamesFinder.findTables(q.sql())) {
                String bare = unquote(
                        name.contains(".") && !name.startsWith("`") && !name.startsWith("\"")
                                ? name.substring(name.lastIndexOf('.') + 1)
                                : name);
                // defog's ewallet names its tables with their schema (consumer_div.users).
                String qualified = dbTables.getOrDefault(
                        unquote(name).toLowerCase(Locale.ROOT), dbTables.get(bare.toLowerCase(Locale.ROOT)));
                if (qualified != null) {
                    gold.add(qualified);
                }
            }
        } catch (Exception | StackOverflowError e) {
            parseFailures++;
            Set<String> idents = identifiers(q.sql());
            dbTables.forEach((bare, qualified) -> {
                if (idents.contains(bare)) {
                    gold.add(qualified);
                }
            });
        }
        return gold;
    }

    /** {@code db.table.column} (lower case) of gold tables' columns named in the gold SQL. */
    private static Set<String> goldColumns(Question q, SchemaSnapshot snapshot, Set<String> goldTables) {
        Set<String> idents = identifiers(q.sql());
        Set<String> out = new HashSet<>();
        for (TableInfo t : snapshot.tables()) {
            String qualified = t.qualifiedName().toLowerCase(Locale.ROOT);
            if (!goldTables.contains(qualified)) {
                continue;
            }
            for (ColumnInfo c : t.columns()) {
                if (idents.contains(c.name().toLowerCase(Locale.ROOT))) {
                    out.add(qualified + "." + c.name().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static Set<String> identifiers(String sql) {
        Set<String> out = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(sql);
        while (m.find()) {
            for (int g = 1; g <= 4; g++) {
                if (m.group(g) != null) {
                    out.add(m.group(g).toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static String unquote(String name) {
        String n = name.strip();
        if (n.length() >= 2
                && ((n.startsWith("`") && n.endsWith("`"))
                        || (n.startsWith("\"") && n.endsWith("\""))
                        || (n.startsWith("[") && n.endsWith("]")))) {
            return n.substring(1, n.length() - 1);
        }
        return n;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    private static final class Stats {
        int questions;
        int noGold;
        final int[] allTablesHit = new int[KS.length];
        final double[] tableShare = new double[KS.length];
        final double[] columnShare = new double[KS.length];
        int withColumns;
        final long[] tokens = new long[KS.length];
        long dbTokens;
        final List<Double> latencies = new ArrayList<>();
        int top1Database;

        void add(
                Question q,
                Set<String> gold,
                Set<String> goldColumns,
                List<RankedTable> got,
                double ms,
                int goldDbTokens) {
            questions++;
            latencies.add(ms);
            dbTokens += goldDbTokens;
            if (!got.isEmpty()
                    && got.getFirst().dataSource().equals(q.dataSource())
                    && q.db().equals(got.getFirst().table().schema())) {
                top1Database++;
            }
            if (!goldColumns.isEmpty()) {
                withColumns++;
            }
            for (int i = 0; i < KS.length; i++) {
                Set<String> top = new HashSet<>();
                int tok = 0;
                for (RankedTable t : got.subList(0, Math.min(KS[i], got.size()))) {
                    if (t.dataSource().equals(q.dataSource())) {
                        top.add(t.qualifiedName().toLowerCase(Locale.ROOT));
                    }
                    tok += SchemaRetriever.estimateTokens(t.table());
                }
                tokens[i] += tok;
                long hit = gold.stream().filter(top::contains).count();
                tableShare[i] += (double) hit / gold.size();
                if (hit == gold.size()) {
                    allTablesHit[i]++;
                }
                if (!goldColumns.isEmpty()) {
                    long colHit = goldColumns.stream()
                            .filter(c -> top.contains(c.substring(0, c.lastIndexOf('.'))))
                            .count();
                    columnShare[i] += (double) colHit / goldColumns.size();
                }
            }
        }

        void print(String name) {
            if (questions == 0) {
                return;
            }
            List<Double> sorted =
                    latencies.stream().sorted(Comparator.naturalOrder()).toList();
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    "%-7s n=%d (no gold tables: %d, SQL parse fallbacks so far: %d)%n",
                    name, questions, noGold, parseFailures));
            sb.append(String.format("  table recall (all gold tables in top k): %s%n", row(allTablesHit, questions)));
            sb.append(String.format("  gold tables found (mean share):          %s%n", row(tableShare, questions)));
            sb.append(String.format("  column recall (mean share):              %s%n", row(columnShare, withColumns)));
            sb.append(String.format(
                    "  mean context tokens:                     %d / %d / %d (gold database alone: %d)%n",
                    tokens[0] / questions, tokens[1] / questions, tokens[2] / questions, dbTokens / questions));
            sb.append(String.format(
                    "  top-1 table in the right database:       %.1f%%%n", 100.0 * top1Database / questions));
            sb.append(String.format(
                    "  latency ms p50 %.1f  p95 %.1f  max %.1f%n",
                    pct(sorted, 0.50), pct(sorted, 0.95), sorted.getLast()));
            System.out.print(sb);
        }

        private static String row(int[] hits, int n) {
            return String.format(
                    "%.1f%% / %.1f%% / %.1f%%", 100.0 * hits[0] / n, 100.0 * hits[1] / n, 100.0 * hits[2] / n);
        }

        private static String row(double[] shares, int n) {
            return String.format(
                    "%.1f%% / %.1f%% / %.1f%%", 100.0 * shares[0] / n, 100.0 * shares[1] / n, 100.0 * shares[2] / n);
        }

        private static double pct(List<Double> sorted, double p) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }
}
