package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code querent eval --engine}: the engine, its administrator URL and the database names taken
 * from a question set (any CSV given with {@code --set}) become JDBC URLs, identifiers in DDL and
 * file names. Whatever could name another host, carry driver options or break out of an identifier
 * is refused before anything connects.
 */
class EvalEngineAttackTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    private static EvalEngine engine(String kind, String url) {
        Map<String, String> opts = new HashMap<>();
        opts.put("engine", kind);
        opts.put("engine-url", url);
        return EvalEngine.from(opts, NO_ENV);
    }

    @Test
    void sqliteIsTheDefaultAndTakesNoServer() {
        assertThat(EvalEngine.from(Map.of(), NO_ENV).kind()).isEqualTo(EvalEngine.Kind.SQLITE);
        assertThatThrownBy(() -> EvalEngine.from(Map.of("engine-url", "jdbc:postgresql://h/db"), NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--engine postgresql or mariadb");
    }

    @Test
    void theServerComesFromTheTestEnvironmentWhenNotGiven() {
        EvalEngine pg = EvalEngine.from(
                Map.of("engine", "postgresql"),
                Map.of(
                        "QUERENT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5433/querent_test",
                        "QUERENT_TEST_PG_USER", "u",
                        "QUERENT_TEST_PG_PASSWORD", "s3cr3t"));
        assertThat(pg.host()).isEqualTo("127.0.0.1");
        assertThat(pg.port()).isEqualTo(5433);
        assertThat(pg.user()).isEqualTo("u");
        assertThat(pg.urlFor("defog_academic")).isEqualTo("jdbc:postgresql://127.0.0.1:5433/defog_academic");
        assertThat(pg.password()).isEqualTo("s3cr3t");
        assertThat(pg.toString()).doesNotContain("s3cr3t");

        EvalEngine maria = EvalEngine.from(
                Map.of("engine", "mariadb"), Map.of("QUERENT_TEST_MYSQL_URL", "jdbc:mysql://db.local/"));
        assertThat(maria.port()).isEqualTo(3306);
        assertThat(maria.urlFor("academic")).isEqualTo("jdbc:mysql://db.local:3306/academic");
    }

    @Test
    void anUnknownEngineOrAMissingServerIsRefused() {
        assertThatThrownBy(() -> EvalEngine.from(Map.of("engine", "oracle"), NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sqlite (default), postgresql or mariadb");
        assertThatThrownBy(() -> EvalEngine.from(Map.of("engine", "postgresql"), NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QUERENT_TEST_PG_URL");
        assertThatThrownBy(() -> EvalEngine.from(Map.of("engine", "mariadb"), NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QUERENT_TEST_MYSQL_URL");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:mysql://127.0.0.1:3306/", // another engine's driver
                "jdbc:postgresql://127.0.0.1/db?socketFactory=org.springframework.context.support.FileSystemXmlApplicationContext",
                "jdbc:postgresql://127.0.0.1/db?loggerFile=/tmp/x",
                "jdbc:postgresql://attacker:secret@127.0.0.1/db", // credentials in the URL
                "jdbc:postgresql://127.0.0.1,evil.example/db", // a second host
                "jdbc:postgresql://127.0.0.1/db;DROP DATABASE postgres",
                "jdbc:postgresql://127.0.0.1/db#x",
                "jdbc:postgresql:///db", // no host: a Unix socket of the driver's choosing
                "jdbc:postgresql://127.0.0.1/Db\"x",
                "postgresql://127.0.0.1/db",
                "jdbc:postgresql://127.0.0.1/db\n--"
            })
    void aPostgresUrlThatIsNotOnePlainServerIsRefused(String url) {
        assertThatThrownBy(() -> engine("postgresql", url)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://127.0.0.1/db",
                "jdbc:mysql://127.0.0.1/?allowLoadLocalInfile=true",
                "jdbc:mysql://127.0.0.1/?autoDeserialize=true",
                "jdbc:mysql://127.0.0.1:3306,evil.example:3306/",
                "jdbc:mysql://u:p@127.0.0.1/",
                "jdbc:mysql:loadbalance://127.0.0.1/",
                "jdbc:mysql://127.0.0.1/`x`"
            })
    void aMariaDbUrlThatIsNotOnePlainServerIsRefused(String url) {
        assertThatThrownBy(() -> engine("mariadb", url)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x\"; DROP DATABASE postgres; --",
                "x`; DROP DATABASE mysql; --",
                "../academic",
                "academic/../../etc",
                "Academic",
                "_academic",
                "academic ",
                "",
                "a.b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" // 64 characters
            })
    void aDatabaseNameFromAQuestionSetThatIsNotAPlainNameIsRefused(String db) throws Exception {
        // Even when a file of that name sits in the dump folder, it is neither found nor loaded.
        if (!db.isEmpty() && !db.contains("/") && !db.contains("\u0000")) {
            Files.writeString(dir.resolve(db + ".sql"), "SELECT 1;");
        }
        EvalEngine pg = engine("postgresql", "jdbc:postgresql://127.0.0.1:1/querent_test");
        DefogLoader loader = new DefogLoader(pg, pg, dir, new PrintStream(PrintStream.nullOutputStream()));

        assertThat(loader.has(db)).isFalse();
        assertThatThrownBy(() -> loader.ensure(db)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> loader.database(db)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pg.urlFor(db)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProductDataSourceGetsOnlyHostPortDatabaseAndUser() {
        EvalEngine maria = EvalEngine.from(
                Map.of("engine", "mariadb", "engine-url", "jdbc:mysql://127.0.0.1:3307/", "engine-password", "pw"),
                NO_ENV);
        EvalEngine pg = engine("postgresql", "jdbc:postgresql://127.0.0.1/querent_test");
        DefogLoader.Source s = new DefogLoader(maria, pg, dir, System.out).source("broker");

        assertThat(s.type()).isEqualTo("mysql");
        assertThat(s.settings())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("host", "127.0.0.1", "port", "3307", "database", "broker", "user", "querent"));
        assertThat(s.secrets()).isEqualTo(Map.of("password", "pw"));
        assertThat(new DefogLoader(pg, pg, dir, System.out).source("broker").settings())
                .containsEntry("database", "defog_broker");
    }

    @Test
    void postgresTypesMapToMariaDbTypesOfTheSameMeaning() {
        assertThat(DefogLoader.mariaType("character varying(20)")).isEqualTo("VARCHAR(20)");
        assertThat(DefogLoader.mariaType("character(2)")).isEqualTo("CHAR(2)");
        assertThat(DefogLoader.mariaType("numeric(10,2)")).isEqualTo("DECIMAL(10,2)");
        assertThat(DefogLoader.mariaType("numeric(4)")).isEqualTo("DECIMAL(4,0)");
        assertThat(DefogLoader.mariaType("integer")).isEqualTo("INT");
        assertThat(DefogLoader.mariaType("bigint")).isEqualTo("BIGINT");
        assertThat(DefogLoader.mariaType("double precision")).isEqualTo("DOUBLE");
        assertThat(DefogLoader.mariaType("real")).isEqualTo("FLOAT");
        assertThat(DefogLoader.mariaType("boolean")).isEqualTo("BOOLEAN");
        assertThat(DefogLoader.mariaType("timestamp without time zone")).isEqualTo("DATETIME(6)");
        assertThat(DefogLoader.mariaType("time without time zone")).isEqualTo("TIME(6)");
        assertThat(DefogLoader.mariaType("date")).isEqualTo("DATE");
        assertThat(DefogLoader.mariaType("text")).isEqualTo("LONGTEXT");
        assertThat(DefogLoader.mariaType("integer[]")).isEqualTo("LONGTEXT");
    }
}
