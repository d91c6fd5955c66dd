package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.Rejection;
import dev.querent.core.sql.RejectionCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Checks that every table and column a query names exists in a {@link SchemaSnapshot}, resolving
 * names the way SQL scopes them: aliases, CTEs, derived tables, correlated subqueries, select-list
 * aliases in ORDER BY / GROUP BY / HAVING. Where a name's meaning cannot be known without the engine
 * (an unnamed expression's output column, a table function's columns) it is accepted: a false
 * rejection costs a correct answer, a missed one only a later engine error.
 */
public final class SchemaResolver {
    public record Result(List<Rejection> rejections, List<String> warnings) {}

    /**
     * Output columns of a query or FROM item, by case-folded name, each with its spelling for
     * messages; {@code open} when any name may be valid.
     */
    private record Columns(Map<String, String> names, boolean open) {
        static final Columns OPEN = new Columns(Map.of(), true);

        static Columns of(Collection<String> spellings) {
            Map<String, String> names = new LinkedHashMap<>();
            spellings.forEach(n -> names.putIfAbsent(Names.key(n), Names.unquote(n)));
            return new Columns(names, false);
        }

        boolean has(String key) {
            return open || names.containsKey(key);
        }
    }

    /**
     * A FROM item in scope.
     *
     * @param name the alias, else the table's name (lower case); null for a nameless derived table
     * @param schema the table's schema qualifier as written (lower case), when it is not aliased
     * @param label how messages name it
     */
    private record Source(String name, String schema, String label, Columns columns) {
        boolean matches(Table qualifier) {
            String q = Names.key(qualifier.getName());
            String qs = Names.key(qualifier.getSchemaName());
            return q.equals(name) && (qs == null || schema == null || qs.equals(schema));
        }
    }

