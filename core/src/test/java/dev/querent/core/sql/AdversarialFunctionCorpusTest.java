package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A generated corpus of dangerous calls: every family (SQL-text executors, file and URL readers,
 * session, statistics and settings functions, admin, sleeps, locks, sequences, large objects,
 * dblink, other-database scanners, pragma and extension loaders) in every position a call can take
 * (select list, WHERE, HAVING, ORDER BY, sub-query, CTE, FROM, CASE, CAST, window, nested call) and
 * every spelling (lower, upper and mixed case, quoted, qualified with the engine's own catalog,
 * comments before the parenthesis). Each case must be refused by the function or catalog rules,
 * not by some unrelated parse failure; the same shapes with an allowed built-in are accepted, so
 * the refusals are the function's doing.
 */
class AdversarialFunctionCorpusTest {
    private static final SqlGuard GUARD = new SqlGuard(GuardPolicy.defaults());
    private static final Set<RejectionCode> FUNCTION_RULES = EnumSet.of(
            RejectionCode.DANGEROUS_FUNCTION, RejectionCode.FUNCTION_NOT_ALLOWED, RejectionCode.SYSTEM_CATALOG);

    /** A call as {@code name} plus {@code (arguments)}. */
    private record Call(String name, String arguments) {}

    private record Case(Dialect dialect, String sql) {}

    private static final String PG_PASSWD = "'SELECT to_tsvector(pg_read_file(''/etc/passwd''))'";

    private static final Map<Dialect, List<Call>> DANGEROUS = new EnumMap<>(Map.of(
            Dialect.POSTGRESQL,
            List.of(
                    new Call("ts_stat", "(" + PG_PASSWD + ")"),
                    new Call("ts_stat", "('SELECT to_tsvector(rolpassword) FROM pg_authid')"),
                    new Call("ts_stat", "('SELECT to_tsvector(f) FROM pg_ls_dir(''/'') f')"),
                    new Call("ts_rewrite", "('a'::tsquery, " + PG_PASSWD + ")"),
                    new Call("query_to_xml", "('SELECT * FROM pg_authid', true, true, '')"),
                    new Call("query_to_xml_and_xmlschema", "('SELECT 1', true, true, '')"),
                    new Call("table_to_xml", "('pg_authid', true, true, '')"),
                    new Call("xpath", "('//text()', query_to_xml('SELECT 1', true, true, ''))"),
                    new Call("pg_read_file", "('/etc/passwd')"),
                    new Call("pg_read_binary_file", "('/etc/passwd')"),
                    new Call("pg_ls_dir", "('/')"),
                    new Call("pg_ls_logdir", "()"),
                    new Call("pg_stat_file", "('/etc/passwd')"),
                    new Call("pg_stat_get_activity", "(NULL)"),
                    new Call("pg_stat_get_backend_activity", "(1)"),
                    new Call("pg_show_all_file_settings", "()"),
                    new Call("pg_show_all_settings", "()"),
                    new Call("current_setting", "('data_directory')"),
                    new Call("set_config", "('role', 'postgres', false)"),
                    new Call("pg_sleep", "(10)"),
                    new Call("pg_advisory_lock", "(1)"),
                    new Call("nextval", "('s')"),
                    new Call("currval", "('s')"),
                    new Call("setval", "('s', 1)"),
                    new Call("lo_import", "('/etc/passwd')"),
                    new Call("lo_get", "(16400)"),
                    new Call("dblink", "('host=evil', 'SELECT 1')"),
                    new Call("pg_terminate_backend", "(1)"),
                    new Call("pg_reload_conf", "()"),
                    new Call("inet_server_addr", "()"),
                    new Call("has_table_privilege", "('pg_authid', 'select')"),
                    new Call("pg_get_functiondef", "(1)"),
                    new Call("version", "()")),
            Dialect.MYSQL,
            List.of(
                    new Call("load_file", "('/etc/passwd')"),
                    new Call("sleep", "(10)"),
                    new Call("benchmark", "(10000000, md5('a'))"),
                    new Call("get_lock", "('x', 10)"),
                    new Call("release_lock", "('x')"),
                    new Call("is_free_lock", "('x')"),
                    new Call("master_pos_wait", "('f', 4)"),
                    new Call("sys_exec", "('id')"),
                    new Call("extractvalue", "(1, concat(0x7e, user()))"),
                    new Call("updatexml", "(1, concat(0x7e, version()), 1)"),
                    new Call("nextval", "(s)"),
                    new Call("lastval", "(s)"),
                    new Call("setval", "(s, 1)"),
                    new Call("version", "()"),
                    new Call("database", "()"),
                    new Call("connection_id", "()")),
            Dialect.SQLITE,
            List.of(
                    new Call("load_extension", "('/tmp/evil.so')"),
                    new Call("readfile", "('/etc/passwd')"),
                    new Call("writefile", "('/tmp/x', 'y')"),
                    new Call("fts3_tokenizer", "('simple')"),
                    new Call("edit", "('x')"),
                    new Call("fsdir", "('/')"),
                    new Call("zipfile", "('/tmp/a.zip')"),
                    new Call("pragma_table_info", "('users')"),
                    new Call("pragma_compile_options", "()"),
                    new Call("sqlite_version", "()")),
            Dialect.DUCKDB,
            List.of(
                    new Call("read_csv", "('/etc/passwd')"),
                    new Call("read_csv_auto", "('https://evil.example/x.csv')"),
                    new Call("read_parquet", "('s3://bucket/x.parquet')"),
                    new Call("parquet_scan", "('/data/x.parquet')"),
                    new Call("read_json", "('/home/u/.aws/credentials')"),
                    new Call("read_json_auto", "('/etc/passwd')"),
                    new Call("read_text", "('/etc/passwd')"),
                    new Call("read_blob", "('/etc/shadow')"),
                    new Call("glob", "('/home/*')"),
                    new Call("sniff_csv", "('/etc/passwd')"),
                    new Call("query", "('SELECT * FROM duckdb_secrets()')"),
                    new Call("query_table", "('users')"),
                    new Call("json_execute_serialized_sql", "('{}')"),
                    new Call("iceberg_scan", "('s3://b/t')"),
                    new Call("delta_scan", "('s3://b/t')"),
                    new Call("postgres_scan", "('host=prod', 'public', 'users')"),
                    new Call("mysql_query", "('prod', 'SELECT 1')"),
                    new Call("sqlite_scan", "('/tmp/other.db', 'users')"),
                    new Call("duckdb_secrets", "()"),
                    new Call("duckdb_settings", "()"),
                    new Call("which_secret", "('s3://b', 's3')"),
                    new Call("getenv", "('HOME')"),
                    new Call("current_setting", "('home_directory')"),
                    new Call("getvariable", "('x')"),
                    new Call("nextval", "('s')"),
                    new Call("checkpoint", "()"),
                    new Call("st_read", "('/etc/passwd')"),
                    new Call("read_xlsx", "('/tmp/a.xlsx')")),
            Dialect.SNOWFLAKE,
            List.of(
                    new Call("system$whitelist", "()"),
                    new Call("result_scan", "(last_query_id())"),
                    new Call("current_user", "()"),
                    new Call("my_udf", "(1)")),
            Dialect.BIGQUERY,
            List.of(
                    new Call("external_query", "('conn', 'SELECT 1')"),
                    new Call("session_user", "()"),
                    new Call("my_udf", "(1)"))));

