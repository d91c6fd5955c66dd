package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;

/**
 * A row-filter predicate of a data scope, parsed once: SQL over one table's own columns with named
 * parameters {@code :user.<attribute>}.
 *
 * <p>Binding never pastes an attribute into SQL text that is then trusted: the parsed predicate is
 * rendered with each parameter replaced by a literal from {@link SqlLiterals}, the result is parsed
 * again and must render back to exactly the same text with no parameter left. A value that broke out
 * of its literal would change the parsed structure and fail that check.
 */
public final class FilterTemplate {
    private static final Pattern PARAMETER = Pattern.compile("user\\.([A-Za-z_][A-Za-z0-9_]*)");

    /** Words that parse as columns but are niladic functions or literals. */
    private static final Set<String> NILADIC = Set.of(
            "current_date",
            "current_time",
            "current_timestamp",
            "localtime",
            "localtimestamp",
            "current_user",
            "session_user",
            "true",
            "false",
            "null");

    private final String sql;
    private final Expression expression;
    private final Set<String> columns;
    private final Set<String> attributes;

    private FilterTemplate(String sql, Expression expression, Set<String> columns, Set<String> attributes) {
        this.sql = sql;
        this.expression = expression;
        this.columns = columns;
        this.attributes = attributes;
    }

    /**
     * Parses and checks a predicate.
     *
     * @throws IllegalArgumentException when it does not parse, holds a subquery, a positional or
     *     foreign parameter, or a qualified column
     */
    public static FilterTemplate compile(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("a row filter must not be empty");
        }
        Expression parsed;
        try {
            parsed = CCJSqlParserUtil.parseCondExpression(sql, false);
        } catch (JSQLParserException e) {
            throw new IllegalArgumentException("the row filter does not parse: " + sql, e);
        }
        Set<String> columns = new LinkedHashSet<>();
        Set<String> attributes = new LinkedHashSet<>();
        Set<Object> qualifiers = Collections.newSetFromMap(new IdentityHashMap<>());
        AstWalker.walk(parsed, node -> {
            switch (node) {
                case Select s -> throw new IllegalArgumentException("a row filter may not contain a subquery: " + sql);
                case JdbcParameter p ->
                    throw new IllegalArgumentException("a row filter takes only :user.<attribute> parameters: " + sql);
                case JdbcNamedParameter p -> {
                    var m = PARAMETER.matcher(p.getName());
                    if (!m.matches()) {
                        throw new IllegalArgumentException(
                                "a row filter takes only :user.<attribute> parameters, not :" + p.getName());
                    }
                    attributes.add(m.group(1));
                }
                case AllColumns a -> throw new IllegalArgumentException("a row filter may not use *: " + sql);
                case Column c -> {
                    if (c.getTable() != null && c.getTable().getName() != null) {
                        throw new IllegalArgumentException(
                                "write the row filter's columns unqualified (" + c + "): " + sql);
                    }
                    qualifiers.add(c.getTable());
                    String key = Names.key(c.getColumnName());
                    if (!NILADIC.contains(key)) {
                        columns.add(key);
                    }
                }
                case Table t
                when !qualifiers.contains(t) ->
                    throw new IllegalArgumentException("a row filter may not read a table: " + sql);
                default -> {}
            }
            return true;
        });
        return new FilterTemplate(sql, parsed, Set.copyOf(columns), Collections.unmodifiableSet(attributes));
    }

    public String sql() {
        return sql;
    }

    /** The columns the predicate names, case-folded. */
    public Set<String> columns() {
        return columns;
    }

    /** The user attributes it needs, in order of appearance. */
    public Set<String> attributes() {
        return attributes;
    }

    /**
     * The predicate with every parameter replaced by its value's literal in {@code dialect} (parsed
     * back as that engine reads it); empty when an attribute
     * is missing or the bound text does not parse back to itself. A collection value becomes a list
     * of literals (meant for {@code IN (:user.x)}).
     */
    public Optional<String> bind(Map<String, ?> values, Dialect dialect) {
        for (String a : attributes) {
            if (values.get(a) == null) {
                return Optional.empty();
            }
        }
        ExpressionDeParser binder = new ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(JdbcNamedParameter parameter, S context) {
                var m = PARAMETER.matcher(parameter.getName());
                if (!m.matches()) {
                    throw new IllegalStateException("unchecked parameter " + parameter.getName());
                }
                Object value = values.get(m.group(1));
                getBuilder()
                        .append(
                                value instanceof Collection<?> c
                                        ? SqlLiterals.list(c, dialect)
                                        : SqlLiterals.literal(value, dialect));
                return getBuilder();
            }
        };
        expression.accept(binder, null);
        String bound = binder.getBuilder().toString();
        Expression reparsed;
        try {
            reparsed = CCJSqlParserUtil.parseCondExpression(bound, false, dialect.sql()::configureParser);
        } catch (JSQLParserException | TokenMgrException e) {
            // The lexer throws an Error, not an exception, on text it cannot tokenize.
            return Optional.empty();
        }
        boolean[] parameterLeft = {false};
        AstWalker.walk(reparsed, node -> {
            if (node instanceof JdbcNamedParameter || node instanceof JdbcParameter || node instanceof Select) {
                parameterLeft[0] = true;
            }
            return true;
        });
        ExpressionDeParser plain = new ExpressionDeParser();
        reparsed.accept(plain, null);
        if (parameterLeft[0] || !plain.getBuilder().toString().equals(bound)) {
            return Optional.empty();
        }
        return Optional.of(bound);
    }

    @Override
    public String toString() {
        return sql;
    }
}
