package dev.querent.connectors.internal;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.SourcePolicy;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and validates connector settings; every problem is a {@code VALIDATION_FAILED} error. */
public final class Settings {
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern DB_NAME = Pattern.compile("[\\p{L}\\p{N}_$.-]+");
    // '@' for cloud user names such as user@server; a user name only ever travels as a property.
    private static final Pattern USER_NAME = Pattern.compile("[\\p{L}\\p{N}_$.@-]+");
    private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private Settings() {}

    public static String required(DataSourceConfig config, String key) {
        String value = config.settings().get(key);
        if (value == null || value.isBlank()) {
            throw invalid(key, "'" + key + "' is required");
        }
        return value.strip();
    }

    public static String optional(DataSourceConfig config, String key, String fallback) {
        String value = config.settings().get(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public static String secret(DataSourceConfig config, String key) {
        return config.secrets().get(key);
    }

    public static int integer(DataSourceConfig config, String key, int fallback, int min, int max) {
        String value = optional(config, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw invalid(key, "'" + key + "' must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    public static String oneOf(DataSourceConfig config, String key, String fallback, List<String> allowed) {
        String value = optional(config, key, fallback);
        if (!allowed.contains(value)) {
            throw invalid(key, "'" + key + "' must be one of " + allowed + ", not '" + value + "'");
        }
        return value;
    }

    /** Comma-separated list; blank entries dropped. */
    public static List<String> list(DataSourceConfig config, String key) {
        String value = optional(config, key, "");
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * A port: digits only, 1 to 65535.
     */
    public static int port(DataSourceConfig config, String key, int fallback) {
        String value = optional(config, key, null);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,5}")) {
            throw invalid(key, "'" + key + "' must be a port number from 1 to 65535");
        }
        int port = Integer.parseInt(value);
        if (port < 1 || port > 65_535) {
            throw invalid(key, "'" + key + "' must be a port number from 1 to 65535");
        }
        return port;
    }

    /**
     * A host: a DNS name or an IP address literal (IPv6 with or without brackets; returned in
     * brackets). Nothing that could end the host part of a JDBC URL ({@code / ? & = : @ # ,},
     * whitespace) gets through, so the host cannot add options, users or other hosts.
     */
    public static String host(DataSourceConfig config, String key) {
        String value = required(config, key);
        if (HOST_NAME.matcher(value).matches() && value.length() <= 253) {
            return value;
        }
        String bare = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (bare.contains(":") && IPV6_CHARS.matcher(bare).matches()) {
            try {
                // An IPv6 literal: parsed without any name lookup.
                InetAddress.getByName(bare);
                return "[" + bare + "]";
            } catch (UnknownHostException e) {
                // falls through to the refusal
            }
        }
        throw invalid(key, "'" + key + "' must be a host name or an IP address (no port, path, options or spaces)");
    }

    /**
     * A database or user name: letters, digits and {@code _ $ . -} only (plus {@code @} where
     * {@code allowAt}), at most 128 characters, so it can neither carry URL syntax nor options.
     */
    public static String name(DataSourceConfig config, String key, boolean allowAt) {
        String value = required(config, key);
        if (value.length() > 128
                || !(allowAt ? USER_NAME : DB_NAME).matcher(value).matches()) {
            throw invalid(
                    key,
                    "'" + key + "' may contain only letters, digits and _ $ . -" + (allowAt ? " @" : "")
                            + " (at most 128 characters)");
        }
        return value;
    }

    /** Refuses a host the deployment's network policy does not allow. */
    public static void requirePermitted(SourcePolicy policy, String key, String host) {
        if (!policy.network().permits(host)) {
            throw invalid(
                    key,
                    "Connecting to '" + host + "' is not allowed on this server"
                            + " (QUERENT_NETWORK_ALLOW / QUERENT_NETWORK_DENY).");
        }
    }

    /**
     * A database file path inside the policy's allowed directories, returned canonical (absolute,
     * symbolic links and {@code ..} resolved): the file a connector opens is exactly the one
     * checked. JDBC URLs of file engines carry options after {@code ?} or {@code ;} (DuckDB even
     * runs an init-SQL file named there), so a path holding either is refused rather than escaped.
     *
     * <p>A path outside the allowed directories, or one of the protected paths, gets the same
     * message whether or not the file exists, so the check cannot be used to probe the server's
     * file system. Existence is not checked here; the connection test reports a missing file.
     */
    public static Path databaseFile(DataSourceConfig config, String key, SourcePolicy policy) {
        return allowedPath(config, key, policy, "a database file");
    }

    /**
     * A directory inside the policy's allowed directories (same rules and messages as {@link
     * #databaseFile}), which must exist.
     */
    public static Path directory(DataSourceConfig config, String key, SourcePolicy policy) {
        Path dir = allowedPath(config, key, policy, "a folder");
        if (!Files.isDirectory(dir)) {
            throw invalid(key, "'" + key + "' must name an existing folder");
        }
        return dir;
    }

    /**
     * Whether {@code path}, with links resolved, lies inside an allowed directory and outside every
     * protected path.
     */
    public static boolean permitted(Path path, SourcePolicy policy) {
        Path canonical = canonical(path);
        if (canonical == null) {
            return false;
        }
        for (Path dir : policy.allowedDirs()) {
            Path real = canonical(dir);
            if (real != null && canonical.startsWith(real) && !canonical.equals(real)) {
                return !isProtected(canonical, policy);
            }
        }
        return false;
    }

    private static Path allowedPath(DataSourceConfig config, String key, SourcePolicy policy, String what) {
        String value = required(config, key);
        if (value.contains("?") || value.contains(";") || value.startsWith(":") || value.startsWith("file:")) {
            throw invalid(key, "'" + key + "' must be a plain file path (no '?', ';', ':memory:' or file: URI)");
        }
        Path raw;
        try {
            raw = Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(key, "'" + key + "' is not a valid file path");
        }
        if (policy.allowedDirs().isEmpty()) {
            throw outsideAllowedDirs(key, policy, what);
        }
        Path absolute = raw.isAbsolute() ? raw : policy.allowedDirs().getFirst().resolve(raw);
        Path canonical = canonical(absolute);
        if (canonical == null) {
            throw outsideAllowedDirs(key, policy, what);
        }
        boolean inside = false;
        for (Path dir : policy.allowedDirs()) {
            Path real = canonical(dir);
            if (real != null && canonical.startsWith(real) && !canonical.equals(real)) {
                inside = true;
                break;
            }
        }
        if (!inside || isProtected(canonical, policy)) {
            throw outsideAllowedDirs(key, policy, what);
        }
        return canonical;
    }

    private static boolean isProtected(Path canonical, SourcePolicy policy) {
        for (Path p : policy.protectedPaths()) {
            Path real = canonical(p);
            if (real == null) {
                continue;
            }
            if (canonical.startsWith(real)) {
                return true;
            }
            String name = canonical.toString();
            for (String suffix : SQLITE_SIDE_FILES) {
                if (name.equals(real + suffix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The real path of {@code path}: of the file itself when it exists, else of its deepest
     * existing ancestor with the missing names appended. {@code null} when a link on the way cannot
     * be resolved (a dangling link could be pointed anywhere later).
     */
    private static Path canonical(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(normalized)) {
                return normalized.toRealPath();
            }
            Path existing = normalized;
            List<Path> missing = new ArrayList<>();
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                missing.addFirst(existing.getFileName());
                existing = existing.getParent();
            }
            if (existing == null) {
                return null;
            }
            Path real = existing.toRealPath();
            for (Path name : missing) {
                real = real.resolve(name);
            }
            return real;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static QuerentException outsideAllowedDirs(String key, SourcePolicy policy, String what) {
        return new QuerentException(
                ErrorCode.VALIDATION_FAILED,
                "'" + key + "' must name " + what + " inside an allowed directory ("
                        + (policy.allowedDirs().isEmpty()
                                ? "none configured"
                                : policy.allowedDirs().stream()
                                        .map(Path::toString)
                                        .collect(Collectors.joining(", ")))
                        + "; set QUERENT_ALLOWED_DIRS to add more).",
                Map.of(
                        "field",
                        key,
                        "allowedDirs",
                        policy.allowedDirs().stream().map(Path::toString).toList()),
                null);
    }

    public static QuerentException invalid(String key, String message) {
        return new QuerentException(ErrorCode.VALIDATION_FAILED, message, Map.of("field", key), null);
    }
}
