package dev.querent.semantics.description;

import dev.querent.core.Dialect;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.MinusOp;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Walks one parsed query and writes its description, collecting concepts as it goes. One instance
 * describes one statement.
 */
public final class QueryDescriber {

    /** Subqueries nested deeper than this get their main clause only, to keep the text readable. */
    private static final int MAX_DETAILED_DEPTH = 1;

    private final SchemaLabels schema;
    private final Dialect dialect;
    private final Concepts concepts = new Concepts();
    private final Subqueries subqueries = new Subqueries() {
        @Override
        public String describe(Select select, Scope parent, int depth) {
            return subquery(select, parent, depth);
        }

        @Override
        public String matchingRows(Select select, Scope parent, int depth) {
            return QueryDescriber.this.matchingRows(select, parent, depth);
        }
    };
    private final Map<String, String> cteLabels = new HashMap<>();

    public QueryDescriber(SchemaLabels schema, Dialect dialect) {
        this.schema = schema;
        this.dialect = dialect;
    }

    public Set<Concept> concepts() {
        return concepts.all();
    }

    /** The full description: the main sentence, then one sentence for helper queries (CTEs). */
    public String describe(Select select) {
        List<String> helpers = withItems(select.getWithItemsList(), null, 0);
        String main = body(select, null, 0);
        List<String> sentences = new ArrayList<>();
        sentences.add(Words.capitalise(main));
        if (!helpers.isEmpty()) {
            sentences.add((helpers.size() == 1 ? "Helper query " : "Helper queries: ") + String.join("; ", helpers));
        }
        return String.join(". ", sentences) + ".";
    }

    /** A subquery's description, lowercase so it can be embedded in a sentence. */
    String subquery(Select select, Scope parent, int depth) {
        return Words.decapitalise(body(select, parent, depth + 1));
    }

    /** What an EXISTS subquery looks for, without an article: "matching order where status is 'completed'". */
    String matchingRows(Select select, Scope parent, int depth) {
        Select inner = select instanceof ParenthesedSelect p ? p.getSelect() : select;
        if (!(inner instanceof PlainSelect ps) || ps.getFromItem() == null) {
            return "matching row in a subquery that " + subquery(select, parent, depth);
        }
        withItems(ps.getWithItemsList(), parent, depth + 1);
        Scope scope = new Scope(parent);
        List<Expression> onFilters = new ArrayList<>();
        String from = fromPhrase(ps, scope, depth + 1, onFilters);
        ExpressionDescriber ex = new ExpressionDescriber(schema, concepts, subqueries, dialect, scope, depth + 1);
        ps.getSelectItems().forEach(i -> ex.phrase(i.getExpression()));
        String where = whereText(ps.getWhere(), onFilters, ex).text();
        String noun = scope.multiple() || scope.main() == null || scope.main().name() == null
                ? "row in " + from
                : scope.main().rowNoun();
        return "matching " + noun + (where.isEmpty() ? "" : " where " + where);
    }

    private List<String> withItems(List<WithItem<?>> items, Scope parent, int depth) {
        List<String> helpers = new ArrayList<>();
        if (items == null) {
            return helpers;
        }
        for (WithItem<?> w : items) {
            String name =
                    w.getAlias() == null ? "helper" : Words.unquote(w.getAlias().getName());
            String label = Words.humanise(name);
            cteLabels.put(name.toLowerCase(Locale.ROOT), label);
            concepts.addWords(label);
            ParenthesedSelect sel = w.getSelect();
            String text = sel == null ? "changes data" : Words.decapitalise(body(sel.getSelect(), parent, depth + 1));
            helpers.add(label + " " + text);
        }
        return helpers;
    }

    /** Describes any kind of SELECT as a clause starting with a capitalised verb. */
    private String body(Select select, Scope parent, int depth) {
        if (depth > 0) {
            withItems(select.getWithItemsList(), parent, depth);
        }
        return switch (select) {
            case PlainSelect ps -> plain(ps, parent, depth);
            case SetOperationList so -> setOperations(so, parent, depth);
            case ParenthesedSelect p when p.getSelect() != null -> body(p.getSelect(), parent, depth);
            case Values v -> "Returns a fixed list of values";
            default -> "Runs a query";
        };
    }

