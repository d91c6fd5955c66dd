package dev.querent.connectors;

import dev.querent.core.DataSourceId;
import java.nio.file.Path;
import java.util.List;

/**
 * The write side of data sources of type {@value #TYPE}: each file becomes a table in a DuckDB
 * database the source owns. Loading happens here, on a connection of its own that reads only the
 * files being loaded; the connector that answers queries opens that database read-only and can
 * never reach these methods.
 *
 * <p>Every method blocks (file and database work): call it off the event loop. Failures are
 * {@link dev.querent.core.QuerentException}s with stable codes: {@code FILE_NAME_REJECTED},
 * {@code FILE_TYPE_REJECTED}, {@code FILE_TOO_LARGE}, {@code TOO_MANY_FILES},
 * {@code FILE_UNREADABLE}, {@code TYPE_CHANGE_FAILED}, {@code VALIDATION_FAILED}.
 */
public interface FileSources {
    String TYPE = "files";

    FileLimits limits();

    /**
     * Checks a client's file name (a plain name of an allowed format) and returns where its bytes
     * go: a new file inside the source's own folder. Nothing is written yet.
     */
    StagedFile stage(DataSourceId id, String fileName);

    /**
     * Loads staged files, each into the table(s) named after it; a file name loaded before is a
     * new version that replaces its tables. All or nothing: when one file fails, no table changes.
     * Staged files are consumed (kept as the source's stored copy, or deleted).
     */
    List<FileTable> load(DataSourceId id, List<StagedFile> files);

    /** Deletes staged files that will not be loaded (a failed or refused upload). */
    void discard(List<StagedFile> files);

    /** The tables of a source with the file each came from and the column types in force. */
    List<FileTable> tables(DataSourceId id);

    /**
     * Re-creates a table with one column cast to {@code type} (one of {@link FileColumnTypes}).
     * A value that does not convert refuses the change with {@code TYPE_CHANGE_FAILED}.
     */
    FileTable retype(DataSourceId id, String table, String column, String type);

    /**
     * Re-reads the source's {@code folder} setting, when it has one: new and changed files are
     * loaded, tables of files gone from the folder dropped. Returns the tables after the refresh.
     */
    List<FileTable> refreshFolder(DataSourceConfig config);

    /** Deletes everything the source stored (its database, kept files and staging area). */
    void remove(DataSourceId id);

    /**
     * A file received for loading.
     *
     * @param fileName the checked name the client gave
     * @param path where its bytes are, inside the source's folder
     */
    record StagedFile(String fileName, Path path) {}

    /** Limits of files sources. */
    record FileLimits(long maxFileBytes, int maxFilesPerSource) {
        public static final long DEFAULT_MAX_FILE_BYTES = 100L << 20;
        public static final int DEFAULT_MAX_FILES = 50;

        public FileLimits {
            if (maxFileBytes <= 0 || maxFilesPerSource <= 0) {
                throw new IllegalArgumentException("file limits must be positive");
            }
        }

        public static FileLimits defaults() {
            return new FileLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES);
        }
    }
}
