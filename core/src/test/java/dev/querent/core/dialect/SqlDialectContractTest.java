package dev.querent.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.Dialect;
import dev.querent.core.sql.internal.SqlParsing;
import dev.querent.core.sql.internal.SqlScanner;
import dev.querent.core.sql.internal.SqlScanner.Kind;
import dev.querent.core.sql.internal.SqlScanner.Scan;
import dev.querent.core.sql.internal.SqlScanner.Token;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every dialect must satisfy, checked by reading what it writes back as the guard reads it (its
 * lexer, then JSqlParser set up by the same dialect): a quoted name stays one name whatever it
 * contains, a value stays one literal, and every expression and clause it renders parses.
 */
class SqlDialectContractTest {
    /** Names that end a naively quoted identifier early and smuggle in SQL. */
    private static final List<String> HOSTILE_NAMES = List.of(
            "a\"b", "x\" OR 1=1 --", "a`b", "x` OR 1=1 --", "a\\", "a\\\" OR \"1\"=\"1", "\"", "`", "two words");

    private static final List<String> HOSTILE_VALUES =
            List.of("it's", "x' OR '1'='1", "x\\' OR 1=1 --", "\\", "a\\'b", "--", "\"");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aQuotedNameIsOneColumnWhateverItContains(Dialect d) throws JSQLParserException {
        SqlDialect sql = d.sql();
        for (String name : HOSTILE_NAMES) {
            String quoted;
            try {
                quoted = sql.quoteIdentifier(name);
            } catch (IllegalArgumentException refused) {
                continue; // a name the engine cannot have may be refused, never written unsafely
            }
            String query = "SELECT " + quoted + " FROM t";
            Scan scan = SqlScanner.scan(query, d);
            assertThat(scan.problems()).as("%s: %s", d, query).isEmpty();
            assertThat(scan.code())
                    .as("%s: %s", d, query)
                    .extracting(scan::text)
                    .containsExactly("SELECT", quoted, "FROM", "t");
            assertThat(scan.code().get(1).kind()).isEqualTo(Kind.QUOTED_IDENTIFIER);
            Expression item = onlySelectItem(d, query);
            assertThat(item).as("%s reads %s", d, quoted).isInstanceOf(Column.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyAcceptedQuotingEscapesItsOwnMark(Dialect d) {
        SqlDialect sql = d.sql();
        assertThat(sql.acceptedIdentifierQuotes()).contains(sql.identifierQuote());
        for (IdentifierQuote q : IdentifierQuote.values()) {
            String name = "a" + q.mark() + "b";
            if (sql.acceptedIdentifierQuotes().contains(q)) {
                String quoted;
                try {
                    quoted = sql.quoteIdentifier(name, q);
                } catch (IllegalArgumentException refused) {
                    continue;
                }
                String inner = quoted.substring(1, quoted.length() - 1);
                // No lone mark inside: each one is escaped (doubled, or after a backslash).
                assertThat(inner.replace("" + q.mark() + q.mark(), "").replace("\\" + q.mark(), ""))
                        .as("%s %s", d, quoted)
                        .doesNotContain(String.valueOf(q.mark()));
            } else {
                assertThatThrownBy(() -> sql.quoteIdentifier(name, q)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNameIsLeftBareOnlyWhenThatMeansTheSameName(Dialect d) {
        SqlDialect sql = d.sql();
        String folded =
                switch (sql.unquotedCase()) {
                    case UPPER -> "ORDER_TOTAL";
                    case LOWER, INSENSITIVE -> "order_total";
                };
        assertThat(sql.needsQuoting(folded)).as("%s", d).isFalse();
        assertThat(sql.identifier(folded)).isEqualTo(folded);
        for (String name : List.of("select", "ORDER", "Group", "from", "two words", "1st", "a-b", "ä", "")) {
            assertThat(sql.needsQuoting(name)).as("%s %s", d, name).isTrue();
            assertThat(sql.identifier(name)).isEqualTo(sql.quoteIdentifier(name));
        }
        if (sql.unquotedCase() != UnquotedCase.INSENSITIVE) {
            assertThat(sql.needsQuoting("OrderTotal")).as("%s folds case", d).isTrue();
        }
    }

    /** Judged by the guard's own lexer: JSqlParser reads backslashes the same way in every dialect. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aValueIsOneStringLiteralWhateverItContains(Dialect d) {
        for (String value : HOSTILE_VALUES) {
            String literal = d.sql().stringLiteral(value);
            String query = "SELECT a FROM t WHERE b = " + literal;
            Scan scan = SqlScanner.scan(query, d);
            assertThat(scan.problems()).as("%s: %s", d, query).isEmpty();
            Token last = scan.tokens().getLast();
            assertThat(last.kind()).as("%s: %s", d, query).isEqualTo(Kind.STRING);
            assertThat(scan.text(last)).isEqualTo(literal);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyRenderedExpressionAndClauseParses(Dialect d) throws JSQLParserException {
        SqlDialect sql = d.sql();
        for (DateGrain g : DateGrain.values()) {
            String trunc = sql.dateTrunc(g, "t.created_at");
            assertThat(trunc).as("%s %s", d, g).contains("t.created_at");
            parse(d, "SELECT " + trunc + " AS g FROM t GROUP BY " + trunc);
        }
        String dow = sql.isoDayOfWeek("t.created_at");
        assertThat(dow).as("%s", d).contains("t.created_at");
        parse(d, "SELECT " + dow + " AS dow FROM t WHERE " + dow + " IN (6, 7) GROUP BY " + dow);
        parse(d, "SELECT " + sql.currentDate() + " AS today FROM t");
        parse(d, "SELECT a FROM t WHERE " + sql.caseInsensitiveLike("a", sql.stringLiteral("%x%")));
        parse(d, "SELECT a FROM t WHERE b = " + sql.booleanLiteral(true) + " OR b = " + sql.booleanLiteral(false));
        parse(
                d,
                "SELECT a FROM t WHERE b >= " + sql.dateLiteral("2024-01-31", false) + " AND b < "
                        + sql.dateLiteral("2024-02-01 10:00:00", true));
        PlainSelect limited = (PlainSelect) parse(d, "SELECT a FROM t ORDER BY a " + sql.limit(7));
        assertThat(limited.getLimit()).as("%s", d).isNotNull();
        assertThat(limited.getLimit().getRowCount().toString()).isEqualTo("7");
        parse(d, "SELECT * FROM (SELECT a FROM t WHERE a > 1 " + sql.noOpRowClause() + ") AS s");
        assertThatThrownBy(() -> sql.limit(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void typeFamiliesAreReadTheSameWayEverywhere(Dialect d) {
        SqlDialect sql = d.sql();
        for (String t : List.of(
                "INTEGER",
                "int4",
                "BIGINT UNSIGNED",
                "DECIMAL(10,2)",
                "NUMBER(38,0)",
                "double precision",
                "REAL",
                "FLOAT64",
                "Int64",
                "HUGEINT",
                "money",
                "bigserial",
                "NUMERIC")) {
            assertThat(sql.typeFamily(t)).as("%s %s", d, t).isEqualTo(TypeFamily.NUMERIC);
        }
        for (String t : List.of("DATE", "TIMESTAMP WITH TIME ZONE", "datetime", "TIME", "TIMESTAMP_NTZ")) {
            assertThat(sql.typeFamily(t)).as("%s %s", d, t).isEqualTo(TypeFamily.TEMPORAL);
        }
        for (String t : List.of(
                "TEXT", "VARCHAR(20)", "character varying", "STRING", "CLOB", "enum('a','b')", "set('x','y')")) {
            assertThat(sql.typeFamily(t)).as("%s %s", d, t).isEqualTo(TypeFamily.TEXT);
        }
        assertThat(sql.typeFamily("BOOLEAN")).isEqualTo(TypeFamily.BOOLEAN);
        assertThat(sql.typeFamily("bool")).isEqualTo(TypeFamily.BOOLEAN);
        for (String t : List.of("INTERVAL", "interval day to second", "POINT", "BLOB", "JSON", "uuid")) {
            assertThat(sql.typeFamily(t)).as("%s %s", d, t).isEqualTo(TypeFamily.OTHER);
        }
        assertThat(sql.typeFamily(null)).isEqualTo(TypeFamily.UNKNOWN);
        assertThat(sql.typeFamily(" ")).isEqualTo(TypeFamily.UNKNOWN);
    }

    private static Expression onlySelectItem(Dialect d, String sql) throws JSQLParserException {
        PlainSelect select = (PlainSelect) parse(d, sql);
        assertThat(select.getSelectItems()).as("%s: %s", d, sql).hasSize(1);
        assertThat(select.getWhere()).isNull();
        return select.getSelectItems().getFirst().getExpression();
    }

    /** Parsed as the guard parses (including its work-arounds for JSqlParser's gaps). */
    static Statement parse(Dialect d, String sql) throws JSQLParserException {
        Statements statements = SqlParsing.parse(SqlScanner.scan(sql, d), d);
        assertThat(statements).as("%s: %s", d, sql).hasSize(1);
        return statements.getFirst();
    }
}