    private static final class Scope {
        final Scope parent;
        final Map<String, Columns> ctes = new HashMap<>();
        final List<Source> sources = new ArrayList<>();
        final Map<String, String> selectAliases = new LinkedHashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Optional<Columns> cte(String key) {
            for (Scope s = this; s != null; s = s.parent) {
                Columns c = s.ctes.get(key);
                if (c != null) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** Words that parse as column names but are keywords: date parts, interval units, niladic functions. */
    private static final Set<String> KEYWORDS = Set.of(
            """
            year quarter month week day hour minute second millisecond microsecond nanosecond
            milliseconds microseconds dayofweek dayofyear dayofmonth weekday weekofyear isoweek
            isoyear isodow dow doy epoch decade century millennium julian timezone timezone_hour
            timezone_minute year_month day_hour day_minute day_second hour_minute hour_second
            minute_second day_microsecond hour_microsecond minute_microsecond second_microsecond
            date time datetime timestamp yy yyyy mm dd hh mi ss true false null unknown
            current_date current_time current_timestamp localtime localtimestamp current_user
            session_user user current_role current_schema current_catalog sysdate systimestamp
            """
                    .strip()
                    .split("\\s+"));

    private final SchemaSnapshot schema;
    private final Dialect dialect;
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<TableInfo, Columns> tableColumns = new IdentityHashMap<>();

    private SchemaResolver(SchemaSnapshot schema, Dialect dialect) {
        this.schema = schema;
        this.dialect = dialect;
    }

    public static Result check(Statement statement, SchemaSnapshot schema, Dialect dialect) {
        SchemaResolver r = new SchemaResolver(schema, dialect);
        if (statement instanceof Select select) {
            r.query(select, null);
        }
        return new Result(List.copyOf(new LinkedHashSet<>(r.rejections)), List.copyOf(new LinkedHashSet<>(r.warnings)));
    }

    private Columns query(Select select, Scope outer) {
        Scope scope = outer;
        if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
            scope = new Scope(outer);
            for (WithItem<?> w : select.getWithItemsList()) {
                withItem(w, scope);
            }
        }
        return switch (select) {
            case PlainSelect ps -> plainSelect(ps, scope);
            case SetOperationList so -> setOperation(so, scope);
            case ParenthesedSelect ps -> {
                Columns inner = ps.getSelect() == null ? Columns.OPEN : query(ps.getSelect(), scope);
                orderByOverOutput(ps.getOrderByElements(), inner, scope);
                yield inner;
            }
            case Values v -> {
                children(v, scope);
                yield Columns.OPEN;
            }
            default -> Columns.OPEN;
        };
    }

    private void withItem(WithItem<?> w, Scope scope) {
        String name = Names.key(w.getAliasName());
        Columns declared = null;
        if (w.getWithItemList() != null && !w.getWithItemList().isEmpty()) {
            declared = Columns.of(w.getWithItemList().stream()
                    .map(item -> String.valueOf(item.getExpression()))
                    .toList());
        }
        // Visible to its own body for WITH RECURSIVE; its columns are not known yet there.
        scope.ctes.put(name, declared != null ? declared : Columns.OPEN);
        Columns body = w.getSelect() == null ? Columns.OPEN : query(w.getSelect(), scope);
        scope.ctes.put(name, declared != null ? declared : body);
    }

    private Columns setOperation(SetOperationList so, Scope scope) {
        Columns first = null;
        for (Select s : so.getSelects()) {
            Columns c = query(s, scope);
            if (first == null) {
                first = c;
            }
        }
        Columns output = first == null ? Columns.OPEN : first;
        orderByOverOutput(so.getOrderByElements(), output, scope);
        return output;
    }

    /** ORDER BY after a set operation or parenthesised query sees only its output columns. */
    private void orderByOverOutput(List<OrderByElement> orderBy, Columns output, Scope scope) {
        if (orderBy == null || orderBy.isEmpty()) {
            return;
        }
        Scope outputScope = new Scope(scope);
        outputScope.sources.add(new Source(null, null, "the query's output", output));
        for (OrderByElement e : orderBy) {
            expression(e, outputScope);
        }
    }

    private Columns plainSelect(PlainSelect ps, Scope parent) {
        Scope scope = new Scope(parent);
        Set<Object> sourceNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        if (ps.getFromItem() != null) {
            fromItem(ps.getFromItem(), scope, sourceNodes);
        }
        if (ps.getJoins() != null) {
            for (Join j : ps.getJoins()) {
                fromItem(j.getFromItem(), scope, sourceNodes);
            }
        }
        if (ps.getSelectItems() != null) {
            for (SelectItem<?> item : ps.getSelectItems()) {
                if (item.getAlias() != null) {
                    String alias = item.getAlias().getName();
                    scope.selectAliases.put(Names.key(alias), Names.unquote(alias));
                }
            }
        }
        AstWalker.walk(ps, node -> node == ps || enterExpression(node, scope, sourceNodes));
        return outputColumns(ps, scope);
    }

    private void fromItem(FromItem item, Scope scope, Set<Object> sourceNodes) {
        Alias alias = item.getAlias();
        String aliasKey = alias == null ? null : Names.key(alias.getName());
        Columns aliasColumns = aliasColumns(alias);
        switch (item) {
            case Table t -> {
                sourceNodes.add(t);
                table(t, aliasKey, aliasColumns, scope);
            }
            case LateralSubSelect l -> {
                sourceNodes.add(l);
                Columns c = query(l, scope);
                scope.sources.add(new Source(aliasKey, null, label(alias, "LATERAL subquery"), or(aliasColumns, c)));
            }
            case ParenthesedSelect p -> {
                sourceNodes.add(p);
                Columns c = query(p, scope.parent);
                scope.sources.add(new Source(aliasKey, null, label(alias, "subquery"), or(aliasColumns, c)));
            }
            case TableFunction f -> {
                sourceNodes.add(f);
                // Function arguments in FROM may refer to the items before them (implicitly lateral).
                children(f, scope);
                String name =
                        aliasKey != null ? aliasKey : Names.key(f.getFunction().getName());
                scope.sources.add(
                        new Source(name, null, label(alias, "table function"), or(aliasColumns, Columns.OPEN)));
            }
            case ParenthesedFromItem p -> {
                fromItem(p.getFromItem(), scope, sourceNodes);
                if (p.getJoins() != null) {
                    for (Join j : p.getJoins()) {
                        fromItem(j.getFromItem(), scope, sourceNodes);
                    }
                }
            }
            default -> {
                sourceNodes.add(item);
                scope.sources.add(new Source(aliasKey, null, label(alias, "FROM item"), Columns.OPEN));
            }
        }
    }

    private void table(Table t, String aliasKey, Columns aliasColumns, Scope scope) {
        String nameKey = Names.key(t.getName());
        String schemaKey = Names.key(t.getSchemaName());
        String name = aliasKey != null ? aliasKey : nameKey;
        boolean reshaped = t.getPivot() != null || t.getUnPivot() != null;
        if (schemaKey == null) {
            Optional<Columns> cte = scope.cte(nameKey);
            if (cte.isPresent()) {
                Columns c = reshaped ? Columns.OPEN : or(aliasColumns, cte.get());
                scope.sources.add(new Source(name, null, "CTE " + Names.unquote(t.getName()), c));
                return;
            }
        }
        Optional<TableInfo> info = lookup(Names.unquote(t.getSchemaName()), Names.unquote(t.getName()));
        String written = SafetyCheck.qualifiedName(t);
        if (info.isEmpty()
                && schemaKey == null
                && Names.unquote(t.getName()).equals(t.getName())
                && dialect.sql().dummyTables().contains(nameKey)) {
            // MySQL's DUAL: one row and no columns, in no catalog.
            scope.sources.add(new Source(name, null, "table " + Names.unquote(t.getName()), Columns.of(List.of())));
            return;
        }
        if (info.isEmpty()) {
            List<String> known = schema.tables().stream().map(TableInfo::name).toList();
            rejections.add(new Rejection(
                    RejectionCode.UNKNOWN_TABLE,
                    "unknown table " + written + Suggestions.hint(Names.unquote(t.getName()), known)));
            scope.sources.add(new Source(name, aliasKey == null ? schemaKey : null, written, Columns.OPEN));
            return;
        }
        Columns c = reshaped ? Columns.OPEN : or(aliasColumns, columnsOf(info.get()));
        scope.sources.add(new Source(
                name, aliasKey == null ? schemaKey : null, "table " + info.get().name(), c));
    }

    private Optional<TableInfo> lookup(String schemaName, String name) {
        Optional<TableInfo> t = schema.table(schemaName, name);
        if (t.isEmpty() && schemaName != null) {
            // A qualifier naming the default schema (or any, when the snapshot records none) is redundant.
            boolean schemaless = schema.tables().stream().allMatch(ti -> ti.schema() == null);
            if (schemaless || schemaName.equalsIgnoreCase(schema.defaultSchema())) {
                t = schema.table(null, name);
            }
        }
        return t;
    }

    private Columns columnsOf(TableInfo table) {
        return tableColumns.computeIfAbsent(
                table,
                t -> Columns.of(t.columns().stream().map(ColumnInfo::name).toList()));
    }

    /** The expression visitor: resolves columns, and queries nested in expressions in their own scope. */
    private boolean enterExpression(Object node, Scope scope, Set<Object> sourceNodes) {
        if (sourceNodes.contains(node) || node instanceof WithItem<?> || node instanceof Table) {
            return false;
        }
        switch (node) {
            case Select sub -> {
                query(sub, scope);
                return false;
            }
            case Column c -> {
                column(c, scope);
                return true;
            }
            case AllTableColumns a -> {
                qualifier(a.getTable(), scope);
                return false;
            }
            case LambdaExpression l -> {
                Scope lambda = new Scope(scope);
                lambda.sources.add(new Source(null, null, "lambda", Columns.of(l.getIdentifiers())));
                expression(l.getExpression(), lambda);
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** Resolves {@code root} and everything in it. */
    private void expression(Object root, Scope scope) {
        if (root != null) {
            AstWalker.walk(root, node -> enterExpression(node, scope, Set.of()));
        }
    }

    /** Resolves what is inside {@code root} (a query or FROM item handled by the caller). */
    private void children(Object root, Scope scope) {
        AstWalker.walkChildren(root, node -> enterExpression(node, scope, Set.of()));
    }

    private void column(Column c, Scope scope) {
        String written = c.getColumnName();
        String key = Names.key(written);
        Table qualifier = c.getTable();
        if (qualifier != null && qualifier.getName() != null) {
            qualifiedColumn(c, key, qualifier, scope);
            return;
        }
        for (Scope s = scope; s != null; s = s.parent) {
            for (Source src : s.sources) {
                if (src.columns().has(key)) {
                    return;
                }
            }
            if (s == scope && s.selectAliases.containsKey(key)) {
                return;
            }
        }
        if (KEYWORDS.contains(key) && !Names.isDoubleQuoted(written)
                || dialect.sql().pseudoColumns().contains(key)) {
            return;
        }
        if (Names.isDoubleQuoted(written) && dialect.sql().readsUnknownDoubleQuotedNameAsString()) {
            warnings.add(written + " is not a column, so " + dialect.displayName() + " reads it as the string '"
                    + Names.unquote(written) + "'");
            return;
        }
        rejections.add(new Rejection(
                RejectionCode.UNKNOWN_COLUMN,
                "unknown column " + Names.unquote(written) + Suggestions.hint(Names.unquote(written), known(scope))));
    }

    private void qualifiedColumn(Column c, String key, Table qualifier, Scope scope) {
        Optional<Source> source = qualifier(qualifier, scope);
        if (source.isEmpty() || source.get().columns().has(key)) {
            return;
        }
        Source s = source.get();
        rejections.add(new Rejection(
                RejectionCode.UNKNOWN_COLUMN,
                "unknown column " + SafetyCheck.qualifiedName(qualifier) + "." + Names.unquote(c.getColumnName())
                        + " (" + s.label() + " has no such column)"
                        + Suggestions.hint(
                                Names.unquote(c.getColumnName()),
                                s.columns().names().values())));
    }

    /** The source a qualifier names, innermost scope first; reports the qualifier when none does. */
    private Optional<Source> qualifier(Table qualifier, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            for (Source src : s.sources) {
                if (src.name() != null && src.matches(qualifier)) {
                    return Optional.of(src);
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Scope s = scope; s != null; s = s.parent) {
            s.sources.stream().map(Source::name).filter(n -> n != null).forEach(names::add);
        }
        String written = SafetyCheck.qualifiedName(qualifier);
        rejections.add(new Rejection(
                RejectionCode.UNKNOWN_COLUMN,
                "unknown table or alias " + written + " in a column reference"
                        + Suggestions.hint(Names.unquote(qualifier.getName()), names)));
        return Optional.empty();
    }

    private List<String> known(Scope scope) {
        List<String> names = new ArrayList<>();
        for (Scope s = scope; s != null; s = s.parent) {
            s.sources.forEach(src -> names.addAll(src.columns().names().values()));
            names.addAll(s.selectAliases.values());
        }
        return names;
    }

    private Columns outputColumns(PlainSelect ps, Scope scope) {
        if (ps.getSelectItems() == null) {
            return Columns.OPEN;
        }
        List<String> names = new ArrayList<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (item.getAlias() != null) {
                names.add(item.getAlias().getName());
            } else if (item.getExpression() instanceof Column c) {
                names.add(c.getColumnName());
            } else if (item.getExpression() instanceof AllTableColumns a) {
                Optional<Source> s = scope.sources.stream()
                        .filter(src -> src.name() != null && src.matches(a.getTable()))
                        .findFirst();
                if (s.isEmpty() || s.get().columns().open()) {
                    return Columns.OPEN;
                }
                names.addAll(s.get().columns().names().values());
            } else if (item.getExpression() instanceof AllColumns) {
                if (scope.sources.isEmpty()
                        || scope.sources.stream().anyMatch(src -> src.columns().open())) {
                    return Columns.OPEN;
                }
                scope.sources.forEach(src -> names.addAll(src.columns().names().values()));
            } else {
                // An unnamed expression's column name is engine-specific (PostgreSQL: "count", SQLite: "count(*)").
                return Columns.OPEN;
            }
        }
        return Columns.of(names);
    }

    private static Columns aliasColumns(Alias alias) {
        if (alias == null
                || alias.getAliasColumns() == null
                || alias.getAliasColumns().isEmpty()) {
            return null;
        }
        return Columns.of(alias.getAliasColumns().stream().map(c -> c.name).toList());
    }

    private static Columns or(Columns preferred, Columns fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static String label(Alias alias, String what) {
        return alias == null ? what : what + " " + Names.unquote(alias.getName());
    }
}
