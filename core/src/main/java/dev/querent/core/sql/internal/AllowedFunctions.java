package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions a generated query may call, per dialect: ordinary built-ins only.
 *
 * <p>A deny list cannot keep up with what engines can do (PostgreSQL's {@code ts_stat} runs SQL
 * given as a string literal), so every call must name a function on its dialect's list. The lists
 * are data, one file per dialect under {@code functions/} next to this class; its README says how
 * they were drawn up. {@link DangerousNames} is still checked first and wins.
 */
public final class AllowedFunctions {
    /**
     * Names JSqlParser represents as a call although they are syntax: {@code ARRAY(SELECT ...)},
     * {@code ROW(1, 2)}, {@code x = ANY(...)}, {@code ROLLUP(a)}, Snowflake's {@code TABLE(f(...))}
     * wrapper (whose inner call is checked on its own) and DuckDB's {@code COLUMNS(*)}.
     */
    private static final Set<String> SYNTAX =
            Set.of("array", "row", "any", "some", "all", "rollup", "cube", "table", "columns");

    /**
     * Keywords and type names a parenthesis may follow without a call ({@code IN (}, {@code OVER (},
     * {@code CAST(}, {@code DECIMAL(10, 2)}, {@code GROUPING SETS (}). The token scan checks these
     * against the deny list only; none of them runs anything.
     */
    private static final Set<String> KEYWORDS_BEFORE_PARENTHESIS = Set.of(
            // clauses and operators
            "select",
            "from",
            "where",
            "and",
            "or",
            "not",
            "in",
            "exists",
            "as",
            "on",
            "using",
            "join",
            "over",
            "filter",
            "within",
            "group",
            "by",
            "order",
            "having",
            "when",
            "then",
            "else",
            "case",
            "between",
            "like",
            "ilike",
            "rlike",
            "regexp",
            "glob",
            "is",
            "values",
            "union",
            "except",
            "intersect",
            "minus",
            "all",
            "any",
            "some",
            "distinct",
            "with",
            "recursive",
            "lateral",
            "rows",
            "range",
            "groups",
            "partition",
            "window",
            "limit",
            "offset",
            "fetch",
            "top",
            "qualify",
            "unnest",
            "tablesample",
            "sample",
            "bernoulli",
            "system",
            "repeatable",
            "pivot",
            "unpivot",
            "for",
            "at",
            "before",
            "changes",
            "index",
            "key",
            "force",
            "ignore",
            "use",
            "escape",
            "collate",
            "return",
            "returning",
            "only",
            "sets",
            "rollup",
            "cube",
            "grouping",
            "array",
            "row",
            "struct",
            "map",
            "table",
            "columns",
            "match",
            "against",
            "member",
            "of",
            "similar",
            "to",
            "overlaps",
            "interval",
            "null",
            "default",
            "if",
            "elseif",
            "end",
            "do",
            "list",
            // special forms with their own syntax
            "cast",
            "try_cast",
            "safe_cast",
            "extract",
            "convert",
            "trim",
            "substring",
            "position",
            "overlay",
            "json_object",
            "json_array",
            "json_arrayagg",
            "json_objectagg",
            // type names that take arguments
            "char",
            "character",
            "varchar",
            "nchar",
            "nvarchar",
            "varchar2",
            "nvarchar2",
            "text",
            "string",
            "decimal",
            "dec",
            "numeric",
            "number",
            "float",
            "double",
            "real",
            "precision",
            "int",
            "integer",
            "bigint",
            "smallint",
            "tinyint",
            "mediumint",
            "bit",
            "varbit",
            "binary",
            "varbinary",
            "bytes",
            "blob",
            "time",
            "timestamp",
            "datetime",
            "timestamptz",
            "timetz",
            "date",
            "year",
            "signed",
            "unsigned",
            "enum",
            "set",
            "geography",
            "geometry",
            "bignumeric",
            "bigdecimal",
            "vector",
            "varying",
            "zone");

