package dev.querent.connectors.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the demo warehouse: one DuckDB file with the schemas {@code ecommerce}, {@code finance},
 * {@code healthcare}, {@code saas} and {@code retail} (five tables each, primary and foreign keys,
 * comments on every table and meaningful column), dated 2022-01-01 to 2025-06-30.
 *
 * <p>Deterministic: each domain draws from its own fixed seed and nothing reads the clock, the
 * network or the environment, so every run writes the same rows. The file is written beside the
 * target and moved into place, so a reader never sees half a warehouse.
 */
public final class DemoWarehouse {
    /** The schemas, in generation order. */
    public static final List<String> DOMAINS = List.of("ecommerce", "finance", "healthcare", "saas", "retail");

    private static final long SEED = 20_220_101L;
    private static final Logger log = LoggerFactory.getLogger(DemoWarehouse.class);

    private DemoWarehouse() {}

    /** Writes the warehouse to {@code duckDbFile}, replacing any file there. */
    public static void generate(Path duckDbFile) {
        Path target = duckDbFile.toAbsolutePath().normalize();
        String name = target.getFileName().toString();
        if (target.toString().contains(";") || target.toString().contains("?")) {
            // Both start option syntax in a DuckDB JDBC URL.
            throw new IllegalArgumentException("demo warehouse path must not contain ';' or '?': " + target);
        }
        Path tmp = target.resolveSibling("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + tmp)) {
                // One transaction: a commit per DDL statement or appender flush costs seconds.
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    for (String ddl : statements(resource("demo/schema.sql"))) {
                        st.execute(ddl);
                    }
                }
                EcommerceData.write(c, new DemoRandom(SEED + 1));
                FinanceData.write(c, new DemoRandom(SEED + 2));
                HealthcareData.write(c, new DemoRandom(SEED + 3));
                SaasData.write(c, new DemoRandom(SEED + 4));
                RetailData.write(c, new DemoRandom(SEED + 5));
                c.commit();
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    // Folds the write-ahead log into the file, so the single file is the whole warehouse.
                    st.execute("CHECKPOINT");
                }
            }
            move(tmp, target);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Generating the demo warehouse at " + target + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the demo warehouse to " + target + " failed", e);
        } finally {
            deleteLeftovers(tmp);
        }
    }

    /** Generates the warehouse unless {@code duckDbFile} already exists; returns the path. */
    public static Path ensure(Path duckDbFile) {
        if (!Files.isRegularFile(duckDbFile)) {
            generate(duckDbFile);
        }
        return duckDbFile;
    }

    /** Ten questions per domain, from simple lookups to multi-table analysis. */
    public static List<DemoQuestion> sampleQuestions() {
        try (InputStream in = stream("demo/questions.json")) {
            return List.copyOf(JsonMapper.builder().build().readValue(in, new TypeReference<List<DemoQuestion>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading demo/questions.json failed", e);
        }
    }

    /** {@code DemoWarehouse <file>}: generates the warehouse and prints the time it took. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DemoWarehouse <duckdb-file>");
            System.exit(2);
        }
        long started = System.nanoTime();
        generate(Path.of(args[0]));
        System.out.printf(
                "demo warehouse written to %s in %d ms%n", args[0], (System.nanoTime() - started) / 1_000_000);
    }

    /** Splits a script at semicolons that end a line; the script keeps semicolons out of strings. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("schema script ends without a semicolon: " + current);
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String name) throws IOException {
        InputStream in = DemoWarehouse.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is missing from the classpath");
        }
        return in;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Runs in a finally block: a failure here must not hide the one that got us here. */
    private static void deleteLeftovers(Path tmp) {
        for (Path p : List.of(tmp, tmp.resolveSibling(tmp.getFileName() + ".wal"))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("Could not remove the temporary file {}: {}", p, e.getMessage());
            }
        }
    }
}
