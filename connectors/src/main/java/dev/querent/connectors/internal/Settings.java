package dev.querent.connectors.internal;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads and validates connector settings; every problem is a {@code VALIDATION_FAILED} error. */
public final class Settings {
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
     * A database file path. JDBC URLs of file engines carry options after {@code ?} or {@code ;}
     * (DuckDB even runs an init-SQL file named there), so a path holding either could smuggle
     * options past the read-only setup: such paths are refused rather than escaped.
     */
    public static Path databaseFile(DataSourceConfig config, String key) {
        String value = required(config, key);
        if (value.contains("?") || value.contains(";") || value.startsWith(":") || value.startsWith("file:")) {
            throw invalid(key, "'" + key + "' must be a plain file path (no '?', ';', ':memory:' or file: URI)");
        }
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(key, "'" + key + "' is not a valid path: " + e.getMessage());
        }
    }

    public static QuerentException invalid(String key, String message) {
        return new QuerentException(ErrorCode.VALIDATION_FAILED, message, Map.of("field", key), null);
    }
}