    private record Item(Expression expression, String alias, String text, boolean measure) {}

    private String plain(PlainSelect ps, Scope parent, int depth) {
        Scope scope = new Scope(parent);
        List<Expression> onFilters = new ArrayList<>();
        String from = ps.getFromItem() == null ? "" : fromPhrase(ps, scope, depth, onFilters);
        ExpressionDescriber ex = new ExpressionDescriber(schema, concepts, subqueries, dialect, scope, depth);

        List<Item> items = selectItems(ps, ex);
        if (depth == 0) {
            returnedColumns(ps, items, ex);
            outputs(ps);
        }
        boolean distinct = ps.getDistinct() != null;
        if (distinct) {
            concepts.add(ConceptKind.DISTINCT.flag());
        }

        List<Expression> groupExprs = ps.getGroupBy() == null
                ? List.of()
                : ps.getGroupBy().getGroupByExpressionList().stream()
                        .map(e -> resolveItemReference(e, items))
                        .toList();
        List<String> dims = new ArrayList<>();
        // grouped by a key as well, a date is one of each row's columns, not a breakdown per day
        boolean perRow = groupExprs.stream().anyMatch(ex::identifiesRows);
        for (Expression g : groupExprs) {
            dims.add(dimension(g, ex, perRow));
        }
        if (distinct && groupExprs.isEmpty()) {
            // SELECT DISTINCT month-of-date lists the months: as much a breakdown by month as GROUP BY.
            items.stream()
                    .flatMap(i -> TimeExpressions.timePart(i.expression()).stream())
                    .forEach(p -> concepts.add(ConceptKind.GRAIN.of(p.grain())));
        }
        Set<String> groupKeys =
                new TreeSet<>(groupExprs.stream().map(Object::toString).toList());

        List<String> measures = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Item i : items) {
            if (i.measure()) {
                measures.add(i.text());
            } else if (!groupKeys.contains(i.expression().toString())) {
                others.add(i.text());
            }
        }

        ExpressionDescriber.Condition where = whereText(ps.getWhere(), onFilters, ex);
        ExpressionDescriber.Condition having =
                ps.getHaving() == null ? ExpressionDescriber.Condition.NONE : ex.condition(ps.getHaving());
        String orderLimit = orderAndLimit(ps, items, ex);

