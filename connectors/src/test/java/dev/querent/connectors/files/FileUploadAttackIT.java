package dev.querent.connectors.files;

import static dev.querent.connectors.files.FileFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.FileSources;
import dev.querent.connectors.FileSources.FileLimits;
import dev.querent.connectors.FileTable;
import dev.querent.connectors.SourcePolicy;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile uploads and folders: each is refused with a stable code, and afterwards no file exists
 * anywhere under the test directory except the source's own database, manifest and folders.
 */
class FileUploadAttackIT {
    private static final long MAX_BYTES = 4_096;
    private static final int MAX_FILES = 3;

    @TempDir
    Path dir;

    private SourcePolicy policy;
    private FileStorage storage;
    private DataSourceId id;

    @BeforeEach
    void setUp() {
        policy = SourcePolicy.allowingFilesIn(dir.resolve("allowed"));
        storage = new FileStorage(
                dir.resolve("allowed/files"), policy, new FileLimits(MAX_BYTES, MAX_FILES), Clock.systemUTC());
        id = DataSourceId.random();
        new FilesConnectorFactory(storage, policy).open(config(Map.of())).close();
    }

    private DataSourceConfig config(Map<String, String> settings) {
        return new DataSourceConfig(id, FileSources.TYPE, "files", settings, Map.of());
    }

