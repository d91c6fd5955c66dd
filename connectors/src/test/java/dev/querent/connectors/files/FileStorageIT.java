package dev.querent.connectors.files;

import static dev.querent.connectors.files.FileFixtures.upload;
import static dev.querent.connectors.files.FileFixtures.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.FileSources;
import dev.querent.connectors.FileSources.FileLimits;
import dev.querent.connectors.FileTable;
import dev.querent.connectors.FileTable.FileColumn;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageIT {
    private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(30), 1_000, 1_000_000);
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());

    @TempDir
    Path dir;

    private SourcePolicy policy;
    private FileStorage storage;
    private DataSourceId id;

    @BeforeEach
    void setUp() {
        policy = SourcePolicy.allowingFilesIn(dir.resolve("allowed"));
        storage = new FileStorage(dir.resolve("allowed/files"), policy, FileLimits.defaults(), Clock.systemUTC());
        id = DataSourceId.random();
        new FilesConnectorFactory(storage, policy).open(config(Map.of())).close();
    }

    @AfterEach
    void tearDown() {
        storage.remove(id);
    }

    private DataSourceConfig config(Map<String, String> settings) {
        return new DataSourceConfig(id, FileSources.TYPE, "files", settings, Map.of());
    }

    private List<List<Object>> rows(String sql) {
        try (DuckDbConnector c = new DuckDbConnector(FileSources.TYPE, storage.database(id), 1 << 24)) {
            return c.executeQuery(guard.require(sql, c.dialect(), null), LIMITS, QueryCancellation.none())
                    .rows();
        }
    }

    private SchemaSnapshot schema() {
        try (DuckDbConnector c = new DuckDbConnector(FileSources.TYPE, storage.database(id), 1 << 24)) {
            return c.getSchema();
        }
    }

    private static final String CUSTOMERS = "Customer ID,Full Name,Country\n1,Ada,UK\n2,Alan,UK\n3,Grace,US\n";

    private static byte[] ordersWorkbook() throws Exception {
        return workbook(
                List.of("Orders"),
                List.of(List.of(
                        List.of("Order ID", "Customer ID", "Amount", "Ordered On"),
                        List.of(10, 1, 12.5, LocalDate.of(2024, 1, 5)),
                        List.of(11, 1, 7.25, LocalDate.of(2024, 2, 6)),
                        List.of(12, 3, 100, LocalDate.of(2024, 3, 7)))));
    }

    @Test
    void aCsvAndAWorkbookBecomeTablesThatJoin() throws Exception {
        List<FileTable> tables = storage.load(
                id,
                List.of(
                        upload(storage, id, "customers.csv", CUSTOMERS),
                        upload(storage, id, "Q1 Orders.xlsx", ordersWorkbook())));

        assertThat(tables).extracting(FileTable::table).containsExactly("customers", "q1_orders");
        FileTable orders = tables.get(1);
        assertThat(orders.sheet()).isEqualTo("Orders");
        assertThat(orders.rows()).isEqualTo(3);
        assertThat(orders.columns())
                .extracting(FileColumn::name, FileColumn::sourceName, FileColumn::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("order_id", "Order ID", "BIGINT"),
                        org.assertj.core.groups.Tuple.tuple("customer_id", "Customer ID", "BIGINT"),
                        org.assertj.core.groups.Tuple.tuple("amount", "Amount", "DOUBLE"),
                        org.assertj.core.groups.Tuple.tuple("ordered_on", "Ordered On", "DATE"));

        assertThat(rows("SELECT c.full_name, sum(o.amount) AS total FROM customers c"
                        + " JOIN q1_orders o ON o.customer_id = c.customer_id GROUP BY c.full_name ORDER BY total"))
                .containsExactly(List.of("Ada", 19.75), List.of("Grace", 100.0));
        assertThat(rows("SELECT ordered_on FROM q1_orders WHERE order_id = 11")).containsExactly(List.of("2024-02-06"));
        assertThat(schema().table(null, "customers").orElseThrow().primaryKey())
                .as("customer_id is unique and present")
                .containsExactly("customer_id");
    }

    @Test
    void eachSheetOfAWorkbookIsATable() throws Exception {
        byte[] book = workbook(
                List.of("North", "South", "Empty"),
                List.of(
                        List.of(List.of("store", "sales"), List.of("A", 1), List.of("B", 2)),
                        List.of(List.of("store", "sales"), List.of("C", 3)),
                        List.of()));

        List<FileTable> tables = storage.load(id, List.of(upload(storage, id, "regions.xlsx", book)));

        assertThat(tables).extracting(FileTable::table).containsExactly("regions_north", "regions_south");
        assertThat(rows("SELECT sum(sales) FROM regions_north")).containsExactly(List.of(3L));
        assertThat(rows("SELECT store FROM regions_south")).containsExactly(List.of("C"));
    }

    @Test
    void readsTsvJsonNdjsonAndParquet() throws Exception {
        Path parquet = dir.resolve("made.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1 AS k, 2.5::DECIMAL(6,2) AS price UNION ALL SELECT 2, 3.75) TO '" + parquet
                    + "' (FORMAT parquet)");
        }
        storage.load(
                id,
                List.of(
                        upload(storage, id, "t.tsv", "a\tb\n1\tx\n2\ty\n"),
                        upload(storage, id, "arr.json", "[{\"k\": 1, \"v\": \"one\"}, {\"k\": 2, \"v\": \"two\"}]"),
                        upload(storage, id, "lines.ndjson", "{\"k\": 1, \"ok\": true}\n{\"k\": 2, \"ok\": false}\n"),
                        upload(storage, id, "p.parquet", Files.readAllBytes(parquet))));

        assertThat(rows("SELECT b FROM t WHERE a = 2")).containsExactly(List.of("y"));
        assertThat(rows("SELECT v FROM arr ORDER BY k")).containsExactly(List.of("one"), List.of("two"));
        assertThat(rows("SELECT k FROM lines WHERE ok")).containsExactly(List.of(1L));
        assertThat(storage.tables(id).stream()
                        .filter(t -> t.table().equals("p"))
                        .findFirst()
                        .orElseThrow()
                        .columns())
                .extracting(FileColumn::type)
                .containsExactly("INTEGER", "DECIMAL(6,2)");
    }

    @Test
    void columnNamesAreCleanedUniqueAndNotReserved() throws Exception {
        List<FileTable> tables = storage.load(
                id,
                List.of(upload(
                        storage,
                        id,
                        "2024 Sales (final).csv",
                        "First Name,select,Order-Date,,ID,id,Prix TTC €,camelCase,9lives\na,b,c,d,1,2,3,4,5\n")));

        FileTable t = tables.getFirst();
        // The reader itself names an empty header by its position and numbers repeated ones.
        // The reader names an empty header by its position and numbers repeated ones itself.
        assertThat(t.table()).isEqualTo("t_2024_sales_final");
        assertThat(t.columns())
                .extracting(FileColumn::name)
                .containsExactly(
                        "first_name",
                        "select_",
                        "order_date",
                        "column3",
                        "id",
                        "id_1",
                        "prix_ttc",
                        "camel_case",
                        "c_9lives");
        assertThat(rows("SELECT select_, id_1 FROM t_2024_sales_final")).containsExactly(List.of("b", 2L));
    }

    @Test
    void reUploadIsANewVersionThatReplacesTheTable() throws Exception {
        storage.load(id, List.of(upload(storage, id, "stock.csv", "sku,qty\na,1\nb,2\n")));

        List<FileTable> second =
                storage.load(id, List.of(upload(storage, id, "stock.csv", "sku,qty,warehouse\na,5,north\n")));

        assertThat(second).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("stock");
            assertThat(t.version()).isEqualTo(2);
            assertThat(t.rows()).isEqualTo(1);
        });
        assertThat(rows("SELECT sku, qty, warehouse FROM stock")).containsExactly(List.of("a", 5L, "north"));
        assertThat(storage.tables(id)).hasSize(1);
        assertThat(Files.readString(dir.resolve("allowed/files/" + id + "/files/stock.csv")))
                .as("the newest version is kept")
                .contains("warehouse");
    }

    @Test
    void aFailedFileLeavesEveryTableAsItWas() throws Exception {
        storage.load(id, List.of(upload(storage, id, "keep.csv", "a\n1\n")));

        var refused = catchThrowableOfType(
                QuerentException.class,
                () -> storage.load(
                        id,
                        List.of(
                                upload(storage, id, "keep.csv", "a,b\n9,9\n"),
                                upload(storage, id, "bad.parquet", "PAR1 not really parquet PAR1"))));

        assertThat(refused.code()).isEqualTo(ErrorCode.FILE_UNREADABLE);
        assertThat(rows("SELECT a FROM keep")).containsExactly(List.of(1L));
        assertThat(storage.tables(id)).extracting(FileTable::table).containsExactly("keep");
        assertThat(schema().table(null, "bad")).isEmpty();
    }

    @Test
    void aColumnTypeCanBeChangedAndAFailingCastIsRefused() throws Exception {
        storage.load(id, List.of(upload(storage, id, "codes.csv", "code,label\n007,x\n010,y\n")));
        assertThat(storage.tables(id).getFirst().columns().getFirst().type()).isEqualTo("VARCHAR");

        FileTable changed = storage.retype(id, "codes", "code", "integer");

        assertThat(changed.columns().getFirst().type()).isEqualTo("INTEGER");
        assertThat(changed.columns().getFirst().inferredType()).isEqualTo("VARCHAR");
        assertThat(rows("SELECT sum(code) FROM codes")).containsExactly(List.of(17L));

        var failed = catchThrowableOfType(QuerentException.class, () -> storage.retype(id, "codes", "label", "DATE"));
        assertThat(failed.code()).isEqualTo(ErrorCode.TYPE_CHANGE_FAILED);
        assertThat(rows("SELECT label FROM codes ORDER BY code")).containsExactly(List.of("x"), List.of("y"));

        assertThat(catchThrowableOfType(
                                QuerentException.class,
                                () -> storage.retype(id, "codes", "label", "VARCHAR); DROP TABLE codes; --"))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(catchThrowableOfType(QuerentException.class, () -> storage.retype(id, "nope", "x", "DATE"))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rows("SELECT count(*) FROM codes")).containsExactly(List.of(2L));
    }

    @Test
    void aFolderIsReadAndReReadOnRefresh() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("allowed/drop"));
        Files.writeString(folder.resolve("a.csv"), "x\n1\n");
        Files.writeString(folder.resolve("notes.txt"), "ignored");
        DataSourceConfig config = config(Map.of("folder", folder.toString()));

        new FilesConnectorFactory(storage, policy).open(config).close();
        assertThat(storage.tables(id))
                .extracting(FileTable::table, FileTable::origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "folder"));

        Files.writeString(folder.resolve("a.csv"), "x\n1\n2\n");
        Files.writeString(folder.resolve("b.json"), "[{\"y\": 1}]");
        List<FileTable> refreshed = storage.refreshFolder(config);
        assertThat(refreshed)
                .extracting(FileTable::table, FileTable::version)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", 2), org.assertj.core.groups.Tuple.tuple("b", 1));
        assertThat(rows("SELECT count(*) FROM a")).containsExactly(List.of(2L));

        Files.delete(folder.resolve("a.csv"));
        assertThat(storage.refreshFolder(config)).extracting(FileTable::table).containsExactly("b");
        assertThat(schema().table(null, "a")).isEmpty();
        assertThat(storage.refreshFolder(config))
                .as("unchanged files are not loaded again")
                .extracting(FileTable::version)
                .containsExactly(1);
    }

    @Test
    void filesAndFoldersAreOwnerOnly() throws Exception {
        storage.load(id, List.of(upload(storage, id, "p.csv", "a\n1\n")));
        Path source = dir.resolve("allowed/files/" + id);

        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(perms).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        assertThat(source.resolve("incoming")).isEmptyDirectory();
    }
}
