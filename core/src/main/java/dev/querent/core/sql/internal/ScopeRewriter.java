package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.Rejection;
import dev.querent.core.sql.RejectionCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Enforces a data scope on a parsed query by replacing every read of a restricted table, wherever
 * it occurs (FROM, joins, derived tables, CTE bodies, set operations, LATERAL, subqueries in any
 * expression), with a derived table that reads only the rows and columns the scope allows:
 * {@code (SELECT <visible columns, masked ones as literals> FROM schema.t WHERE <filter> OFFSET 0) AS a}.
 *
 * <p>Why this is sound: the outer query keeps its shape but no longer names the restricted table
 * anywhere; every row it can see, aggregate, join, compare or group comes out of a wrapper, and a
 * masked column exists outside the wrapper only as the literal, so filtering, grouping or joining
 * on it reveals nothing. The wrapper's {@code OFFSET 0} (a row-limit clause for engines that need
 * one) keeps the planner from pushing the outer query's predicates below the row filter, where an
 * error raised on a row of another user (a failed cast, a division by zero) could reveal its values.
 *
 * <p>Names resolve the way SQL scopes them: an unqualified name is a CTE only where a CTE of that
 * name is certainly visible (earlier items of the same WITH, its own body under RECURSIVE, any item
 * from the main query and nested subqueries); everywhere else it is read as the table, which at
 * worst wraps a CTE reference (harmless), never the other way round. Anything not understood
 * (a table in an unexpected place, sampling or pivoting a restricted table) is refused.
 *
 * <p>After rendering, {@link #verify} parses the text again and checks that no restricted table is
 * read outside a wrapper, so a rendering slip cannot silently widen access.
 */
public final class ScopeRewriter {
    /** How a query may read one table. */
    public sealed interface Access {}

    /** Read as written. */
    public record Open() implements Access {}

    /** Not readable; {@code reason} is shown to the user. */
    public record Denied(String reason) implements Access {}

    /** Read only through {@code wrapperSql}, a single SELECT over that table. */
    public record Wrapped(String wrapperSql) implements Access {}

    /**
     * @param sql the rewritten statement; null when rejected
     * @param wrappers the texts of the wrappers used (each a PlainSelect rendering)
     */
    public record Result(List<Rejection> rejections, String sql, Set<String> wrappers) {}

    private record Ctes(Ctes parent, Set<String> names) {
        boolean visible(String key) {
            for (Ctes c = this; c != null; c = c.parent) {
                if (c.names.contains(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One query level: its visible CTEs and the unaliased wrapped tables whose schema qualifier must go. */
    private record Frame(Frame parent, Ctes ctes, Set<String> unqualified) {
        Frame child(Ctes ctes) {
            return new Frame(this, ctes, new HashSet<>());
        }

        boolean strips(String schemaKey, String nameKey) {
            for (Frame f = this; f != null; f = f.parent) {
                if (f.unqualified.contains(schemaKey + "." + nameKey)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Dialect dialect;
    private final SchemaSnapshot schema;
    private final Function<TableInfo, Access> access;
    /** In verify mode, wrapper texts found sealed; nothing is changed. */
    private final Set<String> knownWrappers;

    private final boolean verifying;
    private final List<Rejection> rejections = new ArrayList<>();
    private final Set<Object> sealed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> wrappers = new LinkedHashSet<>();

    private ScopeRewriter(
            Dialect dialect,
            SchemaSnapshot schema,
            Function<TableInfo, Access> access,
            Set<String> knownWrappers,
            boolean verifying) {
        this.dialect = dialect;
        this.schema = schema;
        this.access = access;
        this.knownWrappers = knownWrappers;
        this.verifying = verifying;
    }

    /** Rewrites {@code statement} in place and renders it. */
    public static Result rewrite(
            Select statement, Dialect dialect, SchemaSnapshot schema, Function<TableInfo, Access> access) {
        ScopeRewriter r = new ScopeRewriter(dialect, schema, access, Set.of(), false);
        r.query(statement, new Frame(null, null, new HashSet<>()));
        if (!r.rejections.isEmpty()) {
            return new Result(List.copyOf(new LinkedHashSet<>(r.rejections)), null, Set.of());
        }
        String rendered = statement.toString();
        Optional<Select> reparsed = parse(rendered, dialect);
        if (reparsed.isEmpty() || !reparsed.get().toString().equals(rendered)) {
            return new Result(
                    List.of(new Rejection(
                            RejectionCode.OUT_OF_SCOPE,
                            "the query could not be restricted to the data scope in a way the parser confirms")),
                    null,
                    Set.of());
        }
        return new Result(List.of(), rendered, Set.copyOf(r.wrappers));
    }

    /**
     * Checks a final text: every read of a table that is not {@link Open} must be the inside of one
     * of {@code wrappers}. Returns the problems found (none when sound).
     */
    public static List<Rejection> verify(
            String sql,
            Dialect dialect,
            SchemaSnapshot schema,
            Function<TableInfo, Access> access,
            Set<String> wrappers) {
        Optional<Select> parsed = parse(sql, dialect);
        if (parsed.isEmpty()) {
            return List.of(new Rejection(RejectionCode.OUT_OF_SCOPE, "the restricted query does not parse"));
        }
        ScopeRewriter r = new ScopeRewriter(dialect, schema, access, wrappers, true);
        r.query(parsed.get(), new Frame(null, null, new HashSet<>()));
        return List.copyOf(new LinkedHashSet<>(r.rejections));
    }

    private void query(Select select, Frame outer) {
        if (sealed.contains(select)) {
            return;
        }
        Frame frame = outer;
        List<WithItem<?>> withItems = select.getWithItemsList();
        if (withItems != null && !withItems.isEmpty()) {
            boolean recursive = withItems.stream().anyMatch(WithItem::isRecursive);
            Set<String> names = new HashSet<>();
            frame = outer.child(new Ctes(outer.ctes(), names));
            for (WithItem<?> w : withItems) {
                String name = Names.key(w.getAliasName());
                if (recursive && name != null) {
                    names.add(name);
                }
                if (w.getSelect() == null) {
                    reject("a WITH item that is not a query cannot be restricted to the data scope");
                } else {
                    query(w.getSelect(), frame);
                }
                if (name != null) {
                    names.add(name);
                }
            }
        }
        Set<Object> handled = Collections.newSetFromMap(new IdentityHashMap<>());
        switch (select) {
            case PlainSelect ps -> {
                plainSelect(ps, frame);
                return;
            }
            case SetOperationList so -> {
                for (Select s : so.getSelects()) {
                    handled.add(s);
                    query(s, frame);
                }
            }
            case ParenthesedSelect p -> {
                if (verifying
                        && p.getSelect() instanceof PlainSelect inner
                        && knownWrappers.contains(inner.toString())) {
                    sealed.add(p);
                    return;
                }
                if (p.getSelect() != null) {
                    handled.add(p.getSelect());
                    query(p.getSelect(), frame);
                }
            }
            case Values v -> {}
            default -> {
                reject("a " + select.getClass().getSimpleName() + " cannot be restricted to the data scope");
                return;
            }
        }
        rest(select, frame, handled);
    }

    private void plainSelect(PlainSelect ps, Frame outer) {
        Frame frame = outer.child(outer.ctes());
        Set<Object> handled = Collections.newSetFromMap(new IdentityHashMap<>());
        if (ps.getFromItem() != null) {
            handled.add(ps.getFromItem());
            fromItem(ps.getFromItem(), frame, ps::setFromItem, ps.isUsingOnly());
        }
        if (ps.getJoins() != null) {
            for (Join j : ps.getJoins()) {
                handled.add(j.getFromItem());
                fromItem(j.getFromItem(), frame, j::setFromItem, false);
            }
        }
        rest(ps, frame, handled);
    }

    private void fromItem(FromItem item, Frame frame, Consumer<FromItem> replace, boolean only) {
        switch (item) {
            case Table t -> table(t, frame, replace, only);
            case ParenthesedSelect p -> query(p, frame);
            case ParenthesedFromItem p -> {
                Set<Object> handled = Collections.newSetFromMap(new IdentityHashMap<>());
                handled.add(p.getFromItem());
                fromItem(p.getFromItem(), frame, p::setFromItem, false);
                if (p.getJoins() != null) {
                    for (Join j : p.getJoins()) {
                        handled.add(j.getFromItem());
                        fromItem(j.getFromItem(), frame, j::setFromItem, false);
                    }
                }
                rest(p, frame, handled);
            }
            case TableFunction f -> rest(f, frame, Set.of());
            default -> rest(item, frame, Set.of());
        }
    }

    private void table(Table t, Frame frame, Consumer<FromItem> replace, boolean only) {
        String nameKey = Names.key(t.getName());
        String schemaKey = Names.key(t.getSchemaName());
        String written = SafetyCheck.qualifiedName(t);
        if (nameKey == null) {
            reject("a table reference without a name cannot be restricted to the data scope");
            return;
        }
        if (schemaKey == null
                && t.getDatabaseName() == null
                && frame.ctes() != null
                && frame.ctes().visible(nameKey)) {
            return;
        }
        Optional<TableInfo> info = lookup(Names.unquote(t.getSchemaName()), Names.unquote(t.getName()));
        if (info.isEmpty()) {
            rejections.add(new Rejection(
                    RejectionCode.OUT_OF_SCOPE, "the table " + written + " is not part of the data scope"));
            return;
        }
        Access a = access.apply(info.get());
        switch (a) {
            case Open o -> {}
            case Denied d -> rejections.add(new Rejection(RejectionCode.OUT_OF_SCOPE, d.reason()));
            case Wrapped w -> {
                if (verifying) {
                    rejections.add(new Rejection(
                            RejectionCode.OUT_OF_SCOPE,
                            "the restricted query still reads " + written + " outside its data-scope filter"));
                } else {
                    wrap(t, w, frame, replace, only, written);
                }
            }
        }
    }

    private void wrap(Table t, Wrapped w, Frame frame, Consumer<FromItem> replace, boolean only, String written) {
        List<String> unsupported = new ArrayList<>();
        if (only) {
            unsupported.add("ONLY");
        }
        if (t.getPivot() != null || t.getUnPivot() != null) {
            unsupported.add("PIVOT/UNPIVOT");
        }
        if (t.getSampleClause() != null) {
            unsupported.add("TABLESAMPLE");
        }
        if (t.getIndexHint() != null || t.getSqlServerHints() != null) {
            unsupported.add("index hints");
        }
        if (t.getTimeTravel() != null || t.getTimeTravelStrAfterAlias() != null) {
            unsupported.add("time travel");
        }
        if (t.getDatabaseName() != null) {
            unsupported.add("a catalog qualifier");
        }
        if (!unsupported.isEmpty()) {
            rejections.add(new Rejection(
                    RejectionCode.OUT_OF_SCOPE,
                    "the table " + written + " has a data scope, which cannot be applied with "
                            + String.join(", ", unsupported)));
            return;
        }
        // Parsed afresh for every occurrence: each wrapper must be its own AST.
        Optional<PlainSelect> body = parse(w.wrapperSql(), dialect)
                .filter(PlainSelect.class::isInstance)
                .map(PlainSelect.class::cast);
        if (body.isEmpty()) {
            reject("the data scope of " + written + " does not parse as a query");
            return;
        }
        ParenthesedSelect wrapper = new ParenthesedSelect();
        wrapper.setSelect(body.get());
        Alias alias = t.getAlias();
        if (alias == null) {
            alias = new Alias(t.getName(), true);
            if (t.getSchemaName() != null) {
                frame.unqualified().add(Names.key(t.getSchemaName()) + "." + Names.key(t.getName()));
            }
        }
        wrapper.setAlias(alias);
        replace.accept(wrapper);
        sealed.add(wrapper);
        wrappers.add(body.get().toString());
    }

    /**
     * Walks what {@code root} holds besides the parts in {@code handled}: subqueries in any
     * expression are restricted in this frame; a table anywhere but a column qualifier is refused.
     */
    private void rest(Object root, Frame frame, Set<Object> handled) {
        Set<Object> qualifiers = Collections.newSetFromMap(new IdentityHashMap<>());
        AstWalker.walk(root, node -> {
            if (node == root) {
                return true;
            }
            if (handled.contains(node) || sealed.contains(node) || node instanceof WithItem<?>) {
                return false;
            }
            switch (node) {
                case Select sub -> {
                    query(sub, frame);
                    return false;
                }
                case Column c -> {
                    if (unqualify(c.getTable(), frame)) {
                        c.setTable(new Table(c.getTable().getName()));
                    }
                    qualifiers.add(c.getTable());
                    return true;
                }
                case AllTableColumns a -> {
                    if (unqualify(a.getTable(), frame)) {
                        a.setTable(new Table(a.getTable().getName()));
                    }
                    qualifiers.add(a.getTable());
                    return true;
                }
                case Table t
                when !qualifiers.contains(t) -> {
                    reject("the table " + SafetyCheck.qualifiedName(t)
                            + " is read in a place the data scope cannot restrict");
                    return false;
                }
                default -> {
                    return true;
                }
            }
        });
    }

    /** Whether {@code q} is "schema.t" for a table an unaliased wrapper (named t) now stands for. */
    private boolean unqualify(Table q, Frame frame) {
        return !verifying
                && q != null
                && q.getSchemaName() != null
                && q.getName() != null
                && frame.strips(Names.key(q.getSchemaName()), Names.key(q.getName()));
    }

    private Optional<TableInfo> lookup(String schemaName, String name) {
        Optional<TableInfo> t = schema.table(schemaName, name);
        if (t.isEmpty() && schemaName != null) {
            boolean schemaless = schema.tables().stream().allMatch(ti -> ti.schema() == null);
            if (schemaless || schemaName.equalsIgnoreCase(schema.defaultSchema())) {
                t = schema.table(null, name);
            }
        }
        return t;
    }

    private void reject(String message) {
        rejections.add(new Rejection(RejectionCode.OUT_OF_SCOPE, message));
    }

    private static Optional<Select> parse(String sql, Dialect dialect) {
        try {
            Statements statements = SqlParsing.parse(SqlScanner.scan(sql, dialect), dialect);
            return statements.size() == 1 && statements.getFirst() instanceof Select s
                    ? Optional.of(s)
                    : Optional.empty();
        } catch (JSQLParserException e) {
            return Optional.empty();
        }
    }
}
