package dev.querent.semantics.description;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.FlagNames;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.DaysOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Describes the expressions and conditions of one SELECT, recording the concepts they mention in the
 * statement's {@link Concepts}; nested queries are put into words by {@link Subqueries}.
 */
final class ExpressionDescriber {

    /** A described condition; {@code aboutColumn} says it reads as "&lt;column&gt; is ...". */
    record Condition(String text, boolean aboutColumn) {
        static final Condition NONE = new Condition("", true);

        boolean isEmpty() {
            return text.isEmpty();
        }
    }

    /** Raw SQL shorter than this is quoted when nothing better can be said about an expression. */
    private static final int MAX_RAW_LENGTH = 40;

    private static final Set<String> RANKING_FUNCTIONS =
            Set.of("row_number", "rank", "dense_rank", "ntile", "percent_rank", "cume_dist");

    /**
     * Words that mark a boolean column ({@code is_active}, {@code has_discount}) without saying what it
     * is: a flag's first words of the schema ({@link FlagNames}) and "flag" ({@code flag_active}).
     */
    private static final Set<String> FLAG_PREFIXES =
            Stream.concat(FlagNames.PREFIXES.stream(), Stream.of("flag")).collect(Collectors.toUnmodifiableSet());

    /**
     * Text codes of yes/no columns ({@code 'Y'}, {@code 'No'}); a question says them as words. Not
     * 'T'/'F', which as often mean other things ('F' for female).
     */
    private static final Set<String> YES_NO_LITERALS = Set.of("yes", "no", "y", "n");

    private static final Set<String> TRUE_LITERALS = Set.of("true", "1", "yes", "y");

    /** Operators that, against 0, ask whether there is any of something at all. */
    private static final Set<String> ZERO_TESTS = Set.of("=", "==", ">", "<>", "!=");

    private final SchemaLabels schema;
    private final Concepts concepts;
    private final Subqueries subqueries;
    private final Dialect dialect;
    private final Scope scope;
    private final int depth;

    ExpressionDescriber(
            SchemaLabels schema, Concepts concepts, Subqueries subqueries, Dialect dialect, Scope scope, int depth) {
        this.schema = schema;
        this.concepts = concepts;
        this.subqueries = subqueries;
        this.dialect = dialect;
        this.scope = scope;
        this.depth = depth;
    }

    Scope scope() {
        return scope;
    }

    // ---- value expressions ----

    String phrase(Expression e) {
        return switch (e) {
            case null -> "nothing";
            case AllTableColumns a -> "all columns of " + tableOf(a);
            case AllColumns a -> "all columns";
            case Column c -> column(c);
            case DateUnitExpression d -> column(new Column(d.toString()));
            case AnalyticExpression a -> analytic(a);
            case Function f -> function(f);
            case ExtractExpression x ->
                TimeExpressions.timePart(x).map(this::timePart).orElseGet(() -> raw(x));
            case CastExpression c ->
                TimeExpressions.timePart(c).map(this::timePart).orElseGet(() -> phrase(c.getLeftExpression()));
            case Parenthesis p -> phrase(p.getExpression());
            case ExpressionList<?> l when l.size() == 1 -> phrase(l.getFirst());
            case ExpressionList<?> l ->
                "(" + Words.joinAnd(l.stream().map(x -> phrase((Expression) x)).toList()) + ")";
            case Select s -> "the result of a subquery that " + subqueries.describe(s, scope, depth);
            case StringValue s -> "'" + s.getValue() + "'";
            case LongValue v -> v.getStringValue();
            case DoubleValue v ->
                Optional.ofNullable(Words.normaliseNumber(v.toString())).orElse(v.toString());
            case NullValue n -> "null";
            case BooleanValue b -> Boolean.toString(b.getValue());
            case TimeKeyExpression t ->
                "the current " + (t.getStringValue().toLowerCase(Locale.ROOT).contains("date") ? "date" : "time");
            case IntervalExpression i -> interval(i);
            case SignedExpression s -> (s.getSign() == '-' ? "minus " : "") + phrase(s.getExpression());
            case CaseExpression c -> caseExpression(c);
            case BinaryExpression b
            when Vocabulary.BINARY_OPERATOR_PHRASES.containsKey(
                    b.getStringExpression().strip()) -> arithmetic(b);
            default -> isCondition(e) ? condition(e).text() : raw(e);
        };
    }

    /** Arithmetic, recording its literal operands as numbers the question may name ("minus 34 minutes"). */
    private String arithmetic(BinaryExpression b) {
        for (Expression operand : List.of(b.getLeftExpression(), b.getRightExpression())) {
            literalNumber(operand).ifPresent(n -> concepts.add(ConceptKind.NUMBER.of(n)));
        }
        if (averageWrittenOut(b)) {
            concepts.add(ConceptKind.AGG.of("avg"));
        }
        return String.format(
                Vocabulary.BINARY_OPERATOR_PHRASES.get(b.getStringExpression().strip()),
                phrase(b.getLeftExpression()),
                phrase(b.getRightExpression()));
    }

    private static Optional<String> literalNumber(Expression e) {
        return switch (e) {
            case LongValue v -> Optional.ofNullable(Words.normaliseNumber(v.getStringValue()));
            case DoubleValue v -> Optional.ofNullable(Words.normaliseNumber(v.toString()));
            case Parenthesis p -> literalNumber(p.getExpression());
            default -> Optional.empty();
        };
    }

    /** A date function's modifier ({@code '-2 months'}, {@code '+7 days'}): its count and its unit. */
    private static final Pattern DATE_MODIFIER =
            Pattern.compile("(?i)\\s*[+-]?\\s*(\\d+(?:\\.\\d+)?)\\s+(second|minute|hour|day|month|year)s?\\s*");

    /** A length of time as an interval writes it: "'30 days'", "'1'" (with a unit after it), "30". */
    private static final Pattern INTERVAL_LENGTH =
            Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(second|minute|hour|day|week|month|quarter|year)?s?\\s*");