    private Set<String> allFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return new TreeSet<>(walk.map(p -> dir.relativize(p).toString()).toList());
        }
    }

    private void refused(ThrowingCallable attempt, ErrorCode expected, String what) throws IOException {
        Set<String> before = allFiles();
        QuerentException e = catchThrowableOfType(QuerentException.class, attempt);
        assertThat(e).as(what).isNotNull();
        assertThat(e.code()).as(what).isEqualTo(expected);
        assertThat(e.code().httpStatus()).as(what).isBetween(400, 499);
        // The refused upload's own staged file is deleted; nothing else changes and nothing is added.
        assertThat(before).as("nothing written by " + what).containsAll(allFiles());
        assertThat(allFiles())
                .as("nothing but staged files removed by " + what)
                .containsAll(before.stream().filter(f -> !f.endsWith(".part")).toList());
    }

    @Test
    void fileNamesThatAreNotPlainNamesAreRefused() throws IOException {
        List<String> names = List.of(
                "../escape.csv",
                "../../etc/cron.d/x.csv",
                "..\\escape.csv",
                "/etc/passwd.csv",
                "/tmp/x.csv",
                "C:\\Windows\\x.csv",
                "C:x.csv",
                "data.csv:stream",
                "sub/dir.csv",
                "a\u0000.csv",
                "a\u0000/../../x.csv",
                "line\nbreak.csv",
                "tab\there.csv",
                "bell\u0007.csv",
                "del\u007f.csv",
                "rtl\u202egpj.csv",
                "zero\u200bwidth.csv",
                "CON.csv",
                "nul.csv",
                "Com1.csv",
                "lpt9.tab.csv",
                "aux",
                ".hidden.csv",
                ".",
                "..",
                "",
                " ",
                "trailing.csv.",
                "trailing.csv ",
                " leading.csv",
                "wild*.csv",
                "pipe|.csv",
                "q?.csv",
                "x".repeat(300) + ".csv");
        for (String name : names) {
            refused(() -> storage.stage(id, name), ErrorCode.FILE_NAME_REJECTED, "name " + name.replace("\0", "\\0"));
        }
    }

    @Test
    void onlyAllowedExtensionsAreStaged() throws IOException {
        for (String name :
                List.of("x.exe", "x.duckdb", "x.db", "x.sqlite", "x.sh", "x.xls", "x.xlsm", "noext", "x.csv.gz")) {
            refused(() -> storage.stage(id, name), ErrorCode.FILE_TYPE_REJECTED, "extension of " + name);
        }
        assertThat(storage.stage(id, "UPPER.CSV").fileName()).isEqualTo("UPPER.CSV");
    }

    @Test
    void contentThatIsNotWhatTheExtensionSaysIsRefused() throws IOException {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0};
        byte[] random = new byte[2048];
        new java.util.Random(7).nextBytes(random);
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("binary.csv", elf);
        cases.put("random.csv", random);
        cases.put("zero-byte.tsv", "a\tb\n1\0\t2\n".getBytes(StandardCharsets.US_ASCII));
        cases.put("zip.csv", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        cases.put("text.parquet", "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        cases.put("half.parquet", "PAR1 and then nothing".getBytes(StandardCharsets.US_ASCII));
        cases.put("csv.xlsx", "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        cases.put("csv.json", "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        cases.put("latin.json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xe9, '"', '}'});
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            var staged = upload(storage, id, c.getKey(), c.getValue());
            refused(() -> storage.load(id, List.of(staged)), ErrorCode.FILE_TYPE_REJECTED, c.getKey());
            assertThat(staged.path()).as("the refused upload is deleted").doesNotExist();
        }
        assertThat(storage.tables(id)).isEmpty();
    }

    @Test
    void aDamagedWorkbookOrCsvIsUnreadableNotACrash() throws IOException {
        var workbook = upload(storage, id, "broken.xlsx", new byte[] {'P', 'K', 3, 4, 9, 9, 9, 9, 9, 9});
        refused(() -> storage.load(id, List.of(workbook)), ErrorCode.FILE_UNREADABLE, "broken.xlsx");
        var empty = upload(storage, id, "empty.csv", new byte[0]);
        refused(() -> storage.load(id, List.of(empty)), ErrorCode.FILE_UNREADABLE, "empty.csv");
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() throws IOException {
        String big = "a\n" + "1\n".repeat((int) MAX_BYTES);
        var staged = upload(storage, id, "big.csv", big);
        refused(() -> storage.load(id, List.of(staged)), ErrorCode.FILE_TOO_LARGE, "big.csv");
    }

    @Test
    void noMoreFilesThanTheLimit() throws IOException {
        storage.load(
                id,
                List.of(
                        upload(storage, id, "a.csv", "x\n1\n"),
                        upload(storage, id, "b.csv", "x\n1\n"),
                        upload(storage, id, "c.csv", "x\n1\n")));
        var fourth = upload(storage, id, "d.csv", "x\n1\n");
        refused(() -> storage.load(id, List.of(fourth)), ErrorCode.TOO_MANY_FILES, "a fourth file");
        // A new version of a file it holds is no new file.
        assertThat(storage.load(id, List.of(upload(storage, id, "A.csv", "x\n2\n"))))
                .extracting(FileTable::table, FileTable::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 2));
    }

    @Test
    void namesAndHeadersCarryNoSql() throws IOException {
        storage.load(id, List.of(upload(storage, id, "keep.csv", "v\n1\n")));
        List<FileTable> loaded = storage.load(
                id,
                List.of(upload(
                        storage,
                        id,
                        "o'); DROP TABLE keep; --.csv",
                        "\"a\"\"); DROP TABLE keep; --\",\"b' OR '1'='1\"\n1,2\n")));

        assertThat(loaded.getFirst().table()).isEqualTo("o_drop_table_keep");
        assertThat(loaded.getFirst().columns())
                .extracting(FileTable.FileColumn::name)
                .containsExactly("a_drop_table_keep", "b_or_1_1");
        assertThat(storage.tables(id)).extracting(FileTable::table).contains("keep");
    }

    @Test
    void aSourceIdNeverNamesAPath() throws IOException {
        for (String bad : List.of("../x", "..", "a/b", "a\\b", "x\0y")) {
            refused(
                    () -> storage.stage(new DataSourceId(bad), "a.csv"),
                    ErrorCode.NOT_FOUND,
                    "id " + bad.replace("\0", "\\0"));
        }
    }

    @Test
    void foldersOutsideTheAllowedDirectoriesOrInsideTheStorageAreRefused() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "s\n1\n");
        Path allowed = Files.createDirectories(dir.resolve("allowed/drop"));
        Files.createSymbolicLink(allowed.resolve("link"), outside);
        List<String> folders = new ArrayList<>(List.of(
                outside.toString(),
                dir.resolve("allowed/drop/../../outside").toString(),
                allowed.resolve("link").toString(),
                "/etc",
                dir.resolve("allowed/files").toString(),
                dir.resolve("allowed/files/" + id).toString(),
                allowed.resolve("missing").toString()));
        for (String folder : folders) {
            refused(
                    () -> new FilesConnectorFactory(storage, policy).open(config(Map.of("folder", folder))),
                    ErrorCode.VALIDATION_FAILED,
                    "folder " + folder);
        }
        assertThat(storage.tables(id)).isEmpty();
    }

    @Test
    void aLinkInAFolderThatPointsOutIsRefused() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "s\n1\n");
        Path folder = Files.createDirectories(dir.resolve("allowed/drop"));
        Files.writeString(folder.resolve("fine.csv"), "x\n1\n");
        Files.createSymbolicLink(folder.resolve("leak.csv"), outside.resolve("secret.csv"));

        refused(
                () -> storage.refreshFolder(config(Map.of("folder", folder.toString()))),
                ErrorCode.FILE_NAME_REJECTED,
                "a link out of the allowed directories");
        assertThat(storage.tables(id)).isEmpty();
    }

    @Test
    void aFolderFileOverTheLimitIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("allowed/drop"));
        Files.writeString(folder.resolve("big.csv"), "a\n" + "1\n".repeat((int) MAX_BYTES));
        refused(
                () -> storage.refreshFolder(config(Map.of("folder", folder.toString()))),
                ErrorCode.FILE_TOO_LARGE,
                "a big folder file");
    }
}