    /** Reads of catalogs that hold credentials, other sessions or settings, as a table. */
    private static final Map<Dialect, List<String>> CATALOG_READS = new EnumMap<>(Map.of(
            Dialect.POSTGRESQL,
            List.of(
                    "pg_authid",
                    "pg_catalog.pg_shadow",
                    "pg_stat_activity",
                    "pg_stat_ssl",
                    "pg_settings",
                    "pg_file_settings",
                    "pg_hba_file_rules",
                    "pg_locks",
                    "pg_statio_user_tables"),
            Dialect.MYSQL,
            List.of(
                    "mysql.user",
                    "performance_schema.threads",
                    "information_schema.processlist",
                    "information_schema.global_variables",
                    "information_schema.innodb_trx"),
            Dialect.SQLITE,
            List.of("pragma_database_list", "sqlite_dbpage", "sqlite_stmt"),
            Dialect.DUCKDB,
            List.of("duckdb_secrets")));

    /** Where a call can hide; {@code %s} is the call. */
    private static final List<String> POSITIONS = List.of(
            "SELECT %s",
            "SELECT name FROM users WHERE %s IS NOT NULL",
            "SELECT name FROM users GROUP BY name HAVING count(%s) > 0",
            "SELECT name FROM users ORDER BY %s",
            "SELECT name FROM users WHERE id IN (SELECT %s)",
            "WITH x AS (SELECT %s AS v) SELECT v FROM x",
            "SELECT CASE WHEN id > 0 THEN %s ELSE NULL END FROM users",
            "SELECT CAST(%s AS CHAR(10)) FROM users",
            "SELECT sum(id) OVER (PARTITION BY %s) FROM users",
            "SELECT coalesce(%s, 'x')",
            "SELECT name FROM users WHERE EXISTS (SELECT 1 FROM orders WHERE %s IS NULL)");

    /** Where a table-valued call can hide; {@code %s} is the call. */
    private static final List<String> FROM_POSITIONS =
            List.of("SELECT * FROM %s AS f", "SELECT u.name FROM users u JOIN %s AS f ON true");

    /** Where a catalog read can hide; {@code %s} is the table. */
    private static final List<String> TABLE_POSITIONS = List.of(
            "SELECT * FROM %s",
            "SELECT name FROM users WHERE id IN (SELECT 1 FROM %s)",
            "WITH x AS (SELECT * FROM %s) SELECT * FROM x",
            "SELECT u.name FROM users u JOIN %s AS c ON true");

