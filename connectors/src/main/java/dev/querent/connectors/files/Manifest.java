package dev.querent.connectors.files;

import dev.querent.connectors.FileTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a files source holds: each file (by name, compared case-insensitively) with its origin,
 * version, content hash and the tables it became. Stored as JSON beside the database; never read
 * by queries.
 *
 * @param folder the canonical folder last read, or {@code null}
 */
record Manifest(String folder, List<Entry> files) {
    static final Manifest EMPTY = new Manifest(null, List.of());

    Manifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    record Entry(String fileName, String origin, int version, String sha256, Instant loadedAt, List<FileTable> tables) {
        Entry {
            tables = List.copyOf(tables);
        }

        FileTable table(String name) {
            return tables.stream()
                    .filter(t -> t.table().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    Entry entry(String fileName) {
        return files.stream()
                .filter(e -> e.fileName().equalsIgnoreCase(fileName))
                .findFirst()
                .orElse(null);
    }

    Entry entryOfTable(String table) {
        return files.stream().filter(e -> e.table(table) != null).findFirst().orElse(null);
    }

    List<FileTable> tables() {
        return files.stream().flatMap(e -> e.tables().stream()).toList();
    }

    /** The tables of the files named (lower case). */
    List<FileTable> tablesOf(Set<String> lowerCaseNames) {
        return files.stream()
                .filter(e -> lowerCaseNames.contains(e.fileName().toLowerCase(Locale.ROOT)))
                .flatMap(e -> e.tables().stream())
                .toList();
    }

    List<String> tableNamesExcept(String fileName) {
        return files.stream()
                .filter(e -> !e.fileName().equalsIgnoreCase(fileName))
                .flatMap(e -> e.tables().stream())
                .map(FileTable::table)
                .toList();
    }

    /** With {@code entry} in place of the file of the same name (or added). */
    Manifest with(Entry entry) {
        List<Entry> out = new ArrayList<>();
        boolean replaced = false;
        for (Entry e : files) {
            if (e.fileName().equalsIgnoreCase(entry.fileName())) {
                out.add(entry);
                replaced = true;
            } else {
                out.add(e);
            }
        }
        if (!replaced) {
            out.add(entry);
        }
        return new Manifest(folder, out);
    }

    Manifest without(String fileName) {
        return new Manifest(
                folder,
                files.stream()
                        .filter(e -> !e.fileName().equalsIgnoreCase(fileName))
                        .toList());
    }

    Manifest withoutFolderFiles() {
        return new Manifest(
                folder,
                files.stream()
                        .filter(e -> !FileStorage.FOLDER.equals(e.origin()))
                        .toList());
    }

    Manifest withFolder(String canonicalFolder) {
        return new Manifest(canonicalFolder, files);
    }

    Manifest withTable(String fileName, FileTable table) {
        Entry e = entry(fileName);
        List<FileTable> tables = e.tables().stream()
                .map(t -> t.table().equals(table.table()) ? table : t)
                .toList();
        return with(new Entry(e.fileName(), e.origin(), e.version(), e.sha256(), e.loadedAt(), tables));
    }
}
