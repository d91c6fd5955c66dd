package dev.querent.connectors.files;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.FileColumnTypes;
import dev.querent.connectors.FileSources;
import dev.querent.connectors.FileTable;
import dev.querent.connectors.FileTable.FileColumn;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.Settings;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.dialect.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where files sources keep their files and tables: {@code <root>/<source-id>/} (owner-only) holds
 * {@code tables.duckdb} (what queries read), {@code files/} (the uploaded files as received),
 * {@code incoming/} (uploads being received, and work copies) and {@code manifest.json} (which
 * table came from which file, versions, column types).
 *
 * <p>Every change is made on a copy of the database, opened read-write with external access off
 * except for exactly the files being loaded ({@code allowed_paths}), no extension installed or
 * loaded, and its configuration locked; the copy then replaces the database in one rename. A
 * failed load leaves the previous tables as they were, and a query never sees a half-loaded one.
 * Changes to one source are serialised.
 */
public final class FileStorage implements FileSources {
    static final String DATABASE = "tables.duckdb";
    static final String MANIFEST = "manifest.json";
    static final String KEPT = "files";
    static final String INCOMING = "incoming";
    static final String UPLOAD = "upload";
    static final String FOLDER = "folder";

    private static final Logger log = LoggerFactory.getLogger(FileStorage.class);
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final SqlDialect SQL = Dialect.DUCKDB.sql();
    private static final long WRITER_MEMORY_MIB = 1024;