    @TestFactory
    Stream<DynamicTest> everyDangerousCaseIsRefusedByTheFunctionRules() {
        return Stream.of(Dialect.values()).map(d -> {
            List<Case> cases = corpus(d);
            return DynamicTest.dynamicTest(d + ": " + cases.size() + " generated cases", () -> {
                List<String> failures = new ArrayList<>();
                for (Case c : cases) {
                    GuardVerdict v = GUARD.check(c.sql(), c.dialect(), null);
                    if (v.accepted()
                            || !FUNCTION_RULES.contains(
                                    v.rejections().getFirst().code())) {
                        failures.add(c.sql() + "\n    -> " + (v.accepted() ? "ACCEPTED" : v.rejections()));
                    }
                }
                int refused = cases.size() - failures.size();
                System.out.printf(
                        "adversarial corpus %s: %d/%d refused by the function rules%n", d, refused, cases.size());
                assertThat(failures)
                        .as(
                                "%s: %d of %d cases refused by the function rules; not refused (first 10):%n%s",
                                d,
                                refused,
                                cases.size(),
                                failures.stream().limit(10).collect(Collectors.joining("\n")))
                        .isEmpty();
            });
        });
    }

    @Test
    void theCorpusIsLargeAndCoversEveryDialect() {
        int total = 0;
        for (Dialect d : Dialect.values()) {
            int size = corpus(d).size();
            assertThat(size).as("cases for %s", d).isGreaterThanOrEqualTo(40);
            total += size;
        }
        System.out.printf("adversarial corpus: %d cases in all%n", total);
        assertThat(total).as("corpus size").isGreaterThanOrEqualTo(500);
    }

    /** The same shapes and spellings with an allowed built-in are accepted. */
    @TestFactory
    Stream<DynamicTest> theSameShapesWithAnAllowedBuiltInAreAccepted() {
        return Stream.of(Dialect.values())
                .map(d -> DynamicTest.dynamicTest(d.name(), () -> {
                    List<String> sqls = new ArrayList<>();
                    for (String call : spellings(d, new Call("lower", "('A')"))) {
                        POSITIONS.forEach(p -> sqls.add(p.formatted(call)));
                    }
                    String tableFunction = allowedTableFunction(d);
                    if (tableFunction != null) {
                        FROM_POSITIONS.forEach(p -> sqls.add(p.formatted(tableFunction)));
                    }
                    for (String sql : sqls) {
                        GuardVerdict v = GUARD.check(sql, d, null);
                        assertThat(v.rejections()).as("%s: %s", d, sql).isEmpty();
                    }
                }));
    }

    private static List<Case> corpus(Dialect d) {
        List<Case> cases = new ArrayList<>();
        for (Call call : DANGEROUS.getOrDefault(d, List.of())) {
            for (String spelled : spellings(d, call)) {
                POSITIONS.forEach(p -> cases.add(new Case(d, p.formatted(spelled))));
                // Nested in another call, two levels down.
                cases.add(new Case(d, "SELECT upper(lower(" + spelled + "))"));
            }
            FROM_POSITIONS.forEach(p -> cases.add(new Case(d, p.formatted(call.name() + call.arguments()))));
        }
        for (String table : CATALOG_READS.getOrDefault(d, List.of())) {
            TABLE_POSITIONS.forEach(p -> cases.add(new Case(d, p.formatted(table))));
        }
        // Another engine's dangerous calls are refused too: the dialect a source is labelled with can be wrong.
        for (Dialect other : Dialect.values()) {
            if (other != d) {
                for (Call call : DANGEROUS.getOrDefault(other, List.of())) {
                    if (!(d == Dialect.SQLITE && call.name().equals("glob"))) {
                        cases.add(new Case(d, "SELECT " + call.name() + call.arguments()));
                    }
                }
            }
        }
        return cases;
    }

    /** Lower, upper and mixed case, quoted, qualified by the engine's catalog, comments before "(". */
    private static List<String> spellings(Dialect d, Call call) {
        String n = call.name();
        String a = call.arguments();
        List<String> out = new ArrayList<>();
        out.add(n + a);
        out.add(n.toUpperCase(Locale.ROOT) + a);
        out.add(mixedCase(n) + a);
        out.add(quote(d, n) + a);
        out.add(n + " /* why not */ " + a);
        out.add(n + " -- line\n" + a);
        String catalog =
                switch (d) {
                    case POSTGRESQL -> "pg_catalog.";
                    case DUCKDB -> "main.";
                    case BIGQUERY -> "SAFE.";
                    default -> null;
                };
        if (catalog != null) {
            out.add(catalog + n + a);
        }
        return out;
    }

    private static String mixedCase(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static String quote(Dialect d, String name) {
        return switch (d) {
            case MYSQL, BIGQUERY -> "`" + name + "`";
            case SNOWFLAKE -> "\"" + name.toUpperCase(Locale.ROOT) + "\"";
            default -> "\"" + name + "\"";
        };
    }

    private static String allowedTableFunction(Dialect d) {
        return switch (d) {
            case POSTGRESQL -> "generate_series(1, 3)";
            case DUCKDB -> "range(3)";
            case SQLITE -> "json_each('[1, 2]')";
            case BIGQUERY -> "UNNEST([1, 2])";
            default -> null;
        };
    }
}