    /**
     * An interval in words; its count and unit are recorded as a date modifier's are ({@code INTERVAL
     * '30 days'} is "the past 30 days" as SQLite's {@code '-30 days'} is).
     */
    private String interval(IntervalExpression i) {
        // "INTERVAL '30 days'", "INTERVAL '30' DAY", "INTERVAL 30 DAY": the unit may sit inside or after the quotes
        Matcher m = INTERVAL_LENGTH.matcher(
                i.toString().replaceFirst("(?i)^\\s*INTERVAL\\s+", "").replace("'", ""));
        if (m.matches()) {
            Optional.ofNullable(Words.normaliseNumber(m.group(1)))
                    .ifPresent(n -> concepts.add(ConceptKind.NUMBER.of(n)));
            if (m.group(2) != null) {
                concepts.addWords(m.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return "an interval of "
                + Words.unquote(
                        i.getParameter() == null
                                ? phrase(i.getExpression())
                                : i.getParameter().replace('\'', '"'))
                + (i.getIntervalType() == null ? "" : " " + i.getIntervalType().toLowerCase(Locale.ROOT));
    }

    /** Words of SQLite's date modifiers and format specifiers, which run their words together or code them. */
    private static final Map<String, String> MODIFIER_WORDS = Map.of(
            "unixepoch", "unix epoch",
            "localtime", "local time",
            "%s", "second",
            "%m", "month",
            "%y", "year",
            "%d", "day",
            "%h", "hour",
            "%w", "weekday",
            "%j", "day");

    private static final Set<String> DATE_FUNCTIONS = Set.of("date", "datetime", "julianday", "strftime", "time");

    /** Records the counts and units of a date function's modifiers: "2 months before" is {@code '-2 months'}. */
    private void dateModifiers(String name, List<Expression> args) {
        if (!DATE_FUNCTIONS.contains(name)) {
            return;
        }
        for (Expression a : args) {
            if (a instanceof StringValue s) {
                Matcher m = DATE_MODIFIER.matcher(s.getValue());
                if (m.matches()) {
                    Optional.ofNullable(Words.normaliseNumber(m.group(1)))
                            .ifPresent(n -> concepts.add(ConceptKind.NUMBER.of(n)));
                    concepts.addWords(m.group(2));
                } else {
                    // 'unixepoch', 'localtime', 'start of month', '%s': what the modifier or format reads.
                    String v = s.getValue().toLowerCase(Locale.ROOT);
                    MODIFIER_WORDS.forEach((k, words) -> {
                        if (v.contains(k)) {
                            concepts.addWords(words);
                        }
                    });
                    if (!v.contains("%")) {
                        concepts.addWords(v);
                    }
                }
            }
        }
    }

    private String raw(Expression e) {
        String s = e.toString();
        return s.length() <= MAX_RAW_LENGTH ? s : "a computed value";
    }

    private String tableOf(AllTableColumns a) {
        Column probe = new Column(a.getTable(), "*");
        Scope.Source src = scope.resolve(probe);
        return src == null ? Words.humanise(a.getTable().getName()) : Words.plural(src.label());
    }

    /** The column's name as words, without a prefix its table gives every column (no comment). */
    String columnWords(Column c) {
        Scope.Source src = scope.resolve(c);
        return schema.columnWords(Words.unquote(c.getColumnName()), src == null ? null : src.table());
    }

    String column(Column c) {
        String name = Words.unquote(c.getColumnName());
        Scope.Source src = scope.resolve(c);
        TableInfo table = src == null ? null : src.table();
        String label = schema.columnLabel(name, table);
        concepts.addWords(Words.humanise(name));
        concepts.addNameNumbers(Words.humanise(name));
        concepts.addWords(label);
        if (scope.multiple() && src != null && src.name() != null && ambiguous(name, label, src)) {
            return src.rowNoun() + " " + label;
        }
        return label;
    }

    /**
     * In a join, "name" or "id" alone could be any table's, and so could a column several joined
     * tables have; those get their table's noun ("customer name"). Labels that already name their
     * table ("order date") never do.
     */
    private boolean ambiguous(String name, String label, Scope.Source src) {
        if (mentions(label, src.rowNoun())) {
            return false;
        }
        if (Words.split(label).stream().allMatch(Vocabulary.GENERIC_COLUMN_WORDS::contains)) {
            return true;
        }
        return scope.sources().stream()
                .filter(o -> o != src && o.table() != null)
                .anyMatch(o -> o.table().column(name).isPresent());
    }

    /** True when a label already names its table ("order date" in orders), so no qualifier is needed. */
    private static boolean mentions(String label, String rowNoun) {
        List<String> labelStems = Words.contentStems(label);
        return Words.contentStems(rowNoun).stream().anyMatch(labelStems::contains);
    }

    private String function(Function f) {
        String name = functionName(f);
        String agg = Vocabulary.AGGREGATES.get(name);
        if (agg != null) {
            return aggregate(agg, f);
        }
        dateModifiers(name, f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters()));
        Optional<TimeExpressions.TimePart> part = TimeExpressions.timePart(f);
        if (part.isPresent()) {
            return timePart(part.get());
        }
        List<Expression> args = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
        if (Vocabulary.TRANSPARENT_FUNCTIONS.contains(name) && !args.isEmpty()) {
            return phrase(args.getFirst());
        }
        if (args.isEmpty()) {
            return Words.humanise(name);
        }
        return Words.humanise(name) + " of "
                + Words.joinAnd(args.stream().map(this::phrase).toList());
    }

    static String functionName(Function f) {
        List<String> parts = f.getMultipartName();
        String name = parts == null || parts.isEmpty() ? f.getName() : parts.getLast();
        return name == null ? "" : Words.unquote(name).toLowerCase(Locale.ROOT);
    }

    private String aggregate(String agg, Function f) {
        List<Expression> args = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
        boolean all = f.isAllColumns()
                || args.isEmpty()
                || args.getFirst() instanceof AllColumns
                || (agg.equals("count") && args.getFirst() instanceof LongValue);
        if (agg.equals("count") && f.isDistinct()) {
            concepts.add(ConceptKind.AGG.of("count_distinct"));
            concepts.add(ConceptKind.DISTINCT.flag());
            return "the number of distinct " + Words.plural(phrase(args.getFirst()));
        }
        if ((agg.equals("sum") || agg.equals("avg")) && !all) {
            measuredColumns(args.getFirst()).forEach(c -> checkMeasure(agg, c));
        }
        concepts.add(ConceptKind.AGG.of(agg));
        // SUM(CASE WHEN c THEN 1 ELSE 0 END) counts the rows where c holds.
        if (agg.equals("sum") && !all && countsRows(args.getFirst())) {
            concepts.add(ConceptKind.AGG.of("count"));
        }
        if (agg.equals("count")) {
            return all ? "the number of " + countSubject() : "the count of " + phrase(args.getFirst());
        }
        String argument = all ? "rows" : (f.isDistinct() ? "distinct " : "") + phrase(args.getFirst());
        return aggregatePhrase(agg, argument);
    }

    /**
     * {@code SUM(x) / COUNT(y)}, also cast to a real number or multiplied by one: an average written
     * out. A sum of 0/1 flags divided by a count is a share, not an average of a measure.
     */
    private static boolean averageWrittenOut(BinaryExpression b) {
        if (!"/".equals(b.getStringExpression().strip())) {
            return false;
        }
        Expression left = unwrapNumeric(b.getLeftExpression());
        Expression right = unwrapNumeric(b.getRightExpression());
        return left instanceof Function sum
                && "sum".equals(functionName(sum))
                && sum.getParameters() != null
                && sum.getParameters().size() == 1
                && !countsRows(sum.getParameters().getFirst())
                && right instanceof Function count
                && "count".equals(functionName(count));
    }

    /** Parentheses, a cast, or a multiplication by one around an expression. */
    private static Expression unwrapNumeric(Expression e) {
        Expression cur = e;
        while (true) {
            if (cur instanceof Parenthesis p) {
                cur = p.getExpression();
            } else if (cur instanceof CastExpression c) {
                cur = c.getLeftExpression();
            } else if (cur instanceof BinaryExpression m
                    && "*".equals(m.getStringExpression().strip())
                    && literalNumber(m.getRightExpression()).filter("1"::equals).isPresent()) {
                cur = m.getLeftExpression();
            } else {
                return cur;
            }
        }
    }

    /**
     * What summing counts rows: a CASE or IIF of 0 and 1, or a bare condition (SQLite and MySQL sum
     * true as 1).
     */
    private static boolean countsRows(Expression summed) {
        Expression e = unwrap(summed);
        if (e instanceof CaseExpression c) {
            return countsRows(c);
        }
        if (e instanceof Function f
                && Set.of("iif", "if").contains(functionName(f))
                && f.getParameters() != null
                && f.getParameters().size() == 3) {
            return zeroOrOne(f.getParameters().get(1), f.getParameters().get(2));
        }
        return isCondition(e);
    }

    private static boolean zeroOrOne(Expression... results) {
        boolean one = false;
        for (Expression r : results) {
            if (!(r instanceof LongValue v) || (v.getValue() != 0 && v.getValue() != 1)) {
                return false;
            }
            one |= v.getValue() == 1;
        }
        return one;
    }

    /** Whether every branch of the CASE is 0 or 1 and at least one is 1: summing it counts rows. */
    private static boolean countsRows(CaseExpression c) {
        if (c.getWhenClauses() == null || c.getWhenClauses().isEmpty()) {
            return false;
        }
        List<Expression> results = new ArrayList<>();
        c.getWhenClauses().forEach(w -> results.add(w.getThenExpression()));
        if (c.getElseExpression() != null) {
            results.add(c.getElseExpression());
        }
        return zeroOrOne(results.toArray(Expression[]::new));
    }

    /** "the total amount", but "the sum of total amount" and "the total of a value ..." where that reads better. */
    private static String aggregatePhrase(String agg, String argument) {
        if (agg.equals("sum") && argument.startsWith("total")) {
            return "the sum of " + argument;
        }
        String template = Vocabulary.AGGREGATE_PHRASES.get(agg);
        boolean article = argument.startsWith("a ") || argument.startsWith("an ") || argument.startsWith("the ");
        if (article && !template.contains(" of %s")) {
            template = template.replace("%s", "of %s");
        }
        return String.format(template, argument);
    }

    /**
     * What COUNT(*) counts. In a join that is the table on the many side: the one whose foreign key
     * points at another joined table and that no joined table points at (orders, not customers).
     * Without a schema to tell, it is just rows.
     */
    String countSubject() {
        if (!scope.multiple()) {
            Scope.Source main = scope.main();
            return main == null || main.name() == null ? "rows" : Words.plural(main.label());
        }
        List<Scope.Source> many = scope.sources().stream()
                .filter(s -> s.table() != null && referencesAnother(s) && !referencedByAnother(s))
                .toList();
        return many.size() == 1 ? Words.plural(many.getFirst().label()) : "rows";
    }

    private boolean referencesAnother(Scope.Source s) {
        return s.table().foreignKeys().stream().anyMatch(fk -> scope.sources().stream()
                .anyMatch(o -> o != s && o.table() != null && o.table().name().equalsIgnoreCase(fk.refTable())));
    }

    private boolean referencedByAnother(Scope.Source s) {
        return scope.sources().stream()
                .filter(o -> o != s && o.table() != null)
                .anyMatch(o -> o.table().foreignKeys().stream()
                        .anyMatch(fk -> fk.refTable().equalsIgnoreCase(s.table().name())));
    }

    private String timePart(TimeExpressions.TimePart part) {
        return part.grain() + " of " + phrase(part.source());
    }

    private String analytic(AnalyticExpression a) {
        String name = a.getName() == null ? "" : a.getName().toLowerCase(Locale.ROOT);
        String agg = Vocabulary.AGGREGATES.get(name);
        String filter = a.getFilterExpression() == null
                ? ""
                : " where " + condition(a.getFilterExpression()).text();
        if (!isWindow(a)) {
            return (agg == null ? Words.humanise(name) + argumentOf(a) : analyticAggregate(agg, a)) + filter;
        }
        List<String> partitions = a.getPartitionExpressionList() == null
                ? List.of()
                : a.getPartitionExpressionList().stream()
                        .map(x -> phrase((Expression) x))
                        .toList();
        String within = partitions.isEmpty() ? "" : " within each " + Words.joinAnd(partitions);
        String by = a.getOrderByElements() == null || a.getOrderByElements().isEmpty()
                ? ""
                : " by " + phrase(a.getOrderByElements().getFirst().getExpression());
        if (RANKING_FUNCTIONS.contains(name)) {
            return "the rank" + by + within;
        }
        if (agg != null) {
            return analyticAggregate(agg, a) + filter + (by.isEmpty() ? "" : " accumulated" + by) + within;
        }
        return Words.humanise(name) + argumentOf(a) + within;
    }

    /** {@code FILTER (WHERE ...)} and {@code WITHIN GROUP} parse as analytic but aggregate like GROUP BY. */
    private static boolean isWindow(AnalyticExpression a) {
        return a.getType() != AnalyticType.FILTER_ONLY && a.getType() != AnalyticType.WITHIN_GROUP;
    }

    private String argumentOf(AnalyticExpression a) {
        return a.getExpression() == null ? "" : " of " + phrase(a.getExpression());
    }

    private String analyticAggregate(String agg, AnalyticExpression a) {
        boolean all = a.isAllColumns() || a.getExpression() == null || a.getExpression() instanceof AllColumns;
        if (agg.equals("count") && a.isDistinct() && !all) {
            concepts.add(ConceptKind.AGG.of("count_distinct"));
            concepts.add(ConceptKind.DISTINCT.flag());
            return "the number of distinct " + Words.plural(phrase(a.getExpression()));
        }
        concepts.add(ConceptKind.AGG.of(agg));
        // SUM(CASE WHEN c THEN 1 ELSE 0 END) counts the rows where c holds.
        if (agg.equals("sum") && !all && countsRows(a.getExpression())) {
            concepts.add(ConceptKind.AGG.of("count"));
        }
        if (agg.equals("count")) {
            return all ? "the number of " + countSubject() : "the count of " + phrase(a.getExpression());
        }
        return aggregatePhrase(agg, all ? "rows" : phrase(a.getExpression()));
    }

    /** Names the conditions; results and the ELSE branch are walked only for the concepts they mention. */
    private String caseExpression(CaseExpression c) {
        List<String> whens = new ArrayList<>();
        if (c.getWhenClauses() != null) {
            for (WhenClause w : c.getWhenClauses()) {
                if (c.getSwitchExpression() == null && guardsDivision(w)) {
                    // "CASE WHEN SUM(x) = 0 THEN NULL ELSE … / SUM(x)": no row is restricted to zero
                    whens.add("it would divide by zero");
                    continue;
                }
                whens.add(
                        c.getSwitchExpression() == null
                                ? condition(w.getWhenExpression()).text()
                                : phrase(c.getSwitchExpression()) + " is " + phrase(w.getWhenExpression()));
                phrase(w.getThenExpression());
            }
        }
        if (c.getElseExpression() != null) {
            phrase(c.getElseExpression());
        }
        return whens.isEmpty() ? "a conditional value" : "a value depending on whether " + Words.joinOr(whens);
    }

    /** {@code WHEN x = 0 THEN NULL}: the guard of a division, which asks nothing of the data. */
    private static boolean guardsDivision(WhenClause w) {
        return w.getThenExpression() instanceof NullValue
                && w.getWhenExpression() instanceof EqualsTo eq
                && ("0".equals(eq.getRightExpression().toString())
                        || "0".equals(eq.getLeftExpression().toString()));
    }

    boolean containsAggregate(Expression e) {
        return switch (e) {
            case null -> false;
            case AnalyticExpression a -> !isWindow(a);
            case Function f ->
                Vocabulary.AGGREGATES.containsKey(functionName(f))
                        || (f.getParameters() != null
                                && f.getParameters().stream().anyMatch(x -> containsAggregate((Expression) x)));
            case BinaryExpression b ->
                containsAggregate(b.getLeftExpression()) || containsAggregate(b.getRightExpression());
            case Parenthesis p -> containsAggregate(p.getExpression());
            case ExpressionList<?> l -> l.stream().anyMatch(x -> containsAggregate((Expression) x));
            case CastExpression c -> containsAggregate(c.getLeftExpression());
            case SignedExpression s -> containsAggregate(s.getExpression());
            case CaseExpression c ->
                c.getWhenClauses() != null
                        && c.getWhenClauses().stream()
                                .anyMatch(w -> containsAggregate(w.getWhenExpression())
                                        || containsAggregate(w.getThenExpression()));
            default -> false;
        };
    }

    /** True for an aggregate over all rows: {@code COUNT(*)}, {@code COUNT(1)}. */
    static boolean isCountAll(Expression e) {
        if (!(e instanceof Function f) || !"count".equals(functionName(f)) || f.isDistinct()) {
            return false;
        }
        List<Expression> args = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
        return f.isAllColumns()
                || args.isEmpty()
                || args.getFirst() instanceof AllColumns
                || args.getFirst() instanceof LongValue;
    }

    // ---- conditions ----

    private static boolean isCondition(Expression e) {
        return e instanceof AndExpression
                || e instanceof OrExpression
                || e instanceof NotExpression
                || e instanceof ComparisonOperator
                || e instanceof Between
                || e instanceof InExpression
                || e instanceof LikeExpression
                || e instanceof IsNullExpression
                || e instanceof ExistsExpression
                || e instanceof IsBooleanExpression;
    }

    Condition condition(Expression e) {
        return switch (e) {
            case null -> Condition.NONE;
            case AndExpression a -> conjunction(flatten(a, AndExpression.class));
            case OrExpression o -> disjunction(flatten(o, OrExpression.class));
            case NotExpression n -> negated(n.getExpression());
            case Parenthesis p -> condition(p.getExpression());
            case ExpressionList<?> l when l.size() == 1 -> condition(l.getFirst());
            case ComparisonOperator c -> comparison(c);
            case Between b -> between(b);
            case InExpression in -> in(in);
            case LikeExpression l -> like(l);
            case IsNullExpression n -> isNull(n);
            case ExistsExpression x -> exists(x, x.isNot());
            case IsBooleanExpression b -> flag(b.getLeftExpression(), b.isTrue() != b.isNot());
            case Column c -> flag(c, true);
            default -> new Condition(phrase(e) + " holds", false);
        };
    }

    private static List<Expression> flatten(Expression e, Class<? extends BinaryExpression> kind) {
        List<Expression> out = new ArrayList<>();
        Expression unwrapped = unwrap(e);
        if (kind.isInstance(unwrapped)) {
            BinaryExpression b = (BinaryExpression) unwrapped;
            out.addAll(flatten(b.getLeftExpression(), kind));
            out.addAll(flatten(b.getRightExpression(), kind));
        } else {
            out.add(e);
        }
        return out;
    }

    private static Expression unwrap(Expression e) {
        Expression cur = e;
        while (true) {
            if (cur instanceof Parenthesis p) {
                cur = p.getExpression();
            } else if (cur instanceof ExpressionList<?> l && l.size() == 1) {
                cur = l.getFirst();
            } else {
                return cur;
            }
        }
    }

    /**
     * Describes ANDed conditions. Bounds on the same date column are merged first, so {@code d >=
     * '2024-01-01' AND d < '2025-01-01'} reads "d is in 2024"; column equalities across tables are
     * join conditions and say nothing about which rows are kept.
     */
    Condition conjunction(List<Expression> parts) {
        Map<String, DateBounds> ranges = new LinkedHashMap<>();
        List<Expression> rest = new ArrayList<>();
        for (Expression raw : parts) {
            Expression p = unwrap(raw);
            if (isJoinCondition(p)) {
                ComparisonOperator c = (ComparisonOperator) p;
                checkJoinKeys((Column) c.getLeftExpression(), (Column) c.getRightExpression());
                continue;
            }
            Optional<DateBound> bound = dateBound(p);
            if (bound.isPresent()) {
                ranges.computeIfAbsent(
                                bound.get().subject().toString(),
                                k -> new DateBounds(bound.get().subject()))
                        .add(bound.get());
            } else {
                rest.add(p);
            }
        }
        List<String> texts = new ArrayList<>();
        boolean aboutColumn = true;
        for (DateBounds r : ranges.values()) {
            List<Concept> found = new ArrayList<>();
            texts.add(phrase(r.subject) + " " + TimeExpressions.rangePhrase(r.from, r.until, found));
            found.forEach(concepts::add);
        }
        for (Expression p : rest) {
            Condition c = condition(p);
            if (!c.isEmpty()) {
                texts.add(p instanceof OrExpression && parts.size() > 1 ? "(" + c.text() + ")" : c.text());
                aboutColumn &= c.aboutColumn();
            }
        }
        return new Condition(Words.joinAnd(texts), aboutColumn);
    }

    private Condition disjunction(List<Expression> parts) {
        List<String> texts = new ArrayList<>();
        for (Expression p : parts) {
            Condition c = condition(p);
            if (!c.isEmpty()) {
                texts.add(c.text());
            }
        }
        return new Condition(Words.joinOr(texts), false);
    }

    private Condition negated(Expression inner) {
        if (unwrap(inner) instanceof ExistsExpression x) {
            return exists(x, !x.isNot());
        }
        // "NOT x IS NULL" asks that x is present: a requirement, not an exclusion.
        if (unwrap(inner) instanceof IsNullExpression n && !n.isNot()) {
            return new Condition(phrase(n.getLeftExpression()) + " is present", true);
        }
        concepts.add(ConceptKind.NEGATION.flag());
        Condition c = condition(inner);
        return new Condition("it is not the case that " + c.text(), false);
    }

    /** The columns an aggregate adds up: its argument, or what the branches of a CASE in it yield. */
    private static List<Column> measuredColumns(Expression arg) {
        return switch (arg) {
            case Column c -> List.of(c);
            case Parenthesis p -> measuredColumns(p.getExpression());
            case CaseExpression c -> {
                List<Column> out = new ArrayList<>();
                if (c.getWhenClauses() != null) {
                    c.getWhenClauses().forEach(w -> out.addAll(measuredColumns(w.getThenExpression())));
                }
                if (c.getElseExpression() != null) {
                    out.addAll(measuredColumns(c.getElseExpression()));
                }
                yield out;
            }
            case null, default -> List.of();
        };
    }

    /**
     * Whether {@code e} is a column that holds whole days (the SQL type DATE where the engine keeps it
     * so): grouping by it is a breakdown per day.
     */
    boolean holdsWholeDays(Expression e) {
        TableInfo table = tableOf(e);
        return table != null
                && dialect != null
                && table.column(columnName(e))
                        .map(col -> dialect.sql().holdsWholeDays(col.type()))
                        .orElse(false);
    }

    /** Whether {@code e} is a column that tells its table's rows apart (its key): a group of one row each. */
    boolean identifiesRows(Expression e) {
        TableInfo table = tableOf(e);
        return table != null && JoinKeys.identifying(table, columnName(e));
    }

    /** The table of the column {@code e} names, when the query's scope tells it; null otherwise. */
    private TableInfo tableOf(Expression e) {
        Scope.Source src = e instanceof Column c ? scope.resolve(c) : null;
        return src == null ? null : src.table();
    }

    private static String columnName(Expression e) {
        return Words.unquote(((Column) e).getColumnName());
    }

    /** Declared types of text: summing text adds nothing up (SQLite reads it as 0). */
    private static final Pattern TEXT_TYPE = Pattern.compile("(?i).*(char|text|clob|string).*");

    private static boolean isText(ColumnInfo c) {
        return c.type() != null && TEXT_TYPE.matcher(c.type()).matches();
    }

    /** Whether the column names another table the query reads (flight.from_airport and airport). */
    private boolean refersToAnother(String column, Scope.Source src) {
        return scope.sources().stream()
                .filter(o -> o != src && o.table() != null)
                .anyMatch(o -> JoinKeys.refersTo(column, o.table()));
    }

    /**
     * Records a sum or average of a column that is no quantity: a key ("SUM(customer_id)"), or text
     * that refers to another table (a text code such as {@code from_airport}).
     * Counting those is meaningful; adding them up never is.
     */
    private void checkMeasure(String agg, Column c) {
        Scope.Source src = scope.resolve(c);
        if (src == null || src.table() == null) {
            return;
        }
        String name = Words.unquote(c.getColumnName());
        Optional<ColumnInfo> info = src.table().column(name);
        if (info.isEmpty()) {
            return;
        }
        if (JoinKeys.identifying(src.table(), name) || (isText(info.get()) && refersToAnother(name, src))) {
            concepts.add(ConceptKind.ODD.of(agg + " of " + name.toLowerCase(Locale.ROOT)));
        }
    }

    /** Records a join on columns that do not look like a key and its reference, when both tables are known. */
    private void checkJoinKeys(Column l, Column r) {
        Scope.Source ls = scope.resolve(l);
        Scope.Source rs = scope.resolve(r);
        if (ls == null || rs == null || ls.table() == null || rs.table() == null) {
            return;
        }
        String lc = Words.unquote(l.getColumnName());
        String rc = Words.unquote(r.getColumnName());
        if (!JoinKeys.plausible(ls.table(), lc, rs.table(), rc)) {
            concepts.add(ConceptKind.ODD.of(
                    ("join " + ls.table().name() + "." + lc + " = " + rs.table().name() + "." + rc)
                            .toLowerCase(Locale.ROOT)));
        }
    }

    private boolean isJoinCondition(Expression e) {
        if (!(e instanceof ComparisonOperator c)
                || !List.of("=", "==").contains(c.getStringExpression().strip())
                || !(c.getLeftExpression() instanceof Column l)
                || !(c.getRightExpression() instanceof Column r)
                || stringLiteral(l).isPresent()
                || stringLiteral(r).isPresent()) {
            return false;
        }
        Scope.Source ls = scope.resolve(l);
        Scope.Source rs = scope.resolve(r);
        if (ls != null && rs != null) {
            return ls != rs;
        }
        return l.getTable() != null
                && r.getTable() != null
                && !l.getTable().getName().equalsIgnoreCase(r.getTable().getName());
    }

    /** One side of a date range: {@code subject op date}, with the date normalised to [from, until). */
    private record DateBound(Expression subject, LocalDate from, LocalDate until) {}

    private static final class DateBounds {
        final Expression subject;
        LocalDate from;
        LocalDate until;

        DateBounds(Expression subject) {
            this.subject = subject;
        }

        void add(DateBound b) {
            if (b.from() != null && (from == null || b.from().isAfter(from))) {
                from = b.from();
            }
            if (b.until() != null && (until == null || b.until().isBefore(until))) {
                until = b.until();
            }
        }
    }

    private Optional<DateBound> dateBound(Expression e) {
        if (!(e instanceof ComparisonOperator c)) {
            return Optional.empty();
        }
        String op = c.getStringExpression().strip();
        Expression subject = c.getLeftExpression();
        Optional<LocalDate> date = TimeExpressions.dateLiteral(c.getRightExpression());
        if (date.isEmpty()) {
            subject = c.getRightExpression();
            date = TimeExpressions.dateLiteral(c.getLeftExpression());
            op = Vocabulary.MIRRORED_OPERATORS.getOrDefault(op, op);
        }
        if (date.isEmpty() || TimeExpressions.isDateLiteral(subject)) {
            return Optional.empty();
        }
        LocalDate d = date.get();
        return switch (op) {
            case ">" -> Optional.of(new DateBound(subject, d.plusDays(1), null));
            case ">=" -> Optional.of(new DateBound(subject, d, null));
            case "<" -> Optional.of(new DateBound(subject, null, d));
            case "<=" -> Optional.of(new DateBound(subject, null, d.plusDays(1)));
            default -> Optional.empty();
        };
    }

    private Condition comparison(ComparisonOperator c) {
        if (isJoinCondition(c)) {
            checkJoinKeys((Column) c.getLeftExpression(), (Column) c.getRightExpression());
            return Condition.NONE;
        }
        String op = c.getStringExpression().strip();
        Expression left = c.getLeftExpression();
        Expression right = c.getRightExpression();
        if (isLiteralLike(left) && !isLiteralLike(right)) {
            Expression tmp = left;
            left = right;
            right = tmp;
            op = Vocabulary.MIRRORED_OPERATORS.getOrDefault(op, op);
        }
        left = asColumn(left);
        boolean aboutColumn = left instanceof Column;
        boolean negative = op.equals("<>") || op.equals("!=");
        String literal = literalValue(right);

        Integer small = literal == null ? null : smallInteger(right);
        String numberedIn = left instanceof Column numbered ? concepts.rankingOrder(numbered.getColumnName()) : null;
        if (small != null && numberedIn != null) {
            Optional<Condition> kept = firstRows(numberedIn, op, small, aboutColumn);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        if (small != null) {
            Optional<Condition> days = dayOfWeek(left, comparisonWith(op, small));
            if (days.isPresent()) {
                return days.get();
            }
        }
        Optional<TimeExpressions.TimePart> part = TimeExpressions.timePart(left);
        if (part.isPresent() && literal != null && (op.equals("=") || op.equals("=="))) {
            List<Concept> found = new ArrayList<>();
            Optional<String> p = TimeExpressions.partEqualsPhrase(part.get(), literal, found);
            if (p.isPresent()) {
                found.forEach(concepts::add);
                return new Condition(phrase(part.get().source()) + " " + p.get(), true);
            }
        }
        // "c.start_date <= m.reg_date + INTERVAL '1 year'" is within a year of another date, not a recent period
        if (!TimeExpressions.isDateLiteral(right) && TimeExpressions.namesNow(right)) {
            concepts.add(ConceptKind.RECENT.flag());
            return new Condition(
                    phrase(left) + " " + Vocabulary.DATE_COMPARISON_PHRASES.getOrDefault(op, op) + " " + phrase(right),
                    aboutColumn);
        }
        Optional<LocalDate> date = TimeExpressions.dateLiteral(right);
        if (date.isPresent()) {
            concepts.add(ConceptKind.YEAR.of(Integer.toString(date.get().getYear())));
            if (negative) {
                concepts.add(ConceptKind.NEGATION.flag());
            }
            return new Condition(
                    phrase(left) + " " + Vocabulary.DATE_COMPARISON_PHRASES.getOrDefault(op, op) + " " + date.get(),
                    aboutColumn);
        }
        String leftText = phrase(left);
        String verb = Vocabulary.COMPARISON_PHRASES.getOrDefault(op, op);
        if (right instanceof Select s) {
            String sub = subqueries.describe(s, scope, depth);
            recordDirection(op);
            return new Condition(leftText + " " + verb + " the result of a subquery that " + sub, aboutColumn);
        }
        if (literal == null) {
            return new Condition(leftText + " " + verb + " " + phrase(right), aboutColumn);
        }
        if (isFlagComparison(left, literal)) {
            boolean truth = TRUE_LITERALS.contains(literal.toLowerCase(Locale.ROOT));
            return flag(left, truth != negative);
        }
        if (left instanceof Column && "0".equals(Words.normaliseNumber(literal)) && ZERO_TESTS.contains(op)) {
            // "stops = 0" is "without stops" and "stops > 0" is "with stops": a question says it in words, not as 0.
            return flag(left, !op.equals("=") && !op.equals("=="));
        }
        if (negative) {
            concepts.add(ConceptKind.NEGATION.flag());
        }
        String number = Words.normaliseNumber(literal);
        if (number != null && Words.isYear(number) && isYearColumn(left)) {
            concepts.add(ConceptKind.YEAR.of(number));
        } else {
            concepts.add(ConceptKind.VALUE.of(number != null ? number : literal.toLowerCase(Locale.ROOT)));
            if (number != null) {
                recordDirection(op);
                recordBound(op, number);
            }
        }
        return new Condition(leftText + " " + verb + " " + literalPhrase(right, literal), aboutColumn);
    }

    /**
     * {@code rn = 1}, {@code rn <= 3} where {@code rn} numbers rows within their groups: the first row
     * of each group ("the latest snapshot of each car", "the first treatment") or the first few ("the
     * top 3 of each category"), not a value 1 or 3 the question names. Empty for other comparisons.
     */
    private Optional<Condition> firstRows(String order, String op, int n, boolean aboutColumn) {
        int kept =
                switch (op) {
                    case "=", "==" -> n == 1 ? 1 : 0;
                    case "<=" -> n;
                    case "<" -> n - 1;
                    default -> 0;
                };
        if (kept < 1) {
            return Optional.empty();
        }
        if (kept > 1) {
            concepts.add(ConceptKind.LIMIT.of(Integer.toString(kept)));
        }
        if (!order.isEmpty()) {
            concepts.add(ConceptKind.ORDER.of(order)); // the first of each group by this order
        }
        return Optional.of(new Condition(
                kept == 1 ? "it is the first row of its group" : "it is among the first " + kept + " rows of its group",
                aboutColumn));
    }

    /**
     * The order an expression numbers rows in within their groups ({@code ROW_NUMBER() OVER (… ORDER BY
     * d DESC)} is "desc"; "" when it names no order), or null when it numbers no rows.
     */
    static String rankingOrder(Expression e) {
        if (!(e instanceof AnalyticExpression a)
                || a.getName() == null
                || !isWindow(a)
                || !RANKING_FUNCTIONS.contains(a.getName().toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (a.getOrderByElements() == null || a.getOrderByElements().isEmpty()) {
            return "";
        }
        return a.getOrderByElements().getFirst().isAsc() ? "asc" : "desc";
    }

    /** The values that pass {@code value op number}. */
    private static IntPredicate comparisonWith(String op, int number) {
        return switch (op) {
            case "=", "==" -> v -> v == number;
            case "<>", "!=" -> v -> v != number;
            case ">" -> v -> v > number;
            case ">=" -> v -> v >= number;
            case "<" -> v -> v < number;
            case "<=" -> v -> v <= number;
            default -> v -> false;
        };
    }

    private static final Map<String, String> BOUND_OPERATORS = Map.of(">", "gt", ">=", "gte", "<", "lt", "<=", "lte");

    /** {@code > 2} is the bound "gt 2": a whole number with its operator, read against the question's bounds. */
    private void recordBound(String op, String number) {
        String name = BOUND_OPERATORS.get(op);
        if (name != null && number.matches("-?\\d{1,9}")) {
            concepts.add(ConceptKind.BOUND.of(name + " " + number));
        }
    }

    private void recordDirection(String op) {
        if (op.startsWith(">")) {
            concepts.add(ConceptKind.COMPARE.of("gt"));
        } else if (op.startsWith("<") && !op.equals("<>")) {
            concepts.add(ConceptKind.COMPARE.of("lt"));
        }
    }

    private boolean isYearColumn(Expression e) {
        return e instanceof Column c && Words.split(c.getColumnName()).contains("year")
                || TimeExpressions.timePart(e)
                        .map(p -> p.grain().equals("year"))
                        .orElse(false);
    }

    private Condition between(Between b) {
        if (b.isNot()) {
            concepts.add(ConceptKind.NEGATION.flag());
        }
        Expression subject = asColumn(b.getLeftExpression());
        Optional<LocalDate> from = TimeExpressions.dateLiteral(b.getBetweenExpressionStart());
        Optional<LocalDate> to = TimeExpressions.dateLiteral(b.getBetweenExpressionEnd());
        String not = b.isNot() ? "it is not the case that " : "";
        if (from.isPresent() && to.isPresent()) {
            List<Concept> found = new ArrayList<>();
            String range = TimeExpressions.rangePhrase(from.get(), to.get().plusDays(1), found);
            found.forEach(concepts::add);
            return new Condition(not + phrase(subject) + " " + range, !b.isNot());
        }
        // "BETWEEN CURRENT_DATE - INTERVAL '6 days' AND CURRENT_DATE": a period ending today
        boolean relative = false;
        for (Expression bound : List.of(b.getBetweenExpressionStart(), b.getBetweenExpressionEnd())) {
            relative |= !TimeExpressions.isDateLiteral(bound) && TimeExpressions.namesNow(bound);
        }
        if (relative) {
            concepts.add(ConceptKind.RECENT.flag());
            return new Condition(
                    not + phrase(subject) + " is between " + phrase(b.getBetweenExpressionStart()) + " and "
                            + phrase(b.getBetweenExpressionEnd()),
                    !b.isNot());
        }
        String low = literalValue(b.getBetweenExpressionStart());
        String high = literalValue(b.getBetweenExpressionEnd());
        for (String v : new String[] {low, high}) {
            if (v != null) {
                String n = Words.normaliseNumber(v);
                boolean year = n != null && Words.isYear(n) && isYearColumn(subject);
                concepts.add(
                        year
                                ? ConceptKind.YEAR.of(n)
                                : ConceptKind.VALUE.of(n != null ? n : v.toLowerCase(Locale.ROOT)));
            }
        }
        return new Condition(
                phrase(subject) + (b.isNot() ? " is not between " : " is between ")
                        + phrase(b.getBetweenExpressionStart()) + " and " + phrase(b.getBetweenExpressionEnd()),
                true);
    }

    private Condition in(InExpression in) {
        Optional<Condition> days = dayOfWeekIn(in);
        if (days.isPresent()) {
            return days.get();
        }
        if (in.isNot()) {
            concepts.add(ConceptKind.NEGATION.flag());
        }
        String subject = phrase(in.getLeftExpression());
        Expression right = unwrapSelect(in.getRightExpression());
        if (right instanceof Select s) {
            String sub = subqueries.describe(s, scope, depth);
            return new Condition(
                    subject + (in.isNot() ? " is not among" : " is among") + " the results of a subquery that " + sub,
                    true);
        }
        List<Expression> items = right instanceof ExpressionList<?> l
                ? l.stream().map(x -> (Expression) x).toList()
                : List.of(right);
        List<String> texts = new ArrayList<>();
        for (Expression item : items) {
            String v = literalValue(item);
            if (v != null) {
                String n = Words.normaliseNumber(v);
                concepts.add(ConceptKind.VALUE.of(n != null ? n : v.toLowerCase(Locale.ROOT)));
                texts.add(literalPhrase(item, v));
            } else {
                texts.add(phrase(item));
            }
        }
        String verb =
                texts.size() == 1 ? (in.isNot() ? " is not " : " is ") : (in.isNot() ? " is none of " : " is one of ");
        return new Condition(
                subject + verb + (in.isNot() && texts.size() > 1 ? Words.joinAnd(texts) : Words.joinOr(texts)), true);
    }

    /** "strftime('%w', d) IN ('0', '6')": the date falls on Saturday or Sunday. */
    private Optional<Condition> dayOfWeekIn(InExpression in) {
        if (!(unwrapSelect(in.getRightExpression()) instanceof ExpressionList<?> l)) {
            return Optional.empty();
        }
        List<Integer> numbers = new ArrayList<>();
        for (Object item : l) {
            Integer n = smallInteger((Expression) item);
            if (n == null) {
                return Optional.empty();
            }
            numbers.add(n);
        }
        return dayOfWeek(in.getLeftExpression(), v -> numbers.contains(v) != in.isNot());
    }

    /**
     * A condition on a date's day of the week, read as the days it keeps (no negation: "NOT IN (0, 6)"
     * keeps the weekdays); empty when {@code left} is no day of the week.
     */
    private Optional<Condition> dayOfWeek(Expression left, IntPredicate holds) {
        return WeekDays.selected(left, holds, dialect)
                .filter(s -> !s.days().isEmpty())
                .map(s -> {
                    s.days()
                            .forEach(d ->
                                    concepts.add(ConceptKind.VALUE.of(d.name().toLowerCase(Locale.ROOT))));
                    return new Condition(
                            phrase(asColumn(s.date())) + " falls on " + DaysOfWeek.describe(s.days()), true);
                });
    }

    private Integer smallInteger(Expression e) {
        String v = literalValue(e);
        String n = v == null ? null : Words.normaliseNumber(v);
        return n != null && n.matches("-?\\d{1,2}") ? Integer.valueOf(n) : null;
    }

    private static Expression unwrapSelect(Expression e) {
        if (e instanceof ExpressionList<?> l && l.size() == 1 && l.getFirst() instanceof Select s) {
            return s;
        }
        return e;
    }

    private Condition like(LikeExpression l) {
        String pattern = literalValue(l.getRightExpression());
        String subject = phrase(l.getLeftExpression());
        if (l.isNot()) {
            concepts.add(ConceptKind.NEGATION.flag());
        }
        if (pattern == null) {
            return new Condition(
                    subject + (l.isNot() ? " does not match " : " matches ") + phrase(l.getRightExpression()), true);
        }
        String core = pattern.replace("%", " ").replace("_", " ").strip().replaceAll("\\s+", " ");
        if (!core.isEmpty()) {
            concepts.add(ConceptKind.VALUE.of(core.toLowerCase(Locale.ROOT)));
        }
        boolean leading = pattern.startsWith("%");
        boolean trailing = pattern.endsWith("%");
        String relation;
        if (leading && trailing) {
            relation = l.isNot() ? " does not contain " : " contains ";
        } else if (trailing) {
            relation = l.isNot() ? " does not start with " : " starts with ";
        } else if (leading) {
            relation = l.isNot() ? " does not end with " : " ends with ";
        } else {
            relation = l.isNot() ? " does not match " : " matches ";
            return new Condition(subject + relation + "'" + pattern + "'", true);
        }
        return new Condition(subject + relation + "'" + core + "'", true);
    }

    private Condition isNull(IsNullExpression n) {
        String subject = phrase(n.getLeftExpression());
        if (n.isNot()) {
            return new Condition(subject + " is present", true);
        }
        concepts.add(ConceptKind.NEGATION.flag());
        return new Condition(subject + " is missing", true);
    }

    private Condition exists(ExistsExpression x, boolean not) {
        if (not) {
            concepts.add(ConceptKind.NEGATION.flag());
        }
        Expression right = unwrapSelect(x.getRightExpression());
        String matching = right instanceof Select s ? subqueries.matchingRows(s, scope, depth) : "matching row";
        return new Condition((not ? "there is no " : "there is a ") + matching, false);
    }

    private Condition flag(Expression subject, boolean truth) {
        List<String> words =
                subject instanceof Column c ? Words.split(c.getColumnName()) : Words.tokens(phrase(subject));
        List<String> meaningful =
                words.stream().filter(w -> !FLAG_PREFIXES.contains(w)).toList();
        String flagWords = String.join(" ", meaningful.isEmpty() ? words : meaningful);
        concepts.add(ConceptKind.FLAG.of(flagWords));
        if (!truth) {
            concepts.add(ConceptKind.NEGATION.flag());
        }
        // "is_active" reads "active is true", not "is active is true".
        String label = subject instanceof Column && !meaningful.isEmpty() && meaningful.size() < words.size()
                ? phrase(subject).replaceFirst("\\b(is|has) ", "")
                : phrase(subject);
        return new Condition(label + (truth ? " is true" : " is false"), true);
    }

    private boolean isFlagComparison(Expression left, String literal) {
        String v = literal.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return true;
        }
        if (YES_NO_LITERALS.contains(v) && left instanceof Column) {
            return true;
        }
        if (!(v.equals("0") || v.equals("1")) || !(left instanceof Column c)) {
            return false;
        }
        List<String> words = Words.split(c.getColumnName());
        if (!words.isEmpty() && FLAG_PREFIXES.contains(words.getFirst())) {
            return true;
        }
        Scope.Source src = scope.resolve(c);
        return src != null
                && src.table() != null
                && src.table()
                        .column(Words.unquote(c.getColumnName()))
                        .map(ColumnInfo::type)
                        .map(t -> t.toLowerCase(Locale.ROOT).startsWith("bool"))
                        .orElse(false);
    }

    /** A bare {@code year} or {@code month} parses as a date unit; in a query's columns it is a column. */
    private static Expression asColumn(Expression e) {
        return e instanceof DateUnitExpression d ? new Column(d.toString()) : e;
    }

    // ---- literals ----

    /** The text of a literal value, or null when the expression is not one. */
    String literalValue(Expression e) {
        return switch (e) {
            case StringValue s -> s.getValue();
            case LongValue v -> v.getStringValue();
            case DoubleValue v -> v.toString();
            case BooleanValue b -> Boolean.toString(b.getValue());
            case SignedExpression s
            when s.getSign() == '-' && literalValue(s.getExpression()) != null -> "-" + literalValue(s.getExpression());
            case Column c -> stringLiteral(c).orElse(null);
            case Parenthesis p -> literalValue(p.getExpression());
            // LOWER('%Computer Science%') is still the value the question names; case folding does not change it.
            case Function f
            when f.getName() != null
                    && CASE_FUNCTIONS.contains(f.getName().toLowerCase(Locale.ROOT))
                    && f.getParameters() != null
                    && f.getParameters().size() == 1 ->
                literalValue((Expression) f.getParameters().getFirst());
            default -> null;
        };
    }

    private static final Set<String> CASE_FUNCTIONS = Set.of("lower", "upper", "lcase", "ucase", "trim");

    private static String literalPhrase(Expression e, String literal) {
        return Words.normaliseNumber(literal) != null || e instanceof BooleanValue ? literal : "'" + literal + "'";
    }

    private boolean isLiteralLike(Expression e) {
        return literalValue(e) != null
                || TimeExpressions.isDateLiteral(e)
                || e instanceof NullValue
                || (!(e instanceof Column) && TimeExpressions.isRelative(e));
    }

    /**
     * A double-quoted token that names no known column, read as a string where the dialect does so
     * (Spider's SQLite queries write {@code name = "Cinema"}).
     */
    private Optional<String> stringLiteral(Column c) {
        String raw = c.getColumnName();
        if (c.getTable() != null || raw == null || raw.length() < 2 || !raw.startsWith("\"") || !raw.endsWith("\"")) {
            return Optional.empty();
        }
        if (dialect != null && !dialect.sql().readsUnknownDoubleQuotedNameAsString()) {
            return Optional.empty();
        }
        String name = Words.unquote(raw);
        return scope.knowsColumn(name) ? Optional.empty() : Optional.of(name);
    }
}
