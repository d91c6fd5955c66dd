package dev.querent.connectors;

import java.time.Instant;
import java.util.List;

/**
 * A table of a files data source.
 *
 * @param table the table's name in the source's database
 * @param fileName the file it was loaded from
 * @param sheet the workbook sheet it holds, or {@code null} for other formats
 * @param origin {@code upload} or {@code folder}
 * @param version 1 for the first load of that file name, one more for each re-upload
 * @param rows rows loaded
 * @param columns cleaned column names with the type in force (inferred, or set by a user)
 */
public record FileTable(
        String table,
        String fileName,
        String sheet,
        String origin,
        int version,
        long rows,
        List<FileColumn> columns,
        Instant loadedAt) {
    public FileTable {
        columns = List.copyOf(columns);
    }

    /**
     * @param name the column's cleaned name
     * @param sourceName the header the file had
     * @param type the DuckDB type in force
     * @param inferredType the type the reader inferred when the file was loaded
     */
    public record FileColumn(String name, String sourceName, String type, String inferredType) {}
}
