package dev.querent.core.testing;

import dev.querent.core.Dialect;
import dev.querent.core.bench.Csv;
import dev.querent.core.bench.DefogQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the gold queries of the shared benchmarks (Spider, BIRD mini-dev, defog sql-eval). */
public final class GoldQueries {
    public static final String SPIDER = "spider/dev_gold.sql";
    public static final String BIRD_SQLITE = "bird_minidev/mini_dev_sqlite_gold.sql";
    public static final String BIRD_MYSQL = "bird_minidev/mini_dev_mysql_gold.sql";
    public static final String BIRD_POSTGRESQL = "bird_minidev/mini_dev_postgresql_gold.sql";
    public static final String DEFOG_QUESTIONS = "defog/questions";

    private GoldQueries() {}

    public static List<GoldQuery> spider(Path bench) {
        return tabSeparated(bench, SPIDER, Dialect.SQLITE);
    }

    public static List<GoldQuery> birdSqlite(Path bench) {
        return tabSeparated(bench, BIRD_SQLITE, Dialect.SQLITE);
    }

    public static List<GoldQuery> birdMysql(Path bench) {
        return tabSeparated(bench, BIRD_MYSQL, Dialect.MYSQL);
    }

    public static List<GoldQuery> birdPostgresql(Path bench) {
        return tabSeparated(bench, BIRD_POSTGRESQL, Dialect.POSTGRESQL);
    }

    /** Every Spider, BIRD and defog gold query. */
    public static List<GoldQuery> all(Path bench) {
        List<GoldQuery> all = new ArrayList<>();
        all.addAll(spider(bench));
        all.addAll(birdSqlite(bench));
        all.addAll(birdMysql(bench));
        all.addAll(birdPostgresql(bench));
        for (Path csv : defogFiles(bench)) {
            all.addAll(defog(bench, csv));
        }
        return all;
    }

    /**
     * The defog question files whose dialect Querent supports ({@code *_tsql.csv} has none), in
     * name order.
     */
    public static List<Path> defogFiles(Path bench) {
        try (Stream<Path> files = Files.list(bench.resolve(DEFOG_QUESTIONS))) {
            return files.filter(p -> defogDialect(p).isPresent()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dialect of a defog question file, from its name; the unsuffixed files are PostgreSQL. */
    public static Optional<Dialect> defogDialect(Path csv) {
        String name = csv.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv")) {
            return Optional.empty();
        }
        String stem = name.substring(0, name.length() - ".csv".length());
        Map<String, Dialect> suffixes = Map.of(
                "_postgres", Dialect.POSTGRESQL,
                "_mysql", Dialect.MYSQL,
                "_sqlite", Dialect.SQLITE,
                "_bigquery", Dialect.BIGQUERY,
                "_snowflake", Dialect.SNOWFLAKE);
        for (Map.Entry<String, Dialect> e : suffixes.entrySet()) {
            if (stem.endsWith(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return stem.equals("idk") ? Optional.of(Dialect.POSTGRESQL) : Optional.empty();
    }

    /** The gold queries of one defog question file, each {@code query} cell expanded as defog does. */
    public static List<GoldQuery> defog(Path bench, Path csv) {
        Dialect dialect = defogDialect(csv).orElseThrow(() -> new IllegalArgumentException("no dialect for " + csv));
        String rel = bench.relativize(csv).toString();
        List<Map<String, String>> rows = Csv.readWithHeader(read(csv));
        List<GoldQuery> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            List<String> queries = DefogQueries.expand(row.getOrDefault("query", ""));
            for (int q = 0; q < queries.size(); q++) {
                out.add(new GoldQuery(
                        rel + ":row " + (i + 1) + "#" + (q + 1),
                        row.getOrDefault("db_name", ""),
                        dialect,
                        queries.get(q)));
            }
        }
        return out;
    }

    private static List<GoldQuery> tabSeparated(Path bench, String file, Dialect dialect) {
        List<String> lines = read(bench.resolve(file)).lines().toList();
        List<GoldQuery> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            String sql = tab < 0 ? line : line.substring(0, tab);
            String db = tab < 0 ? "" : line.substring(tab + 1).strip();
            out.add(new GoldQuery(file + ":" + (i + 1), db, dialect, sql));
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
