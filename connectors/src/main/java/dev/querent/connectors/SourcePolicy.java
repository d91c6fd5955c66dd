package dev.querent.connectors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment lets data sources reach, handed to every connector factory.
 *
 * @param allowedDirs directories database files (SQLite, DuckDB) must lie in, after resolving
 *     symbolic links and {@code ..}; relative paths are resolved against the first. Empty: no file
 *     source can be opened at all
 * @param protectedPaths files and directories no data source may open even inside an allowed
 *     directory (the metadata database with its {@code -wal}/{@code -shm}/{@code -journal}
 *     siblings, the credentials key, the index)
 * @param network which hosts network connectors may connect to
 * @param maxResultBytes the result-size cap of an execution; engine and driver buffers are sized
 *     from it so that no single value can be far larger before the cap applies
 * @param connectTimeout how long opening a network connection (TCP connect plus login) may take
 */
public record SourcePolicy(
        List<Path> allowedDirs,
        List<Path> protectedPaths,
        NetworkPolicy network,
        long maxResultBytes,
        Duration connectTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public SourcePolicy {
        allowedDirs =
                allowedDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        protectedPaths =
                protectedPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(network, "network");
        if (maxResultBytes <= 0) {
            throw new IllegalArgumentException("maxResultBytes must be positive");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("connectTimeout must be at least one second");
        }
    }

    /** No file directory allowed, every network host allowed, default caps. */
    public static SourcePolicy defaults() {
        return new SourcePolicy(
                List.of(),
                List.of(),
                NetworkPolicy.open(),
                QueryLimits.defaults().maxResultBytes(),
                DEFAULT_CONNECT_TIMEOUT);
    }

    /** Files only inside {@code dirs}; everything else as {@link #defaults()}. */
    public static SourcePolicy allowingFilesIn(Path... dirs) {
        return defaults().withAllowedDirs(List.of(dirs));
    }

    public SourcePolicy withAllowedDirs(List<Path> dirs) {
        return new SourcePolicy(dirs, protectedPaths, network, maxResultBytes, connectTimeout);
    }

    public SourcePolicy withProtectedPaths(List<Path> paths) {
        return new SourcePolicy(allowedDirs, paths, network, maxResultBytes, connectTimeout);
    }

    public SourcePolicy withNetwork(NetworkPolicy policy) {
        return new SourcePolicy(allowedDirs, protectedPaths, policy, maxResultBytes, connectTimeout);
    }

    public SourcePolicy withMaxResultBytes(long bytes) {
        return new SourcePolicy(allowedDirs, protectedPaths, network, bytes, connectTimeout);
    }

    public SourcePolicy withConnectTimeout(Duration timeout) {
        return new SourcePolicy(allowedDirs, protectedPaths, network, maxResultBytes, timeout);
    }

    /**
     * The most one value or row may take in a driver's or engine's buffer: twice the result cap
     * plus 1 MiB, so that anything the cap would let through still fits, and nothing much larger
     * is ever materialised.
     */
    public long valueBufferBytes() {
        long headroom = 1L << 20;
        return maxResultBytes > (Long.MAX_VALUE - headroom) / 2 ? Long.MAX_VALUE : 2 * maxResultBytes + headroom;
    }
}
