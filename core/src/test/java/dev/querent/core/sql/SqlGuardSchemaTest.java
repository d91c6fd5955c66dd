package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlGuardSchemaTest {
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());

    private static TableInfo table(String schema, String name, String... columns) {
        List<ColumnInfo> cols = Arrays.stream(columns)
                .map(c -> new ColumnInfo(c, "text", true, null, List.of()))
                .toList();
        return new TableInfo(schema, name, TableKind.TABLE, null, cols, List.of(), List.of(), -1);
    }

    private static SchemaSnapshot concerts(Dialect dialect, String schema) {
        return new SchemaSnapshot(
                dialect,
                schema,
                List.of(
                        table(schema, "singer", "Singer_ID", "Name", "Country", "Age"),
                        table(schema, "concert", "concert_ID", "concert_Name", "Stadium_ID", "Year"),
                        table(schema, "singer_in_concert", "concert_ID", "Singer_ID")),
                Instant.EPOCH);
    }

    private final SchemaSnapshot sqlite = concerts(Dialect.SQLITE, null);

    private GuardVerdict check(String sql) {
        return guard.check(sql, Dialect.SQLITE, sqlite);
    }

    private void accepted(String sql) {
        assertThat(check(sql).rejections()).as(sql).isEmpty();
    }

    private Rejection rejected(String sql) {
        GuardVerdict v = check(sql);
        assertThat(v.accepted()).as(sql).isFalse();
        return v.rejections().getFirst();
    }

    @Test
    void acceptsKnownTablesAndColumnsCaseInsensitively() {
        GuardVerdict v = check("SELECT NAME, country FROM SINGER WHERE \"Age\" > 20");
        assertThat(v.rejections()).isEmpty();
        assertThat(v.safeSql().tables()).containsExactly("SINGER");
    }

    @Test
    void resolvesAliasesAndJoins() {
        accepted("SELECT T1.Name, T3.concert_Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID ="
                + " T2.Singer_ID JOIN concert T3 USING (concert_ID) WHERE T3.Year = '2014'");
        assertThat(rejected("SELECT singer.Name FROM singer AS s").code()).isEqualTo(RejectionCode.UNKNOWN_COLUMN);
    }

    @Test
    void namesAnUnknownTableAndSuggestsAKnownOne() {
        Rejection r = rejected("SELECT name FROM singers");
        assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_TABLE);
        assertThat(r.message()).contains("singers").contains("did you mean singer");
    }

    @Test
    void namesAnUnknownColumnAndSuggestsAKnownOne() {
        Rejection r = rejected("SELECT nmae FROM singer");
        assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_COLUMN);
        assertThat(r.message()).isEqualTo("unknown column nmae; did you mean Name?");

        Rejection qualified = rejected("SELECT s.contry FROM singer AS s");
        assertThat(qualified.message())
                .contains("s.contry")
                .contains("table singer")
                .contains("Country");

        assertThat(rejected("SELECT x.Name FROM singer AS s").message()).contains("unknown table or alias x");
    }

    @Test
    void resolvesCteColumnsFromTheirSelectList() {
        accepted("WITH old AS (SELECT Name, Age AS years FROM singer) SELECT Name FROM old WHERE years > 30");
        accepted("WITH c(n) AS (SELECT Name FROM singer) SELECT n FROM c");
        accepted("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 3) SELECT x FROM r");
        Rejection r = rejected("WITH old AS (SELECT Name FROM singer) SELECT Country FROM old");
        assertThat(r.message()).contains("Country");
        assertThat(check("WITH old AS (SELECT Name FROM singer) SELECT Name FROM old")
                        .safeSql()
                        .tables())
                .containsExactly("singer");
    }

    @Test
    void resolvesDerivedTables() {
        accepted("SELECT d.n FROM (SELECT Name AS n FROM singer) AS d");
        accepted("SELECT d.cnt FROM (SELECT count(*) AS cnt FROM singer) d");
        assertThat(rejected("SELECT d.Name FROM (SELECT Name AS n FROM singer) AS d")
                        .code())
                .isEqualTo(RejectionCode.UNKNOWN_COLUMN);
        // An unnamed expression's column name is engine-specific, so any name is accepted there.
        accepted("SELECT d.anything FROM (SELECT count(*) FROM singer) AS d");
    }

    @Test
    void resolvesCorrelatedSubqueriesAgainstOuterScopes() {
        accepted("SELECT Name FROM singer s WHERE EXISTS (SELECT 1 FROM singer_in_concert c WHERE c.Singer_ID ="
                + " s.Singer_ID AND Age > 20)");
        accepted("SELECT Name, (SELECT count(*) FROM singer_in_concert WHERE singer_in_concert.Singer_ID ="
                + " singer.Singer_ID) AS shows FROM singer");
        assertThat(rejected("SELECT Name FROM singer WHERE Singer_ID IN (SELECT Singer_ID FROM singer_in_concert"
                                + " WHERE Stadium_Name = 'x')")
                        .message())
                .contains("Stadium_Name");
    }

    @Test
    void acceptsSelectListAliasesInOrderByGroupByAndHaving() {
        accepted("SELECT Country AS c, count(*) AS n FROM singer GROUP BY c HAVING n > 1 ORDER BY n DESC");
        accepted("SELECT Name FROM singer UNION SELECT concert_Name FROM concert ORDER BY Name");
    }

    @Test
    void doesNotTreatKeywordsAsColumns() {
        accepted("SELECT Name FROM singer WHERE TRUE AND Age IS NOT NULL AND CURRENT_DATE > '2000-01-01'");
        accepted("SELECT strftime('%Y', 'now') - Age, rowid FROM singer");
        SchemaSnapshot snowflake = concerts(Dialect.SNOWFLAKE, null);
        assertThat(guard.check(
                                "SELECT EXTRACT(YEAR FROM CURRENT_DATE) - CAST(Age AS INT), DATEADD(day, -30,"
                                        + " CURRENT_DATE), DATE_TRUNC('MONTH', CURRENT_DATE) FROM singer WHERE NULL IS"
                                        + " NULL",
                                Dialect.SNOWFLAKE,
                                snowflake)
                        .rejections())
                .isEmpty();
        assertThat(guard.check("SELECT Agee FROM singer", Dialect.SNOWFLAKE, snowflake)
                        .rejections())
                .extracting(Rejection::message)
                .containsExactly("unknown column Agee; did you mean Age?");
    }

    @Test
    void readsAnUnresolvedDoubleQuotedNameAsAStringInSqliteAndMysql() {
        GuardVerdict v = check("SELECT Name FROM singer WHERE Country = \"France\"");
        assertThat(v.accepted()).isTrue();
        assertThat(v.warnings()).singleElement().asString().contains("\"France\"");
        assertThat(guard.check(
                                "SELECT Name FROM singer WHERE Country = \"France\"",
                                Dialect.MYSQL,
                                concerts(Dialect.MYSQL, null))
                        .accepted())
                .isTrue();
        assertThat(guard.check(
                                "SELECT Name FROM singer WHERE Country = \"France\"",
                                Dialect.POSTGRESQL,
                                concerts(Dialect.POSTGRESQL, "public"))
                        .rejections())
                .extracting(Rejection::code)
                .containsExactly(RejectionCode.UNKNOWN_COLUMN);
    }

    @Test
    void mysqlReadsDualAsTheOneRowTableWithNoColumnsOnlyWhereItIsOne() {
        SchemaSnapshot mysql = concerts(Dialect.MYSQL, "concerts");
        String ratio = "SELECT (SELECT COUNT(*) FROM concerts.singer WHERE Country = 'France')"
                + " / (SELECT COUNT(*) FROM singer) AS ratio FROM dual";
        assertThat(guard.check(ratio, Dialect.MYSQL, mysql).rejections()).isEmpty();
        assertThat(guard.check("SELECT 1 AS one FROM DUAL", Dialect.MYSQL, mysql)
                        .accepted())
                .isTrue();
        // DUAL has no columns, a back-quoted `dual` is an ordinary (here unknown) table, and only MySQL has it.
        assertThat(guard.check("SELECT dual.x FROM dual", Dialect.MYSQL, mysql).rejections())
                .extracting(Rejection::code)
                .containsExactly(RejectionCode.UNKNOWN_COLUMN);
        assertThat(guard.check("SELECT 1 AS one FROM `dual`", Dialect.MYSQL, mysql)
                        .rejections())
                .extracting(Rejection::code)
                .containsExactly(RejectionCode.UNKNOWN_TABLE);
        assertThat(guard.check("SELECT 1 AS one FROM concerts.dual", Dialect.MYSQL, mysql)
                        .rejections())
                .extracting(Rejection::code)
                .containsExactly(RejectionCode.UNKNOWN_TABLE);
        assertThat(guard.check("SELECT 1 AS one FROM dual", Dialect.POSTGRESQL, concerts(Dialect.POSTGRESQL, "public"))
                        .rejections())
                .extracting(Rejection::code)
                .containsExactly(RejectionCode.UNKNOWN_TABLE);
    }

    @Test
    void matchesSchemaQualifiedTables() {
        SchemaSnapshot pg = concerts(Dialect.POSTGRESQL, "public");
        assertThat(guard.check("SELECT s.Name FROM public.singer s", Dialect.POSTGRESQL, pg)
                        .accepted())
                .isTrue();
        assertThat(guard.check("SELECT Name FROM other.singer", Dialect.POSTGRESQL, pg)
                        .rejections())
                .extracting(Rejection::code)
                .containsExactly(RejectionCode.UNKNOWN_TABLE);
        assertThat(guard.check("SELECT Name FROM main.singer", Dialect.SQLITE, sqlite)
                        .accepted())
                .isTrue();
    }

    @Test
    void acceptsStarsAndTableFunctions() {
        accepted("SELECT s.*, c.* FROM singer s, concert c");
        assertThat(guard.check(
                                "SELECT g, s.Name FROM singer s, generate_series(1, 3) AS g",
                                Dialect.POSTGRESQL,
                                concerts(Dialect.POSTGRESQL, "public"))
                        .accepted())
                .isTrue();
    }

    @Test
    void requireMapsSchemaMismatchesParseErrorsAndOtherRefusals() {
        assertThatThrownBy(() -> guard.require("SELECT nmae FROM singer", Dialect.SQLITE, sqlite))
                .isInstanceOfSatisfying(QuerentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_SCHEMA_MISMATCH);
                    assertThat(e.details()).containsEntry("reasons", List.of("UNKNOWN_COLUMN"));
                });
        assertThatThrownBy(() -> guard.require("SELECT FROM WHERE", Dialect.SQLITE, sqlite))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR));
        assertThatThrownBy(() -> guard.require("DELETE FROM singer", Dialect.SQLITE, sqlite))
                .isInstanceOfSatisfying(QuerentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_REJECTED);
                    assertThat(e.details()).containsEntry("reasons", List.of("NOT_A_QUERY"));
                });
        assertThat(guard.require("SELECT Name FROM singer", Dialect.SQLITE, sqlite)
                        .sql())
                .isEqualTo("SELECT Name FROM singer LIMIT 1000");
    }
}
