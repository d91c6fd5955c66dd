package dev.querent.connectors.files;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The formats a files source reads, by file-name extension. */
enum FileFormat {
    CSV(List.of("csv")),
    TSV(List.of("tsv", "tab")),
    PARQUET(List.of("parquet")),
    JSON(List.of("json", "ndjson", "jsonl")),
    XLSX(List.of("xlsx"));

    private final List<String> extensions;

    FileFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    static List<String> allExtensions() {
        return Arrays.stream(values()).flatMap(f -> f.extensions.stream()).toList();
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The format a file name's extension names; any other extension is {@code FILE_TYPE_REJECTED}. */
    static FileFormat of(String fileName) {
        String ext = extension(fileName);
        for (FileFormat f : values()) {
            if (f.extensions.contains(ext)) {
                return f;
            }
        }
        throw new QuerentException(
                ErrorCode.FILE_TYPE_REJECTED,
                "'" + fileName + "' is not a file type a data source can read. Allowed: " + allExtensions(),
                Map.of("allowed", allExtensions()),
                null);
    }

    static boolean allowed(String fileName) {
        return allExtensions().contains(extension(fileName));
    }
}