    private static final Map<Dialect, Set<String>> LISTS = load();

    private AllowedFunctions() {}

    /** The names allowed for {@code dialect}, lower case, namespaced ones with their dots. */
    public static Set<String> of(Dialect dialect) {
        return LISTS.get(dialect);
    }

    /** Whether a parenthesis after {@code word} (lower case) may start something other than a call. */
    public static boolean isKeywordBeforeParenthesis(String word) {
        return KEYWORDS_BEFORE_PARENTHESIS.contains(word);
    }

    /**
     * Why calling the function named by {@code parts} (as written: quoted or not, qualified or not)
     * is refused in {@code dialect}, or empty when it is an allowed built-in.
     */
    public static Optional<String> refusal(List<String> parts, Dialect dialect) {
        String written = String.join(".", parts);
        List<String> names = parts.stream().map(Names::unquote).toList();
        String last = names.getLast().toLowerCase(Locale.ROOT);
        if (parts.size() == 1 && SYNTAX.contains(last)) {
            return Optional.empty();
        }
        String wrongCase = wrongCase(parts.getLast(), dialect);
        if (wrongCase != null) {
            return Optional.of(wrongCase);
        }
        String key;
        switch (dialect) {
            case POSTGRESQL -> {
                if (names.size() == 2 && names.getFirst().equals("pg_catalog")) {
                    key = last;
                } else if (names.size() > 1) {
                    return Optional.of("only built-in functions are allowed, unqualified or in pg_catalog; " + written
                            + " is qualified with another schema");
                } else {
                    key = last;
                }
            }
            // DuckDB reads x.f() as f(x), so the qualifier is usually a column; the name decides.
            case DUCKDB -> key = last;
            case BIGQUERY -> {
                String joined = String.join(".", names).toLowerCase(Locale.ROOT);
                key = joined.startsWith("safe.") ? joined.substring("safe.".length()) : joined;
            }
            default -> {
                if (names.size() > 1) {
                    return Optional.of("only built-in functions are allowed; " + written
                            + " is qualified, which names a user-defined routine");
                }
                key = last;
            }
        }
        if (LISTS.get(dialect).contains(key)) {
            return Optional.empty();
        }
        return Optional.of(names.getLast() + " is not one of the " + dialect.displayName()
                + " built-in functions Querent allows (aggregates, window, string, math, date/time, conversion,"
                + " conditional, JSON, array and regular-expression functions)");
    }

    /**
     * PostgreSQL folds unquoted names to lower case and Snowflake to upper case; a quoted name in
     * another case names some other, user-defined function.
     */
    private static String wrongCase(String written, Dialect dialect) {
        if (!Names.isDoubleQuoted(written)) {
            return null;
        }
        String name = Names.unquote(written);
        boolean folded =
                switch (dialect.sql().unquotedCase()) {
                    case LOWER -> name.equals(name.toLowerCase(Locale.ROOT));
                    case UPPER -> name.equals(name.toUpperCase(Locale.ROOT));
                    case INSENSITIVE -> true;
                };
        return folded
                ? null
                : "the quoted name " + written + " differs in case from every built-in, so it names a user-defined"
                        + " function";
    }

    private static Map<Dialect, Set<String>> load() {
        Map<Dialect, Set<String>> lists = new EnumMap<>(Dialect.class);
        for (Dialect d : Dialect.values()) {
            String file = "functions/" + d.name().toLowerCase(Locale.ROOT) + ".txt";
            try (InputStream in = AllowedFunctions.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing function allow-list " + file);
                }
                Set<String> names = new LinkedHashSet<>();
                new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(l -> l.replaceFirst("#.*", "").strip())
                        .filter(l -> !l.isEmpty())
                        .map(l -> l.toLowerCase(Locale.ROOT))
                        .forEach(names::add);
                lists.put(d, Set.copyOf(names));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(lists);
    }
}