    private final Path root;
    private final SourcePolicy policy;
    private final FileLimits limits;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param root the directory every files source gets a folder in ({@code <data>/sources/files});
     *     created owner-only
     * @param policy the allowed directories a {@code folder} setting must lie in
     */
    public FileStorage(Path root, SourcePolicy policy, FileLimits limits, Clock clock) {
        this.root = privateDirectory(root.toAbsolutePath().normalize());
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path root() {
        return root;
    }

    @Override
    public FileLimits limits() {
        return limits;
    }

    /** The database queries of source {@code id} read. */
    public Path database(DataSourceId id) {
        return dir(id).resolve(DATABASE);
    }

    // --- receiving --------------------------------------------------------------------------

    @Override
    public StagedFile stage(DataSourceId id, String fileName) {
        String name = FileNames.check(fileName);
        FileFormat.of(name);
        Path incoming = privateDirectory(privateDirectory(dir(id)).resolve(INCOMING));
        Path target = incoming.resolve(UUID.randomUUID() + ".part");
        createPrivateFile(target);
        return new StagedFile(name, target);
    }

    @Override
    public void discard(List<StagedFile> files) {
        for (StagedFile f : files) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException e) {
                log.warn("could not delete the staged file {}: {}", f.path(), e.getMessage());
            }
        }
    }

    // --- loading ----------------------------------------------------------------------------

    @Override
    public List<FileTable> load(DataSourceId id, List<StagedFile> files) {
        Path dir = dir(id);
        List<Path> work = new ArrayList<>();
        try {
            synchronized (lock(id)) {
                Manifest manifest = manifest(id);
                Set<String> names = new LinkedHashSet<>();
                for (StagedFile f : files) {
                    requireStagedHere(dir, f);
                    if (!names.add(f.fileName().toLowerCase(Locale.ROOT))) {
                        throw new QuerentException(
                                ErrorCode.VALIDATION_FAILED,
                                "'" + f.fileName() + "' was sent twice.",
                                Map.of("file", f.fileName()),
                                null);
                    }
                }
                requireRoomFor(manifest, names);
                List<Prepared> prepared = new ArrayList<>();
                for (StagedFile f : files) {
                    prepared.add(prepare(dir, f.fileName(), f.path(), UPLOAD, sha256(f.path()), work));
                }
                Manifest updated = rewrite(id, manifest, prepared, Set.of());
                for (StagedFile f : files) {
                    keep(dir, f);
                }
                return updated.tablesOf(names);
            }
        } finally {
            deleteAll(work);
            discard(files);
        }
    }

    @Override
    public List<FileTable> refreshFolder(DataSourceConfig config) {
        DataSourceId id = config.id();
        String setting = config.settings().get(FOLDER);
        synchronized (lock(id)) {
            Manifest manifest = manifest(id);
            if (setting == null || setting.isBlank()) {
                return manifest.tables();
            }
            Path folder = folder(config);
            Path dir = dir(id);
            List<Path> work = new ArrayList<>();
            try {
                Map<String, Path> found = folderFiles(folder);
                Set<String> names = new LinkedHashSet<>();
                found.keySet().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
                requireRoomFor(manifest.withoutFolderFiles(), names);
                List<Prepared> prepared = new ArrayList<>();
                Path incoming = privateDirectory(privateDirectory(dir).resolve(INCOMING));
                for (Map.Entry<String, Path> e : found.entrySet()) {
                    Path copy = incoming.resolve(UUID.randomUUID() + ".part");
                    work.add(copy);
                    String hash = copyBounded(e.getValue(), copy, e.getKey());
                    Manifest.Entry known = manifest.entry(e.getKey());
                    if (known != null && FOLDER.equals(known.origin()) && hash.equals(known.sha256())) {
                        continue; // unchanged since the last refresh
                    }
                    prepared.add(prepare(dir, e.getKey(), copy, FOLDER, hash, work));
                }
                Set<String> gone = new HashSet<>();
                for (Manifest.Entry e : manifest.files()) {
                    if (FOLDER.equals(e.origin())
                            && !names.contains(e.fileName().toLowerCase(Locale.ROOT))) {
                        gone.add(e.fileName());
                    }
                }
                String canonicalFolder = folder.toString();
                if (prepared.isEmpty() && gone.isEmpty() && canonicalFolder.equals(manifest.folder())) {
                    return manifest.tables();
                }
                return rewrite(id, manifest.withFolder(canonicalFolder), prepared, gone)
                        .tables();
            } finally {
                deleteAll(work);
            }
        }
    }

    /** Creates the source's folder and an empty database unless they exist; loads its folder setting. */
    void prepare(DataSourceConfig config) {
        DataSourceId id = config.id();
        synchronized (lock(id)) {
            Path dir = privateDirectory(dir(id));
            Path database = dir.resolve(DATABASE);
            boolean fresh = !Files.isRegularFile(database);
            if (fresh) {
                Path copy = dir.resolve(INCOMING);
                privateDirectory(copy);
                Path empty = copy.resolve("tables-" + UUID.randomUUID() + ".duckdb");
                try (Connection c = writer(empty, List.of())) {
                    // opening creates the file
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create the database of files source " + id, e);
                }
                replace(empty, database);
            }
            String setting = config.settings().get(FOLDER);
            boolean folderChanged = setting != null
                    && !setting.isBlank()
                    && !folder(config).toString().equals(manifest(id).folder());
            if (folderChanged) {
                refreshFolder(config);
            }
        }
    }

    /** The validated folder setting: inside the allowed directories, never inside the files root. */
    Path folder(DataSourceConfig config) {
        Path folder = Settings.directory(config, FOLDER, policy);
        if (folder.startsWith(realRoot())) {
            throw Settings.invalid(FOLDER, "'folder' may not point into the data sources' own storage");
        }
        return folder;
    }

    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }

    /**
     * The folder's files of allowed formats, by name (hidden files and other extensions are left
     * out). A file that resolves outside the allowed directories (a link out) or has a name that is
     * not plain is refused with the same codes as an upload.
     */
    private Map<String, Path> folderFiles(Path folder) {
        Map<String, Path> out = new LinkedHashMap<>();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw Settings.invalid(
                    FOLDER, "The folder cannot be read: " + e.getClass().getSimpleName());
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path p : entries) {
            String raw = p.getFileName().toString();
            if (raw.startsWith(".") || !FileFormat.allowed(raw)) {
                continue;
            }
            String name = FileNames.check(raw);
            if (!Files.isRegularFile(p)
                    || !Settings.permitted(p, policy)
                    || p.toAbsolutePath().startsWith(root)) {
                throw new QuerentException(
                        ErrorCode.FILE_NAME_REJECTED,
                        "'" + name + "' in the folder is not a regular file inside an allowed directory.",
                        Map.of("file", name),
                        null);
            }
            out.put(name, p);
        }
        return out;
    }

    /** A file ready to load: its format checked and, for workbooks, each sheet as CSV. */
    private record Prepared(String fileName, String origin, String sha256, List<Part> parts) {}

    /** What becomes one table: a reader over one file (a workbook sheet is its own part). */
    private record Part(String sheet, FileFormat format, Path path, String encoding) {}

    private Prepared prepare(Path dir, String fileName, Path content, String origin, String hash, List<Path> work) {
        long size = size(content);
        if (size > limits.maxFileBytes()) {
            throw tooLarge(fileName);
        }
        FileFormat format = FileFormat.of(fileName);
        if (size == 0) {
            throw new QuerentException(
                    ErrorCode.FILE_UNREADABLE, "'" + fileName + "' is empty.", Map.of("file", fileName), null);
        }
        String encoding = ContentSniffer.check(content, format, fileName);
        List<Part> parts = new ArrayList<>();
        if (format == FileFormat.XLSX) {
            Path incoming = dir.resolve(INCOMING);
            List<ExcelSheets.Sheet> sheets = ExcelSheets.toCsv(content, fileName, index -> {
                Path csv = incoming.resolve(UUID.randomUUID() + "-" + index + ".csv");
                work.add(csv);
                return csv;
            });
            for (ExcelSheets.Sheet s : sheets) {
                parts.add(new Part(s.name(), FileFormat.CSV, s.csv(), "utf-8"));
            }
        } else {
            parts.add(new Part(null, format, content, encoding));
        }
        return new Prepared(fileName, origin, hash, parts);
    }

    /**
     * Applies {@code prepared} (new versions of files) and drops the tables of {@code gone} on a
     * copy of the database, then puts the copy in place and saves the manifest.
     */
    private Manifest rewrite(DataSourceId id, Manifest manifest, List<Prepared> prepared, Set<String> gone) {
        List<Path> readable = prepared.stream()
                .flatMap(p -> p.parts().stream())
                .map(Part::path)
                .toList();
        Manifest[] result = {manifest};
        onCopy(id, readable, c -> {
            Manifest m = manifest;
            for (String name : gone) {
                Manifest.Entry e = m.entry(name);
                for (FileTable t : e.tables()) {
                    execute(c, "DROP TABLE IF EXISTS " + SQL.quoteIdentifier(t.table()));
                }
                m = m.without(name);
            }
            for (Prepared p : prepared) {
                m = loadFile(c, m, p);
            }
            result[0] = m;
        });
        saveManifest(id, result[0]);
        return result[0];
    }

    private Manifest loadFile(Connection c, Manifest manifest, Prepared p) throws SQLException {
        Manifest.Entry previous = manifest.entry(p.fileName());
        Map<String, String> previousTables = new HashMap<>();
        if (previous != null) {
            for (FileTable t : previous.tables()) {
                previousTables.put(t.sheet() == null ? "" : t.sheet(), t.table());
            }
        }
        Set<String> taken = new HashSet<>(manifest.tableNamesExcept(p.fileName()));
        boolean oneTable = p.parts().size() == 1;
        String base = ColumnNames.clean(stripExtension(p.fileName()), "table");
        List<FileTable> tables = new ArrayList<>();
        int version = previous == null ? 1 : previous.version() + 1;
        var now = clock.instant();
        for (Part part : p.parts()) {
            String key = part.sheet() == null ? "" : part.sheet();
            String table = previousTables.remove(key);
            if (table == null || taken.contains(table)) {
                String wanted = oneTable ? base : ColumnNames.clean(base + "_" + part.sheet(), "sheet");
                table = ColumnNames.unique(wanted, taken);
            } else {
                taken.add(table);
            }
            tables.add(loadPart(c, p.fileName(), part, table, p.origin(), version, now));
        }
        for (String stale : previousTables.values()) {
            execute(c, "DROP TABLE IF EXISTS " + SQL.quoteIdentifier(stale));
        }
        return manifest.with(new Manifest.Entry(p.fileName(), p.origin(), version, p.sha256(), now, tables));
    }

    private FileTable loadPart(
            Connection c, String fileName, Part part, String table, String origin, int version, java.time.Instant at)
            throws SQLException {
        String reader = reader(part);
        List<String[]> described = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + reader)) {
            while (rs.next()) {
                described.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        } catch (SQLException e) {
            throw unreadable(fileName, part, e);
        }
        if (described.isEmpty()) {
            throw new QuerentException(
                    ErrorCode.FILE_UNREADABLE, "'" + fileName + "' has no columns.", Map.of("file", fileName), null);
        }
        List<String> clean =
                ColumnNames.columns(described.stream().map(d -> d[0]).toList());
        StringBuilder select = new StringBuilder();
        for (int i = 0; i < described.size(); i++) {
            if (i > 0) {
                select.append(", ");
            }
            select.append(SQL.quoteIdentifier(described.get(i)[0]))
                    .append(" AS ")
                    .append(SQL.quoteIdentifier(clean.get(i)));
        }
        try {
            execute(
                    c,
                    "CREATE OR REPLACE TABLE " + SQL.quoteIdentifier(table) + " AS SELECT " + select + " FROM "
                            + reader);
        } catch (SQLException e) {
            throw unreadable(fileName, part, e);
        }
        long rows = constrain(c, table, clean);
        List<FileColumn> columns = new ArrayList<>();
        Map<String, String> types = columnTypes(c, table);
        for (int i = 0; i < clean.size(); i++) {
            String type = types.get(clean.get(i));
            columns.add(new FileColumn(clean.get(i), described.get(i)[0], type, type));
        }
        return new FileTable(table, fileName, part.sheet(), origin, version, rows, columns, at);
    }

    private static String reader(Part part) {
        String path = SQL.stringLiteral(part.path().toString());
        return switch (part.format()) {
            case CSV -> "read_csv_auto(" + path + ", header = true" + encoding(part) + ")";
            case TSV -> "read_csv_auto(" + path + ", header = true, delim = '\\t'" + encoding(part) + ")";
            case PARQUET -> "read_parquet(" + path + ")";
            case JSON -> "read_json_auto(" + path + ")";
            case XLSX -> throw new IllegalStateException("workbooks are read as CSV sheets");
        };
    }

    private static String encoding(Part part) {
        return "latin-1".equals(part.encoding()) ? ", encoding = 'latin-1'" : "";
    }

    /**
     * Declares what the loaded data shows, so the schema tells people and models more: NOT NULL
     * on columns without a null, and a primary key on {@code id}, {@code <table>_id} or
     * {@code <singular table>_id} when its values are unique and present. Returns the row count.
     */
    private static long constrain(Connection c, String table, List<String> columns) throws SQLException {
        String t = SQL.quoteIdentifier(table);
        StringBuilder counts = new StringBuilder("SELECT count(*)");
        for (String col : columns) {
            counts.append(", count(").append(SQL.quoteIdentifier(col)).append(")");
        }
        long rows;
        List<String> notNull = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(counts + " FROM " + t)) {
            rs.next();
            rows = rs.getLong(1);
            for (int i = 0; i < columns.size(); i++) {
                if (rows > 0 && rs.getLong(i + 2) == rows) {
                    notNull.add(columns.get(i));
                }
            }
        }
        for (String col : notNull) {
            execute(c, "ALTER TABLE " + t + " ALTER COLUMN " + SQL.quoteIdentifier(col) + " SET NOT NULL");
        }
        String singular = table.endsWith("s") ? table.substring(0, table.length() - 1) : table;
        for (String candidate : List.of("id", table + "_id", singular + "_id")) {
            if (!notNull.contains(candidate)) {
                continue;
            }
            String col = SQL.quoteIdentifier(candidate);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(DISTINCT " + col + ") FROM " + t)) {
                rs.next();
                if (rs.getLong(1) == rows) {
                    execute(c, "ALTER TABLE " + t + " ADD PRIMARY KEY (" + col + ")");
                    break;
                }
            }
        }
        return rows;
    }

    private static Map<String, String> columnTypes(Connection c, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE " + SQL.quoteIdentifier(table))) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        return types;
    }

    // --- reading and changing types -------------------------------------------------------

    @Override
    public List<FileTable> tables(DataSourceId id) {
        return manifest(id).tables();
    }

    @Override
    public FileTable retype(DataSourceId id, String table, String column, String type) {
        String target = FileColumnTypes.canonical(type);
        synchronized (lock(id)) {
            Manifest manifest = manifest(id);
            Manifest.Entry entry = manifest.entryOfTable(table);
            if (entry == null) {
                throw new QuerentException(ErrorCode.NOT_FOUND, "This data source has no table '" + table + "'.");
            }
            FileTable current = entry.table(table);
            FileColumn col = current.columns().stream()
                    .filter(x -> x.name().equals(column))
                    .findFirst()
                    .orElseThrow(() -> new QuerentException(
                            ErrorCode.NOT_FOUND, "Table '" + table + "' has no column '" + column + "'."));
            FileTable[] changed = {current};
            onCopy(id, List.of(), c -> {
                String t = SQL.quoteIdentifier(table);
                String scratch = SQL.quoteIdentifier(table + "__retype");
                try {
                    execute(
                            c,
                            "CREATE TABLE " + scratch + " AS SELECT * REPLACE (CAST(" + SQL.quoteIdentifier(col.name())
                                    + " AS " + target + ") AS " + SQL.quoteIdentifier(col.name()) + ") FROM " + t);
                } catch (SQLException e) {
                    throw new QuerentException(
                            ErrorCode.TYPE_CHANGE_FAILED,
                            "Column '" + column + "' cannot be " + target + ": " + firstLine(e.getMessage()),
                            Map.of("table", table, "column", column, "type", target),
                            null);
                }
                execute(c, "DROP TABLE " + t);
                execute(c, "ALTER TABLE " + scratch + " RENAME TO " + t);
                List<String> names =
                        current.columns().stream().map(FileColumn::name).toList();
                long rows = constrain(c, table, names);
                Map<String, String> types = columnTypes(c, table);
                List<FileColumn> columns = current.columns().stream()
                        .map(x -> new FileColumn(x.name(), x.sourceName(), types.get(x.name()), x.inferredType()))
                        .toList();
                changed[0] = new FileTable(
                        current.table(),
                        current.fileName(),
                        current.sheet(),
                        current.origin(),
                        current.version(),
                        rows,
                        columns,
                        current.loadedAt());
            });
            saveManifest(id, manifest.withTable(entry.fileName(), changed[0]));
            return changed[0];
        }
    }

    @Override
    public void remove(DataSourceId id) {
        synchronized (lock(id)) {
            Path dir = dir(id);
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(dir);
            }
        }
        locks.remove(id.value());
    }

    // --- the database copy ----------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a copy of the source's database and puts the copy in place when it succeeds. */
    private void onCopy(DataSourceId id, List<Path> readable, SqlWork work) {
        Path dir = privateDirectory(dir(id));
        Path live = dir.resolve(DATABASE);
        Path copy = privateDirectory(dir.resolve(INCOMING)).resolve("tables-" + UUID.randomUUID() + ".duckdb");
        try {
            if (Files.isRegularFile(live)) {
                Files.copy(live, copy);
            }
            try (Connection c = writer(copy, readable)) {
                work.run(c);
            } catch (SQLException e) {
                throw new QuerentException(
                        ErrorCode.QUERY_FAILED, "Loading files failed: " + hideDirectories(e.getMessage()));
            }
            replace(copy, live);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the database of files source " + id, e);
        } finally {
            deleteQuietly(copy);
            deleteQuietly(copy.resolveSibling(copy.getFileName() + ".wal"));
        }
    }

    /**
     * A read-write connection to {@code database} that may read exactly {@code readable} and no
     * other file or URL, installs and loads no extension, and cannot change that.
     */
    private static Connection writer(Path database, List<Path> readable) throws SQLException {
        Properties props = new Properties();
        props.setProperty("enable_external_access", "false");
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        props.setProperty("memory_limit", WRITER_MEMORY_MIB + "MiB");
        props.setProperty("threads", "2");
        if (!readable.isEmpty()) {
            props.setProperty(
                    "allowed_paths",
                    readable.stream()
                            .map(p -> SQL.stringLiteral(p.toString()))
                            .reduce((a, b) -> a + ", " + b)
                            .map(s -> "[" + s + "]")
                            .orElseThrow());
        }
        props.setProperty("lock_configuration", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + database, props);
    }

    private static void replace(Path source, Path target) {
        try {
            restrict(source, FILE);
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- files -----------------------------------------------------------------------------

    /** The source's folder; an id that is not a plain token never names a path. */
    private Path dir(DataSourceId id) {
        if (!SOURCE_ID.matcher(id.value()).matches()) {
            throw new QuerentException(ErrorCode.NOT_FOUND, "No data source " + id);
        }
        return root.resolve(id.value());
    }

    private Object lock(DataSourceId id) {
        return locks.computeIfAbsent(id.value(), k -> new Object());
    }

    private static void requireStagedHere(Path dir, StagedFile f) {
        Path incoming = dir.resolve(INCOMING);
        if (!f.path().toAbsolutePath().normalize().getParent().equals(incoming)) {
            throw new IllegalArgumentException("a staged file must come from stage() of the same source");
        }
    }

    private void requireRoomFor(Manifest manifest, Set<String> lowerCaseNames) {
        Set<String> all = new HashSet<>(lowerCaseNames);
        manifest.files().forEach(e -> all.add(e.fileName().toLowerCase(Locale.ROOT)));
        if (all.size() > limits.maxFilesPerSource()) {
            throw new QuerentException(
                    ErrorCode.TOO_MANY_FILES,
                    "A data source may hold at most " + limits.maxFilesPerSource() + " files (it would have "
                            + all.size() + ").",
                    Map.of("max", limits.maxFilesPerSource()),
                    null);
        }
    }

    /** The uploaded file as received, kept owner-only under {@code files/} (replacing an older version). */
    private static void keep(Path dir, StagedFile f) {
        Path kept = privateDirectory(dir.resolve(KEPT)).resolve(f.fileName());
        if (!kept.toAbsolutePath().normalize().getParent().equals(dir.resolve(KEPT))) {
            throw new IllegalStateException("a checked file name left its folder: " + f.fileName());
        }
        replace(f.path(), kept);
    }

    private String copyBounded(Path from, Path to, String name) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            createPrivateFile(to);
            long copied = 0;
            try (InputStream in = new DigestInputStream(Files.newInputStream(from), digest);
                    OutputStream out = Files.newOutputStream(to, StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    copied += n;
                    if (copied > limits.maxFileBytes()) {
                        throw tooLarge(name);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private QuerentException tooLarge(String name) {
        return new QuerentException(
                ErrorCode.FILE_TOO_LARGE,
                "'" + name + "' is larger than " + limits.maxFileBytes() + " bytes (QUERENT_UPLOAD_MAX_BYTES).",
                Map.of("file", name, "maxBytes", limits.maxFileBytes()),
                null);
    }

    private QuerentException unreadable(String fileName, Part part, SQLException e) {
        String what =
                part.sheet() == null ? "'" + fileName + "'" : "Sheet '" + part.sheet() + "' of '" + fileName + "'";
        String message = firstLine(e.getMessage()).replace(part.path().toString(), fileName);
        return new QuerentException(
                ErrorCode.FILE_UNREADABLE,
                what + " could not be read: " + hideDirectories(message),
                Map.of("file", fileName),
                null);
    }

    private String hideDirectories(String message) {
        return message == null ? "" : message.replace(root.toString(), "<files>");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        String prefix = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result";
        if (m.startsWith(prefix)) {
            m = m.substring(prefix.length()).strip();
            if (m.startsWith("Error: ")) {
                m = m.substring("Error: ".length());
            }
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    // --- the manifest ------------------------------------------------------------------------

    private Manifest manifest(DataSourceId id) {
        Path file = dir(id).resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Manifest.EMPTY;
        }
        try {
            return json.readValue(file.toFile(), Manifest.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the manifest of files source " + id + " cannot be read", e);
        }
    }

    private void saveManifest(DataSourceId id, Manifest manifest) {
        Path dir = privateDirectory(dir(id));
        Path temp = privateDirectory(dir.resolve(INCOMING)).resolve("manifest-" + UUID.randomUUID() + ".json");
        createPrivateFile(temp);
        try {
            Files.write(temp, json.writeValueAsBytes(manifest), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException(e);
        }
        replace(temp, dir.resolve(MANIFEST));
    }

    // --- owner-only files --------------------------------------------------------------------

    private static Path privateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
            }
            restrict(dir, DIR);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir, e);
        }
    }

    private static void createPrivateFile(Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("a fresh file name was taken: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException ignored) {
            // non-POSIX file systems keep their default permissions
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll(List<Path> paths) {
        paths.forEach(FileStorage::deleteQuietly);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", p, e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(FileStorage::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
