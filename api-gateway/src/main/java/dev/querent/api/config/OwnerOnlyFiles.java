package dev.querent.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the account running Querent may read: the metadata database, the
 * credentials key, the demo warehouse, the data-source and index directories. On file systems
 * without POSIX permissions nothing changes.
 */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /** Creates {@code dir} (and missing parents) and makes it owner-only; an existing one is tightened. */
    static Path directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            restrict(dir, DIR);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir, e);
        }
    }

    /** Creates an empty owner-only file unless one exists; an existing one is tightened. */
    static Path file(Path file) {
        try {
            if (supportsPosix(file.getParent())) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } catch (FileAlreadyExistsException ignored) {
                    // tightened below
                }
            } else if (!Files.exists(file)) {
                Files.createFile(file);
            }
            restrict(file, FILE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file " + file, e);
        }
    }

    /** Makes {@code file} owner-only when it exists. */
    static void tighten(Path file) {
        if (Files.isRegularFile(file)) {
            restrict(file, FILE);
        }
    }

    private static boolean supportsPosix(Path dir) {
        Path probe = dir == null ? Path.of(".") : dir;
        return probe.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException ignored) {
            // non-POSIX file systems keep their default permissions
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of " + path, e);
        }
    }
}