        List<String> clauses = new ArrayList<>();
        clauses.add(head(from, items, measures, others, dims, distinct, ex));
        if (depth > MAX_DETAILED_DEPTH) {
            return clauses.getFirst();
        }
        if (!where.isEmpty()) {
            boolean single =
                    !scope.multiple() && scope.main() != null && scope.main().name() != null;
            String subject = single ? Words.plural(scope.main().label()) : "rows";
            clauses.add(
                    "keeping only " + subject + (single && where.aboutColumn() ? " whose " : " where ") + where.text());
        }
        if (!having.isEmpty()) {
            clauses.add("keeping only groups where " + having.text());
        }
        if (!orderLimit.isEmpty()) {
            clauses.add(orderLimit);
        }
        return String.join(", ", clauses);
    }

    private String head(
            String from,
            List<Item> items,
            List<String> measures,
            List<String> others,
            List<String> dims,
            boolean distinct,
            ExpressionDescriber ex) {
        String per = dims.isEmpty() ? "" : " per " + Words.joinAnd(dims);
        String distinctWord = distinct ? "the distinct " : "";
        if (measures.isEmpty() && distinct && others.equals(List.of("all columns"))) {
            return "Lists the distinct rows of " + from + per;
        }
        if (measures.isEmpty()) {
            if (from.isEmpty()) {
                return "Returns " + Words.joinAnd(others);
            }
            if (!dims.isEmpty() && others.isEmpty()) {
                return "Lists the distinct " + Words.joinAnd(dims) + " of " + from;
            }
            // "all columns of orders" already names its table; "of" twice would read as nesting.
            String connector = others.stream().anyMatch(o -> o.startsWith("all columns of ")) ? " from " : " of ";
            return "Lists " + distinctWord + Words.joinAnd(others) + connector + from + per;
        }
        // "Counts orders" only when nothing else is computed; an alias that adds meaning must stay visible.
        boolean onlyCount = measures.size() == 1
                && others.isEmpty()
                && items.stream().filter(Item::measure).allMatch(i -> ExpressionDescriber.isCountAll(i.expression()))
                && measures.getFirst().equals("the number of " + ex.countSubject());
        if (onlyCount && !from.isEmpty()) {
            // In a join, say what is counted: "counts customers joined with orders" would mislead.
            return ex.scope().multiple()
                    ? "Counts " + ex.countSubject() + " across " + from + per
                    : "Counts " + from + per;
        }
        List<String> all = new ArrayList<>(measures);
        all.addAll(others);
        return "Computes " + distinctWord + Words.joinAnd(all) + (from.isEmpty() ? "" : " from " + from) + per;
    }

    private List<Item> selectItems(PlainSelect ps, ExpressionDescriber ex) {
        List<Item> items = new ArrayList<>();
        if (ps.getSelectItems() == null) {
            return items;
        }
        for (SelectItem<?> si : ps.getSelectItems()) {
            Expression e = si.getExpression();
            String alias =
                    si.getAlias() == null ? null : Words.unquote(si.getAlias().getName());
            String text = ex.phrase(e);
            String rankingOrder = ExpressionDescriber.rankingOrder(e);
            if (alias != null && rankingOrder != null) {
                concepts.ranking(alias, rankingOrder);
            }
            if (alias != null) {
                String aliasLabel = Words.humanise(alias);
                concepts.addWords(aliasLabel);
                if (!redundantAlias(aliasLabel, text)) {
                    text = text + " as " + aliasLabel;
                }
            }
            items.add(new Item(e, alias, text, ex.containsAggregate(e)));
        }
        return items;
    }

    /** An alias that only repeats its expression ("order_count" for COUNT of orders) is left out. */
    private static boolean redundantAlias(String alias, String text) {
        List<String> textStems = Words.contentStems(text);
        return Words.contentStems(alias).stream()
                .allMatch(s -> textStems.contains(s) || Vocabulary.AGGREGATES.containsKey(s) || s.equals("number"));
    }

    /** {@code GROUP BY 1} and {@code ORDER BY alias} refer to select items; this finds the item's expression. */
    private static Expression resolveItemReference(Expression e, List<Item> items) {
        if (e instanceof LongValue n) {
            long idx = n.getValue();
            if (idx >= 1 && idx <= items.size()) {
                return items.get((int) idx - 1).expression();
            }
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Words.unquote(c.getColumnName());
            for (Item i : items) {
                if (name.equalsIgnoreCase(i.alias()) && !(i.expression() instanceof Column)) {
                    return i.expression();
                }
            }
        }
        return e;
    }

    /**
     * Records the plain columns the main query returns and uses nowhere else: those are only there to
     * be shown, so the question should have asked for them. A column also filtered, grouped or sorted
     * on ("price" for "products under 20") shows why a row is in the answer.
     */
    private void returnedColumns(PlainSelect ps, List<Item> items, ExpressionDescriber ex) {
        StringBuilder elsewhere = new StringBuilder();
        for (Object part : new Object[] {ps.getWhere(), ps.getHaving(), ps.getGroupBy(), ps.getOrderByElements()}) {
            if (part != null) {
                elsewhere.append(' ').append(part);
            }
        }
        if (ps.getJoins() != null) {
            ps.getJoins().forEach(j -> elsewhere.append(' ').append(j.getOnExpressions()));
        }
        String used = elsewhere.toString().toLowerCase(Locale.ROOT);
        for (Item i : items) {
            if (i.measure() || !(i.expression() instanceof Column c)) {
                continue;
            }
            String name = Words.unquote(c.getColumnName()).toLowerCase(Locale.ROOT);
            if (!Pattern.compile("\\b" + Pattern.quote(name) + "\\b")
                    .matcher(used)
                    .find()) {
                concepts.add(ConceptKind.COLUMN.of(ex.columnWords(c)));
            }
        }
    }

    /** Quoted text in an expression: its words are values, not columns. */
    private static final Pattern QUOTED_TEXT = Pattern.compile("'(?:[^']|'')*'");

    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*+(?!\\s*\\()");

    /** Keywords that appear inside select items and name no column. */
    private static final Set<String> EXPRESSION_KEYWORDS = Set.of(
            "case",
            "when",
            "then",
            "else",
            "end",
            "as",
            "cast",
            "real",
            "integer",
            "int",
            "text",
            "float",
            "double",
            "numeric",
            "decimal",
            "varchar",
            "char",
            "null",
            "not",
            "is",
            "and",
            "or",
            "distinct",
            "in",
            "like",
            "between",
            "true",
            "false",
            "over",
            "partition",
            "by",
            "order",
            "asc",
            "desc",
            "nulls",
            "last",
            "first",
            "filter",
            "where");

    /**
     * Records the words of what the main query returns: the columns each select item reads (not the
     * functions it applies or the text it compares with) and its alias.
     */
    private void outputs(PlainSelect ps) {
        if (ps.getSelectItems() == null) {
            return;
        }
        for (SelectItem<?> si : ps.getSelectItems()) {
            Expression e = si.getExpression();
            if (e instanceof net.sf.jsqlparser.statement.select.AllColumns
                    || e instanceof net.sf.jsqlparser.statement.select.AllTableColumns) {
                concepts.add(ConceptKind.OUTPUT.of("*"));
                continue;
            }
            String text = QUOTED_TEXT.matcher(e.toString()).replaceAll(" ");
            Matcher m = IDENTIFIER.matcher(text);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                String id = m.group();
                int end = m.end();
                // A table qualifier ("t." in "t.name") names no column.
                if (end < text.length() && text.charAt(end) == '.') {
                    continue;
                }
                if (!EXPRESSION_KEYWORDS.contains(id.toLowerCase(Locale.ROOT))) {
                    names.add(id);
                }
            }
            if (si.getAlias() != null) {
                names.add(Words.unquote(si.getAlias().getName()));
            }
            if (names.isEmpty()) {
                // COUNT(*) reads no column; it still returns something, and nothing the question names.
                names.add(e instanceof Function f ? ExpressionDescriber.functionName(f) : "value");
            }
            for (String n : names) {
                for (String w : Words.split(n)) {
                    if (!w.chars().allMatch(Character::isDigit)) {
                        concepts.add(ConceptKind.OUTPUT.of(Stemmer.singular(w)));
                    }
                }
            }
        }
    }

    private String dimension(Expression g, ExpressionDescriber ex, boolean perRow) {
        String text = ex.phrase(g);
        Optional<TimeExpressions.TimePart> part = TimeExpressions.timePart(g);
        if (part.isPresent()) {
            concepts.add(ConceptKind.GRAIN.of(part.get().grain()));
        } else {
            List<String> words = Words.tokens(text).stream()
                    .filter(w -> !Vocabulary.STOPWORDS.contains(w))
                    .map(Stemmer::singular)
                    .toList();
            if (!words.isEmpty()) {
                concepts.add(ConceptKind.GROUP.of(String.join(" ", words)));
            }
            if (!perRow && ex.holdsWholeDays(g)) {
                concepts.add(ConceptKind.GRAIN.of("day")); // a group per DATE is one per day
            }
        }
        return text;
    }

    private ExpressionDescriber.Condition whereText(
            Expression where, List<Expression> onFilters, ExpressionDescriber ex) {
        List<Expression> parts = new ArrayList<>(onFilters);
        if (where != null) {
            parts.add(where);
        }
        if (parts.isEmpty()) {
            return ExpressionDescriber.Condition.NONE;
        }
        List<Expression> flat = new ArrayList<>();
        for (Expression p : parts) {
            flat.addAll(andParts(p));
        }
        return ex.conjunction(flat);
    }

    private static List<Expression> andParts(Expression e) {
        if (e instanceof AndExpression a) {
            List<Expression> out = new ArrayList<>(andParts(a.getLeftExpression()));
            out.addAll(andParts(a.getRightExpression()));
            return out;
        }
        return List.of(e);
    }

    // ---- FROM and JOIN ----

    private String fromPhrase(PlainSelect ps, Scope scope, int depth, List<Expression> onFilters) {
        String first = source(ps.getFromItem(), scope, depth, onFilters);
        return first + joins(ps.getJoins(), scope, depth, onFilters);
    }

    private String joins(List<Join> joins, Scope scope, int depth, List<Expression> onFilters) {
        if (joins == null || joins.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        String currentVerb = null;
        List<String> group = new ArrayList<>();
        for (Join j : joins) {
            String label = source(j.getFromItem(), scope, depth, onFilters);
            String verb = joinVerb(j);
            if (!verb.equals(currentVerb) && !group.isEmpty()) {
                out.append(out.isEmpty() ? " " : ", ")
                        .append(currentVerb)
                        .append(' ')
                        .append(Words.joinAnd(group));
                group.clear();
            }
            currentVerb = verb;
            group.add(label);
            if (j.getOnExpressions() != null) {
                for (Expression on : j.getOnExpressions()) {
                    onFilters.addAll(andParts(on));
                }
            }
        }
        out.append(out.isEmpty() ? " " : ", ").append(currentVerb).append(' ').append(Words.joinAnd(group));
        return out.toString();
    }

    private static String joinVerb(Join j) {
        if (j.isLeft()) {
            return "left-joined with";
        }
        if (j.isRight()) {
            return "right-joined with";
        }
        if (j.isFull()) {
            return "fully joined with";
        }
        if (j.isCross()) {
            return "crossed with";
        }
        return "joined with";
    }

    private String source(FromItem item, Scope scope, int depth, List<Expression> onFilters) {
        String alias = item == null || item.getAlias() == null
                ? null
                : Words.unquote(item.getAlias().getName());
        return switch (item) {
            case null -> "nothing";
            case Table t -> table(t, alias, scope);
            case ParenthesedSelect p -> {
                scope.add(new Scope.Source(alias, null, "subquery", null));
                String sub = p.getSelect() == null ? "" : subquery(p.getSelect(), scope.parent(), depth);
                yield depth + 1 > MAX_DETAILED_DEPTH || sub.isEmpty()
                        ? "a subquery"
                        : "the results of a subquery that " + sub;
            }
            case ParenthesedFromItem pf ->
                source(pf.getFromItem(), scope, depth, onFilters) + joins(pf.getJoins(), scope, depth, onFilters);
            case TableFunction f -> {
                String name = Words.humanise(ExpressionDescriber.functionName(f.getFunction()));
                scope.add(new Scope.Source(alias, null, name, null));
                yield "the results of " + name;
            }
            case Values v -> {
                scope.add(new Scope.Source(alias, null, "values", null));
                yield "a fixed list of values";
            }
            default -> {
                scope.add(new Scope.Source(alias, null, "source", null));
                yield "a derived source";
            }
        };
    }

    private String table(Table t, String alias, Scope scope) {
        String name = Words.unquote(t.getName());
        String cte = cteLabels.get(name.toLowerCase(Locale.ROOT));
        TableInfo info = cte != null
                ? null
                : schema.table(t.getSchemaName() == null ? null : Words.unquote(t.getSchemaName()), name)
                        .orElse(null);
        String label = cte != null ? cte : schema.tableLabel(name, info);
        concepts.addWords(Words.humanise(name));
        concepts.addWords(label);
        scope.add(new Scope.Source(alias, name, label, info));
        // A CTE's name is already how the query author refers to its rows; pluralising it garbles it.
        return cte != null ? label : Words.plural(label);
    }

    // ---- ORDER BY and LIMIT ----

    private String orderAndLimit(Select s, List<Item> items, ExpressionDescriber ex) {
        Long limit = limitOf(s);
        Long offset = offsetOf(s);
        List<OrderByElement> order = s.getOrderByElements() == null ? List.of() : s.getOrderByElements();
        List<String> parts = new ArrayList<>();
        if (limit != null) {
            concepts.add(ConceptKind.LIMIT.of(Long.toString(limit)));
        }
        if (!order.isEmpty()) {
            OrderByElement first = order.getFirst();
            boolean desc = !first.isAsc();
            String target = orderTarget(first.getExpression(), items, ex).replaceFirst("^the ", "");
            // Every ORDER BY has a direction a question can name ("from lowest to highest", "alphabetically").
            concepts.add(ConceptKind.ORDER.of(desc ? "desc" : "asc"));
            if (limit != null) {
                parts.add(
                        limit == 1
                                ? "returning only the one with the " + (desc ? "highest " : "lowest ") + target
                                : "returning the " + (desc ? "top " : "bottom ") + limit + " by " + target);
            } else {
                List<String> keys = new ArrayList<>();
                for (OrderByElement o : order) {
                    keys.add(orderTarget(o.getExpression(), items, ex) + (o.isAsc() ? "" : " descending"));
                }
                parts.add("ordered by " + String.join(", then ", keys));
            }
        } else if (limit != null) {
            parts.add("returning at most " + limit + (limit == 1 ? " row" : " rows"));
        }
        if (offset != null && offset > 0) {
            parts.add("skipping the first " + offset);
        }
        return String.join(", ", parts);
    }

    private String orderTarget(Expression e, List<Item> items, ExpressionDescriber ex) {
        if (e instanceof LongValue n && n.getValue() >= 1 && n.getValue() <= items.size()) {
            Item i = items.get((int) n.getValue() - 1);
            return i.alias() != null ? Words.humanise(i.alias()) : ex.phrase(i.expression());
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Words.unquote(c.getColumnName());
            for (Item i : items) {
                if (name.equalsIgnoreCase(i.alias())) {
                    return Words.humanise(i.alias());
                }
            }
        }
        return ex.phrase(e);
    }

    private static Long limitOf(Select s) {
        Limit l = s.getLimit();
        if (l != null && l.getRowCount() instanceof LongValue v) {
            return v.getValue();
        }
        Fetch f = s.getFetch();
        if (f != null) {
            return f.getExpression() instanceof LongValue v ? v.getValue() : f.getRowCount();
        }
        if (s instanceof PlainSelect ps && ps.getTop() != null && ps.getTop().getExpression() instanceof LongValue v) {
            return v.getValue();
        }
        return null;
    }

    private static Long offsetOf(Select s) {
        Offset o = s.getOffset();
        if (o != null && o.getOffset() instanceof LongValue v) {
            return v.getValue();
        }
        Limit l = s.getLimit();
        return l != null && l.getOffset() instanceof LongValue v ? v.getValue() : null;
    }

    // ---- set operations ----

    private String setOperations(SetOperationList so, Scope parent, int depth) {
        List<Select> selects = so.getSelects();
        List<SetOperation> ops = so.getOperations();
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < selects.size(); i++) {
            branches.add("(" + (i + 1) + ") " + Words.decapitalise(body(selects.get(i), parent, depth + 1)));
        }
        String joined = String.join("; ", branches);
        String head;
        if (ops.stream().allMatch(o -> o instanceof UnionOp)) {
            boolean all = ops.stream().allMatch(SetOperation::isAll);
            head = "Combines the results of " + selects.size() + " queries" + (all ? ", keeping duplicates" : "") + ": "
                    + joined;
        } else if (ops.stream().allMatch(o -> o instanceof IntersectOp)) {
            head = "Keeps only the results shared by " + selects.size() + " queries: " + joined;
        } else if (ops.size() == 1 && (ops.getFirst() instanceof ExceptOp || ops.getFirst() instanceof MinusOp)) {
            head = "Takes the results of one query and removes those of another: " + joined;
            concepts.add(ConceptKind.NEGATION.flag());
        } else {
            head = "Combines " + selects.size() + " queries with set operations: " + joined;
        }
        Scope empty = new Scope(parent);
        List<Item> firstItems = selects.getFirst() instanceof PlainSelect ps
                ? ps.getSelectItems().stream()
                        .map(si -> new Item(
                                si.getExpression(),
                                si.getAlias() == null
                                        ? null
                                        : Words.unquote(si.getAlias().getName()),
                                "",
                                false))
                        .toList()
                : List.of();
        String orderLimit = orderAndLimit(
                so, firstItems, new ExpressionDescriber(schema, concepts, subqueries, dialect, empty, depth));
        return orderLimit.isEmpty() ? head : head + "; overall " + orderLimit;
    }
}
