package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.NumberWords;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.Text.Token;
import dev.querent.semantics.reading.Interpretation.Entity;
import dev.querent.semantics.reading.Interpretation.HavingIntent;
import dev.querent.semantics.reading.Interpretation.MeasureIntent;
import dev.querent.semantics.reading.Interpretation.SortKey;
import dev.querent.semantics.reading.Reading.Agg;
import dev.querent.semantics.reading.Reading.Compare;
import dev.querent.semantics.reading.Reading.Dates;
import dev.querent.semantics.reading.Reading.Grain;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.Negation;
import dev.querent.semantics.reading.Reading.Neutral;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Place;
import dev.querent.semantics.reading.Reading.TextMatch;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides the shape of the answer (aggregate, ranking or listing) from what the walk collected,
 * and gives whatever the question left open a default: the main table, its date column, its
 * label column, COUNT(*), the joins of the tables it names; then penalizes what it could not use.
 */
final class Shaping {
    /** Measure words that are verbs: a measure when nothing else is, otherwise just a verb. */
    private static final Set<String> VERB_NOUNS = Set.of("sold", "spent", "priced");

    /** An aggregate the plan ignores changes the answer; an ignored negation inverts it. */
    private static final double IGNORED_PENALTY = 0.3;

    private static final double IGNORED_NEGATION_PENALTY = 0.5;

    private final Interpretation st;
    private final ColumnChoice columns;
    private final Ranking ranking;

    Shaping(Interpretation st, ColumnChoice columns, Ranking ranking) {
        this.st = st;
        this.columns = columns;
        this.ranking = ranking;
    }

    /** Decides the plan's shape from what the walk found; false when no table could be chosen. */
    boolean shape() {
        List<Item> subjects = st.subjects();
        Set<TableInfo> context = context(subjects);
        boolean needsDate = !st.grains.isEmpty() || !st.pendingDates.isEmpty();
        resolveMeasures(context, needsDate);
        boolean rankListing = ranking.shapeRank(subjects, context, needsDate);
        shapeRankedBy(subjects, context, needsDate);
        shapeHaving(subjects, context, needsDate);
        boolean grouped = !st.d.dims.isEmpty() || !st.grains.isEmpty();
        // a word found only in a comment hints at a column but does not ask for it
        List<Link> freeColumns = st.unused(Link.class).stream()
                .filter(l -> l.target() instanceof ColumnTarget && !l.weak())
                .toList();
        if (!rankListing && st.d.measures.isEmpty() && (grouped || !st.listing)) {
            measureFreeColumns(freeColumns);
        }
        if (st.d.main == null) {
            st.d.main = chooseMain(subjects);
        }
        if (st.d.main == null) {
            return false;
        }
        applyBareAggregates();
        if (st.d.measures.isEmpty() && (grouped || !st.havingIntents.isEmpty())) {
            st.d.addMeasure(new Draft.Measure(Aggregate.COUNT, st.d.main, null, null));
        }
        applyDistinctCounts(subjects);
        applyDefaultsOfMain();
        groupByTheRowsAskedFor();
        groupByListedColumns();
        withoutAReferencedRow();
        groupTalliesOnTheirTable();
        joinMentionedTables();
        if (st.d.measures.isEmpty() && st.d.dims.isEmpty()) {
            listColumns(freeColumns);
        }
        addUpTallies();
        avoidDoubleCounting();
        nothingFromAntiJoined();
        defaultOrder();
        checkAlternatives();
        checkBoth();
        countBothWays();
        penalizeIgnored();
        noteMentionOrder();
        return true;
    }

    /** The tables the question's links name, in the order it names them. */
    private void noteMentionOrder() {
        for (Item it : st.items) {
            TableInfo t = it instanceof Link l ? l.target().table() : null; // a schema names no table
            if (t != null && !st.d.mentioned.contains(t)) {
                st.d.mentioned.add(t);
            }
        }
    }

    /**
     * Whether the rows of {@code measured}, multiplied by the joins, still meet each group once: the
     * plan groups by the key or label of one table {@code g} that the measured table reaches through
     * exactly one one-to-many step ("publications per author": publication → writes → author, or
     * "reviews per business category": review → business → category), and every other table that
     * multiplies the rows lies on that way. Each measured row then joins each row of {@code g} once
     * (a bridge names each pair once), so a total per group adds it once. The same holds for one row
     * of {@code g} picked by its name ("reviews of businesses in the category 'Cafe'").
     */
    private boolean countedOncePerGroup(TableInfo measured, List<TableInfo> others) {
        List<Map.Entry<TableInfo, ColumnInfo>> singled = new ArrayList<>();
        for (Draft.Dimension d : st.d.dims) {
            if (d.grain() == null) {
                singled.add(Map.entry(d.table(), d.column()));
            }
        }
        // "reviews of businesses in the category 'Cafe'": one named row of the far table, which a
        // measured row meets once, as it meets each group once.
        for (Draft.Filter f : st.d.filters) {
            if (f.op() == FilterOp.EQ && f.values().size() == 1) {
                singled.add(Map.entry(f.table(), f.column()));
            }
        }
        for (Map.Entry<TableInfo, ColumnInfo> one : singled) {
            TableInfo g = one.getKey();
            if (g.equals(measured) || !namesRowsOf(g, one.getValue())) {
                continue;
            }
            List<SchemaIndex.Edge> way = st.index.path(List.of(measured), g);
            if (way == null || way.stream().filter(e -> !e.toOne()).count() != 1) {
                continue;
            }
            Set<TableInfo> onTheWay = new java.util.HashSet<>();
            way.forEach(e -> onTheWay.add(e.to()));
            if (others.stream().allMatch(t -> onTheWay.contains(t) || !st.index.fansOut(measured, List.of(t)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A table's key, or a label that names its rows (a name or title): grouping by it keeps the rows
     * of the table apart, but for namesakes. A code or any other column is shared by many rows
     * ({@code flight.airline_code}), and a group of them would meet a measured row more than once.
     */
    private boolean namesRowsOf(TableInfo t, ColumnInfo c) {
        if (st.index.key(t).filter(k -> k.name().equals(c.name())).isPresent()) {
            return true;
        }
        List<String> words = Text.identifierWords(c.name());
        return (words.contains("name") || words.contains("title"))
                && st.index.labelColumns(t).stream().anyMatch(l -> l.name().equals(c.name()));
    }

    /**
     * "The number of students who participated, for each course id", read as the sum of a tally
     * ({@code course_tags_count.participation}): a group named by a column the tally's table has too
     * ({@code course_id}) is that table's own, which keeps each tally once and needs no join.
     */
    private void groupTalliesOnTheirTable() {
        if (st.d.measures.size() != 1) {
            return;
        }
        Draft.Measure m = st.d.measures.getFirst();
        if (m.function() != Aggregate.SUM || m.column() == null || !SchemaIndex.tallies(m.table(), m.column())) {
            return;
        }
        for (int i = 0; i < st.d.dims.size(); i++) {
            Draft.Dimension d = st.d.dims.get(i);
            Optional<ColumnInfo> own = d.table().equals(m.table()) || d.grain() != null
                    ? Optional.empty()
                    : m.table().column(d.column().name());
            if (own.isEmpty()) {
                continue;
            }
            Draft.Dimension swapped = new Draft.Dimension(m.table(), own.get(), null, d.alias());
            st.d.dims.set(i, swapped);
            st.d.orders.replaceAll(o -> o.key() == d ? new Draft.Order(swapped, o.direction()) : o);
            String was = "group by " + d.table().name() + "." + d.column().name();
            st.meanings.replaceAll((item, meaning) -> meaning.equals(was)
                    ? "group by " + m.table().name() + "." + own.get().name()
                    : meaning);
        }
    }

    /**
     * A table whose rows are tallies — each carries a {@code count} of the events it stands for
     * (yelp's {@code checkin}: a business, a day, a count) — is counted by adding up its tallies:
     * "how many check-ins" is {@code SUM(checkin.count)}, not the number of rows.
     */
    private void addUpTallies() {
        for (int i = 0; i < st.d.measures.size(); i++) {
            Draft.Measure m = st.d.measures.get(i);
            if (m.function() != Aggregate.COUNT || m.column() != null) {
                continue;
            }
            Optional<ColumnInfo> tally = SchemaIndex.tallyColumn(m.table());
            if (tally.isEmpty()) {
                continue;
            }
            replaceCount(i, new Draft.Measure(Aggregate.SUM, m.table(), tally.get(), countName(m)));
        }
    }

    /** A count's name for the measure that replaces it: its own, else {@code <table>_count}. */
    private static String countName(Draft.Measure m) {
        return m.name() != null ? m.name() : PlanAssembler.singular(m.table()) + "_count";
    }

    /** The measure at {@code i} replaced, and with it every order and condition on it. */
    private void replaceCount(int i, Draft.Measure replacement) {
        Draft.Measure m = st.d.measures.set(i, replacement);
        st.d.orders.replaceAll(o -> o.key() == m ? new Draft.Order(replacement, o.direction()) : o);
        st.d.having.replaceAll(h -> h.measure() == m ? new Draft.Having(replacement, h.op(), h.values()) : h);
    }

    /** The tables the question is about, which decide what its measure nouns mean. */
    private Set<TableInfo> context(List<Item> subjects) {
        Set<TableInfo> context = new java.util.LinkedHashSet<>();
        subjects.forEach(s -> context.add(((Link) s).target().table()));
        st.d.dims.forEach(x -> context.add(x.table()));
        st.d.filters.forEach(x -> context.add(x.table()));
        if (st.rankEntity != null) {
            context.add(st.rankEntity.table());
        }
        st.measureIntents.forEach(m -> {
            if (m.table() != null) {
                context.add(m.table());
            }
        });
        return context;
    }

    private void resolveMeasures(Set<TableInfo> context, boolean needsDate) {
        for (MeasureIntent mi : st.measureIntents) {
            st.d.addMeasure(columns.measure(mi, context, needsDate));
        }
        for (Noun n : st.unused(Noun.class)) {
            MeasureIntent mi = new MeasureIntent(null, null, null, n);
            if (VERB_NOUNS.contains(n.noun()) && !st.measureIntents.isEmpty()) {
                st.use(n, "(verb)"); // "how many items were sold": the verb adds no second measure
                continue;
            }
            st.use(n, "measure " + n.noun());
            if (st.rank != null && st.rankMeasure == null && st.rankColumn == null) {
                st.rankMeasure = mi;
            } else {
                st.d.addMeasure(columns.measure(mi, context, needsDate));
            }
        }
        for (Map.Entry<Compare, Noun> e : st.nounCompares.entrySet()) {
            columns.numberFilter(columns.nounColumn(e.getValue(), context, needsDate), e.getKey());
        }
    }

    /** "products by revenue": the subject named before "by" is grouped and sorted by the measure. */
    private void shapeRankedBy(List<Item> subjects, Set<TableInfo> context, boolean needsDate) {
        if (st.byMeasure == null) {
            return;
        }
        Draft.Measure m = st.d.addMeasure(columns.measure(st.byMeasure, context, needsDate));
        int byStart = st.items.get(Math.max(st.byMeasurePos, 0)).start();
        Item subject =
                subjects.stream().filter(s -> s.start() < byStart).findFirst().orElse(null);
        if (subject != null && st.d.dims.isEmpty()) {
            st.groupByEntity(Entity.of(((Link) subject).target()), subject);
        }
        st.d.orders.add(new Draft.Order(m, Direction.DESC));
    }

    /**
     * "Which users have posted reviews ... and how many reviews have they posted?": the rows the
     * question opens by asking for are the groups of what it counts, not a condition on it.
     */
    private void groupByTheRowsAskedFor() {
        if (!st.d.dims.isEmpty()
                || st.d.measures.isEmpty()
                || st.r.tokens.size() < 2
                || !st.r.tokens.getFirst().lower().equals("which")) {
            return;
        }
        for (Link l : st.unused(Link.class)) {
            if (l.start() == 1
                    && !l.weak()
                    && l.target() instanceof TableTarget(TableInfo t)
                    && st.d.measures.stream().noneMatch(m -> m.table().equals(t))
                    && !st.index.labelColumns(t).isEmpty()) {
                st.groupByEntity(Entity.of(l.target()), l);
            }
        }
    }

    /**
     * "How many sales were made for each car model? Return the make, model and number of sales.": a
     * grouped answer shows the columns its request sentence lists, so each listed column is a key of
     * the grouping too; a bare "id" there ("Return the id, name and number of transactions") is the
     * key of the one table the answer is grouped by. A measure listed beside columns with no grouping
     * named ("the average sale price for Ford cars. Return make, model and the average") is given for
     * each row of those columns.
     */
    private void groupByListedColumns() {
        if (st.d.measures.isEmpty()) {
            return;
        }
        List<ColumnTarget> listed = new ArrayList<>();
        for (Link l : st.unused(Link.class)) {
            if (!l.weak()
                    && l.target() instanceof ColumnTarget c
                    && listedItem(l)
                    && st.d.measures.stream().noneMatch(m -> c.column().equals(m.column()))
                    && st.index.path(st.d.tables(), c.table()) != null) {
                st.d.addDim(new Draft.Dimension(c.table(), c.column(), null, null));
                st.use(l, "group by " + c.table().name() + "." + c.column().name());
                listed.add(c);
            }
        }
        // "for each coupon … Return the coupon ID": the listed key names the coupons, not their label too
        st.d.dims.removeIf(dim -> dim.grain() == null
                && !listed.contains(new ColumnTarget(dim.table(), dim.column()))
                && st.index.labelColumns(dim.table()).contains(dim.column())
                && listed.stream().anyMatch(c -> st.index.identifies(c, dim.table())));
        List<TableInfo> grouped =
                st.d.dims.stream().map(Draft.Dimension::table).distinct().toList();
        if (grouped.size() != 1) {
            return;
        }
        TableInfo t = grouped.getFirst();
        Optional<ColumnInfo> key = st.index.key(t);
        for (int i = 0; i < st.r.tokens.size() && key.isPresent(); i++) {
            String w = st.r.tokens.get(i).lower();
            if ((w.equals("id") || w.equals("ids")) && st.covering(i) == null && listedAt(i)) {
                st.d.addDim(new Draft.Dimension(t, key.get(), null, null));
                return;
            }
        }
    }

    /** Words that separate or open the items of a list: "Return the make, model and …". */
    private static final Set<String> ITEM_BOUNDS =
            Set.of(",", "and", "or", "the", "their", "its", "his", "her", "me", "us", "both", "also", "only", "of");

    /** Whether a link is a whole item of a list of output columns ("Return the make, model …"). */
    private boolean listedItem(Link l) {
        return listedAt(l.start()) && wholeItem(l);
    }

    /** Whether a link is a whole item of a list ("the make"), not part of one ("the country name"). */
    private boolean wholeItem(Link l) {
        List<Token> tokens = st.r.tokens;
        String before = tokens.get(l.start() - 1).lower();
        boolean opens = ITEM_BOUNDS.contains(before) || Phrases.REQUEST_VERBS.contains(before);
        if (l.end() >= tokens.size()) {
            return opens;
        }
        Token after = tokens.get(l.end());
        return opens
                && (after.kind() == Text.Kind.SYMBOL
                        || after.lower().equals("and")
                        || after.lower().equals("or")
                        || Phrases.LIST_ENDS.contains(after.lower()));
    }

    /** Whether token {@code i} stands in a list of output columns: a sentence opened by a request verb, before any clause. */
    private boolean listedAt(int i) {
        for (int k = i - 1; k >= 0; k--) {
            Token t = st.r.tokens.get(k);
            if (t.kind() == Text.Kind.SYMBOL
                    && (t.lower().equals(".") || t.lower().equals("?"))) {
                return k + 1 < i
                        && Phrases.REQUEST_VERBS.contains(st.r.tokens.get(k + 1).lower());
            }
            if (t.kind() == Text.Kind.QUOTED || Phrases.LIST_ENDS.contains(t.lower())) {
                return false;
            }
        }
        return i > 0 && Phrases.REQUEST_VERBS.contains(st.r.tokens.getFirst().lower());
    }

    /** Words before a table that deny it ("authors with no organization"); articles may stand between. */
    private static final Set<String> DENIALS = Set.of("no", "without");

    private static final Set<String> ARTICLES = Set.of("a", "an", "any");

    /** Most words between a negation and the table it denies ("not part of any organization"). */
    private static final int NEGATED_TABLE_WORDS = 3;

    /**
     * "Which authors are not part of any organization?", "products without a supplier": the main
     * table's own key to that table is empty. Rows of another table that point at the main one
     * ("customers who never placed an order") would need NOT EXISTS; those stay refused.
     */
    private void withoutAReferencedRow() {
        for (Negation n : st.unused(Negation.class)) {
            Link denied = st.unused(Link.class).stream()
                    .filter(l -> l.start() >= n.end() && l.start() <= n.end() + NEGATED_TABLE_WORDS)
                    .findFirst()
                    .orElse(null);
            if (denied != null
                    && st.items.stream()
                            .noneMatch(it -> it.start() >= n.end()
                                    && it.start() < denied.start()
                                    && (it instanceof Link || it instanceof Noun))
                    && emptyKeyTo(denied)) {
                st.use(n, "no " + denied.target().table().name());
            }
        }
        // "authors with no organization", "products without a supplier"
        for (Link l : st.unused(Link.class)) {
            int k = l.start() - 1;
            while (k > 0 && ARTICLES.contains(st.r.tokens.get(k).lower())) {
                k--;
            }
            if (k < 0
                    || st.r.taken[k]
                    || !(l.target() instanceof TableTarget)
                    || !DENIALS.contains(st.r.tokens.get(k).lower())) {
                continue;
            }
            st.r.taken[k] = true;
            if (!emptyKeyTo(l)) {
                // joined, the table would keep exactly the rows the question excludes
                st.unsupported(l, "rows that have none of them");
                st.flagged.add(l);
            }
        }
    }

    /**
     * The main table's rows without a row of the table {@code l} names: its own key to that table is
     * empty ("authors with no organization": {@code author.oid IS NULL}), or no row of that table refers
     * to it ("customers who have not made any transactions": a LEFT JOIN of the transactions on the
     * customer's key, kept where none matched). True when the plan says so; false when the two tables
     * are not one key apart.
     */
    private boolean emptyKeyTo(Link l) {
        if (l.weak() || !(l.target() instanceof TableTarget(TableInfo owner))) {
            return false;
        }
        List<SchemaIndex.Edge> way = st.index.path(List.of(st.d.main), owner);
        if (way == null || way.size() != 1 || way.getFirst().fromColumns().size() != 1) {
            return false;
        }
        SchemaIndex.Edge step = way.getFirst();
        if (!step.toOne()) {
            return noRowRefersTo(l, step);
        }
        Optional<ColumnInfo> key = st.d.main.column(step.fromColumns().getFirst());
        if (key.isEmpty()) {
            return false;
        }
        st.d.addFilter(new Draft.Filter(st.d.main, key.get(), FilterOp.IS_NULL, List.of(), null));
        st.use(l, st.d.main.name() + "." + key.get().name() + " is empty");
        return true;
    }

    /** The anti-join: the referring table joined on the main table's key, kept where nothing matched. */
    private boolean noRowRefersTo(Link l, SchemaIndex.Edge step) {
        Optional<ColumnInfo> reference = step.to().column(step.toColumns().getFirst());
        Optional<ColumnInfo> key = st.d.main.column(step.fromColumns().getFirst());
        if (reference.isEmpty()
                || key.isEmpty()
                || st.d.measures.stream().anyMatch(m -> m.table().equals(step.to()))) {
            return false;
        }
        st.d.joins.add(new QueryPlan.Join(
                QueryPlan.JoinType.LEFT,
                new QueryPlan.ColumnRef(
                        st.d.main.qualifiedName(), step.fromColumns().getFirst()),
                new QueryPlan.ColumnRef(
                        step.to().qualifiedName(), reference.get().name())));
        st.d.addFilter(new Draft.Filter(step.to(), reference.get(), FilterOp.IS_NULL, List.of(), null));
        st.antiJoined.put(step.to(), new Interpretation.AntiJoin(reference.get(), key.get()));
        st.use(l, "no " + step.to().name() + " refers to the " + st.d.main.name());
        return true;
    }

    /**
     * A table joined only to keep the rows none of its rows refers to has nothing to show: its
     * referring column ("the merchant ID" of a coupon) is the main table's key, which is shown
     * instead; any other of its columns, grouped, measured or listed, would be empty.
     */
    private void nothingFromAntiJoined() {
        st.antiJoined.forEach((table, anti) -> {
            ColumnTarget shown = new ColumnTarget(st.d.main, anti.key());
            for (int i = 0; i < st.d.columns.size(); i++) {
                ColumnTarget c = st.d.columns.get(i);
                if (c.table().equals(table) && c.column().equals(anti.reference())) {
                    if (st.d.columns.contains(shown)) {
                        st.d.columns.remove(i--);
                    } else {
                        st.d.columns.set(i, shown);
                    }
                }
            }
            boolean empty = st.d.columns.stream().anyMatch(c -> c.table().equals(table))
                    || st.d.dims.stream().anyMatch(d -> d.table().equals(table))
                    || st.d.measures.stream().anyMatch(m -> m.table().equals(table));
            if (empty) {
                st.penalty += Interpretation.UNSUPPORTED_PENALTY;
                st.issues.add("the rows of " + table.name() + " that none refers to have no " + table.name()
                        + " columns to show");
            }
        });
    }

    /** "customers with at least 3 orders": the groups are the subject, filtered on the count. */
    private void shapeHaving(List<Item> subjects, Set<TableInfo> context, boolean needsDate) {
        for (HavingIntent h : st.havingIntents) {
            Draft.Measure m = st.d.addMeasure(columns.measure(h.measure(), context, needsDate));
            st.d.having.add(new Draft.Having(m, h.op(), h.values()));
            if (st.d.dims.isEmpty()) {
                subjects.stream()
                        .filter(s -> !st.used.contains(s))
                        .filter(s -> !((Link) s).target().table().equals(m.table()) || subjects.size() == 1)
                        .findFirst()
                        .ifPresent(s -> st.groupByEntity(Entity.of(((Link) s).target()), s));
            }
            if (st.d.dims.isEmpty()) {
                // "how many patients had more than 3 appointments": counting groups needs a subquery
                st.unsupported(h.source(), "counting the groups that pass a condition");
            }
        }
    }

    /** "price per category": a numeric column asked for with a grouping is aggregated. */
    private void measureFreeColumns(List<Link> freeColumns) {
        for (Link l : freeColumns) {
            ColumnTarget c = (ColumnTarget) l.target();
            if (SchemaIndex.isNumeric(c.column()) && !SchemaIndex.isKey(c.table(), c.column())) {
                Aggregate fn = Interpretation.defaultAggregate(c.column());
                st.d.addMeasure(new Draft.Measure(fn, c.table(), c.column(), null));
                st.use(l, fn + " of " + c.table().name() + "." + c.column().name());
            }
        }
    }

    /** Aggregates with no words of their own apply to the main table ("how many were delivered"). */
    private void applyBareAggregates() {
        for (Agg a : st.bareAggs) {
            if (a.function() == Aggregate.SUM && !st.d.measures.isEmpty()) {
                st.use(a, "(in total)"); // "how many were sold in total": the count is the total
            } else if (a.function() == Aggregate.COUNT) {
                st.d.addMeasure(new Draft.Measure(Aggregate.COUNT, st.d.main, null, null));
                st.use(a, "COUNT(*) of " + st.d.main.name());
            } else {
                Optional<ColumnInfo> amount = st.index.defaultAmountColumn(st.d.main);
                if (amount.isPresent()) {
                    st.d.addMeasure(new Draft.Measure(a.function(), st.d.main, amount.get(), null));
                    st.use(
                            a,
                            a.function() + " of " + st.d.main.name() + "."
                                    + amount.get().name());
                }
            }
        }
    }

    /** Grains, dates, comparisons and names that named no column apply to the main table's. */
    private void applyDefaultsOfMain() {
        Grain weekday = null;
        for (Grain g : st.grains) {
            if (g.grain() == TimeGrain.WEEK
                    && weekday != null
                    && g.start() > weekday.end()
                    && g.start() - weekday.end() <= 2) {
                // "each day of the week" read from a column of day names: the week is part of it
                st.meanings.put(g, "(day of the week)");
                continue;
            }
            ColumnTarget period = columns.periodColumn(g.grain());
            if (period != null && g.grain() == TimeGrain.DAY) {
                weekday = g;
            }
            if (period != null) {
                st.d.addDim(new Draft.Dimension(period.table(), period.column(), null, null));
                st.meanings.put(
                        g,
                        "group by " + period.table().name() + "."
                                + period.column().name());
                continue;
            }
            ColumnTarget col = columns.dateColumnFor(g);
            if (col != null) {
                st.d.addDim(new Draft.Dimension(col.table(), col.column(), g.grain(), null));
                st.meanings.put(
                        g,
                        "group by " + g.grain().name().toLowerCase(Locale.ROOT) + " of "
                                + col.table().name() + "." + col.column().name());
            } else {
                st.used.remove(g);
            }
        }
        for (Dates dt : st.pendingDates) {
            ColumnTarget year = columns.periodColumn(TimeGrain.YEAR);
            if (year != null && SchemaIndex.isNumeric(year.column()) && ColumnChoice.wholeYears(dt)) {
                columns.yearFilter(year, dt);
                continue;
            }
            ColumnTarget col = columns.dateColumnFor(dt);
            if (col != null) {
                columns.dateFilter(col, dt);
            } else if (dt.isWeekDays()) {
                // "check-ins on weekends" where no column holds a date: dropping the days answers another question
                st.unsupported(dt, "days of the week, but no date of these rows is known");
            }
        }
        String lacking = unlinkedPossession();
        if (lacking != null) {
            // "restaurants that have parking options": a restriction on something no column holds;
            // answering without it answers another question
            st.penalty += Interpretation.UNSUPPORTED_PENALTY;
            String what = lacking.substring(lacking.lastIndexOf(' ') + 1);
            st.issues.add("'" + lacking + "' restricts by " + what + ", which nothing in the schema holds");
        }
        for (Compare c : st.pendingCompares) {
            String counted = unlinkedWordAfter(c);
            if (counted != null) {
                // "businesses with more than 100 employees": the number counts something no column
                // holds; comparing some other amount with it answers another question
                st.penalty += Interpretation.UNSUPPORTED_PENALTY;
                st.issues.add("'" + st.r.text(c) + " " + counted + "' compares " + counted
                        + ", which nothing in the schema holds");
                continue;
            }
            st.index
                    .defaultAmountColumn(st.d.main)
                    .ifPresent(col -> columns.numberFilter(new ColumnTarget(st.d.main, col), c));
        }
        for (Place p : st.unused(Place.class)) {
            columns.place(p);
        }
        for (TextMatch tm : st.pendingMatches) {
            ColumnInfo label = st.index.labelColumns(st.d.main).getFirst();
            if (SchemaIndex.isText(label)) {
                columns.textFilter(new ColumnTarget(st.d.main, label), tm);
                st.penalty += Interpretation.GUESS_PENALTY;
            }
        }
    }

    /** Words that say the rows asked for must have something: "restaurants that have parking". */
    private static final Set<String> POSSESSIONS = Set.of("have", "has", "having", "with");

    /** Words between "have" and what is had: "with a", "have any", "with their". */
    private static final Set<String> BEFORE_A_POSSESSION =
            Set.of("a", "an", "any", "some", "the", "its", "their", "his", "her", "at", "least", "one");

    /** Participles after "have" that make it a verb tense ("have made", "has sold"), not a possession. */
    private static final Set<String> IRREGULAR_PARTICIPLES = Set.of(
            "been", "made", "done", "taken", "given", "sold", "bought", "written", "seen", "won", "paid", "sent",
            "spent", "held", "led", "run", "got", "gotten", "had", "left", "read", "built", "taught", "flown", "chosen",
            "grown", "known", "shown", "begun", "become", "come", "gone", "put", "set", "hit", "cut");

    /** Words after "with" that say how, not what is had ("with respect to"). */
    private static final Set<String> WITH_PHRASES = Set.of("respect", "regard", "regards", "reference");

    /**
     * "Have", "has" or "with" followed by a word the question did not link ("restaurants that have
     * parking options", "businesses with wifi"): the words, when the rows must have what no column
     * holds; else null. A participle after "have" is a tense ("customers who have placed orders").
     */
    private String unlinkedPossession() {
        List<Token> tokens = st.r.tokens;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Item holder = st.covering(i);
            if (!POSSESSIONS.contains(tokens.get(i).lower()) || (holder != null && !(holder instanceof Neutral))) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size()
                    && !st.r.taken[j]
                    && BEFORE_A_POSSESSION.contains(tokens.get(j).lower())) {
                j++;
            }
            if (!st.unlinkedWord(j)) {
                continue;
            }
            Token t = tokens.get(j);
            String w = t.lower();
            boolean participle = w.endsWith("ed") || IRREGULAR_PARTICIPLES.contains(w);
            // "with ID 3" names a key
            if (!participle
                    && !w.equals("id")
                    && !w.equals("ids")
                    && !WITH_PHRASES.contains(w)
                    && !UNITS.contains(t.stem())
                    && !NumberWords.ALL.containsKey(w)) {
                return Text.span(tokens, i, j + 1);
            }
        }
        return null;
    }

    /**
     * Words a number may be written with beside the units of measure: "over 100 points" compares an
     * amount, not points; "fewer than a hundred thousand people" a population.
     */
    private static final Set<String> UNITS = Stream.concat(
                    Phrases.UNITS_OF_MEASURE.stream(),
                    Stream.of(
                            "usd",
                            "eur",
                            "point",
                            "time",
                            "day",
                            "week",
                            "month",
                            "year",
                            "people",
                            "inhabitant",
                            "resident"))
            .collect(Collectors.toUnmodifiableSet());

    /** The word right after a comparison's number when it names nothing the question linked, else null. */
    private String unlinkedWordAfter(Compare c) {
        int k = c.end();
        if (k >= st.r.tokens.size() || st.r.taken[k] || !st.r.content(k)) {
            return null;
        }
        Token t = st.r.tokens.get(k);
        return t.kind() == Text.Kind.WORD && !UNITS.contains(t.stem()) ? t.raw() : null;
    }

    /**
     * Tables the question names but no role claimed still restrict the rows: "customers with a
     * loan" are customers joined to loans. Weak (comment) mentions do not count.
     */
    private void joinMentionedTables() {
        for (Link l : st.unused(Link.class)) {
            if (l.target() instanceof TableTarget(TableInfo t)
                    && !l.weak()
                    && !st.d.tables().contains(t)) {
                if (st.index.path(st.d.tables(), t) != null) {
                    st.d.joined.add(t);
                    st.use(l, "only " + st.d.main.name() + " with matching " + t.name());
                } else {
                    // "rivers in countries with a lake": leaving the lakes out answers another question
                    st.penalty += Interpretation.UNSUPPORTED_PENALTY;
                    st.issues.add("'" + st.r.text(l) + "' names " + t.name() + ", but no relationship of the schema"
                            + " joins it to " + st.d.main.name());
                    st.flagged.add(l);
                }
            }
        }
    }

    /**
     * Joining along a foreign key backwards repeats rows (one order, many items). Counts then
     * count distinct keys and listings drop duplicates; sums and averages would be wrong, so they
     * cost confidence.
     */
    void avoidDoubleCounting() {
        for (int i = 0; i < st.d.measures.size(); i++) {
            Draft.Measure m = st.d.measures.get(i);
            List<TableInfo> others =
                    st.d.tables().stream().filter(t -> !t.equals(m.table())).toList();
            if (!st.index.fansOut(m.table(), others)) {
                continue;
            }
            Optional<ColumnInfo> key = st.index.key(m.table());
            if (m.function() == Aggregate.COUNT && m.column() == null && key.isPresent()) {
                replaceCount(i, new Draft.Measure(Aggregate.COUNT_DISTINCT, m.table(), key.get(), countName(m)));
            } else if (countedOncePerGroup(m.table(), others)) {
                // "citations received by each author": a publication meets each of its authors once
                continue;
            } else if (m.function() == Aggregate.SUM
                    || m.function() == Aggregate.AVG
                    || m.function() == Aggregate.COUNT) {
                st.penalty += Interpretation.UNSUPPORTED_PENALTY;
                st.issues.add(m.function() + " of " + m.table().name()
                        + (m.column() == null ? "" : "." + m.column().name())
                        + " would count rows more than once when joined to "
                        + others.stream().map(TableInfo::name).collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        if (st.d.measures.isEmpty()
                && st.d.dims.isEmpty()
                && st.index.fansOut(
                        st.d.main,
                        st.d.tables().stream()
                                .filter(t -> !st.antiJoined.containsKey(t))
                                .toList())) {
            st.d.distinct = true;
        }
    }

    /**
     * "delivered or shipped" on one column is an IN. An "or" between conditions on different columns
     * ("first name starts with J or last name contains son"), or between two comparisons of one
     * column, makes their filters alternatives of which any one is enough. Next to a condition whose
     * alternative was not understood ("grade A or C" when only C links) it cannot be expressed: the
     * plan would answer the condition alone.
     */
    private void checkAlternatives() {
        for (int i = 1; i + 1 < st.r.tokens.size(); i++) {
            if (st.r.taken[i] || !st.r.tokens.get(i).lower().equals("or")) {
                continue;
            }
            Item left = st.covering(i - 1);
            Item right = st.covering(i + 1);
            ColumnTarget l = left == null ? null : st.filterOn.get(left);
            ColumnTarget rt = right == null ? null : st.filterOn.get(right);
            if (l != null || rt != null) {
                // "'Ford' in their make name or 'Mustang' in the model name", "first name starts with 'J'
                // or last name contains 'son'": the conditions nearest the "or" on either side
                l = l != null ? l : conditionNear(i, -1);
                rt = rt != null ? rt : conditionNear(i, 1);
            }
            if (l == null && rt == null) {
                continue; // "lakes or rivers", "one or the other": not between conditions
            }
            ColumnTarget both = l;
            boolean sameColumnValues = l != null
                    && l.equals(rt)
                    && ((left instanceof Link ll
                                    && ll.target() instanceof ValueTarget
                                    && right instanceof Link rl
                                    && rl.target() instanceof ValueTarget)
                            // "uninsured or on Medicaid": words between, the two values already one IN
                            || st.d.filters.stream()
                                    .anyMatch(f -> on(f, both)
                                            && f.op() == FilterOp.IN
                                            && f.values().size() == 2));
            if (!sameColumnValues && !alternatives(l, rt)) {
                st.penalty += Interpretation.UNSUPPORTED_PENALTY;
                st.issues.add("'" + Text.span(st.r.tokens, Math.max(0, i - 1), Math.min(st.r.tokens.size(), i + 2))
                        + "' asks for either of two conditions, which a plan cannot combine");
            }
        }
    }

    /** Most words between an "or" and the condition it joins. */
    private static final int ALTERNATIVE_REACH = 4;

    /**
     * The column of the condition nearest token {@code or} in direction {@code step} (-1 before, 1
     * after), within a few words and not past another "and", "or" or comma; null if none.
     */
    private ColumnTarget conditionNear(int or, int step) {
        for (int k = or + step; k >= 0 && k < st.r.tokens.size() && Math.abs(k - or) <= ALTERNATIVE_REACH; k += step) {
            String w = st.r.tokens.get(k).lower();
            if (w.equals("and") || w.equals("or") || w.equals(",")) {
                return null;
            }
            Item it = st.covering(k);
            ColumnTarget c = it == null ? null : st.filterOn.get(it);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * Makes the filters on either side of an "or" alternatives: one filter on each of two columns, or
     * two filters on one column; false (nothing changed) when the two sides are not such filters.
     */
    private boolean alternatives(ColumnTarget left, ColumnTarget right) {
        if (left == null || right == null) {
            return false;
        }
        List<Draft.Filter> either =
                st.d.filters.stream().filter(f -> on(f, left) || on(f, right)).toList();
        boolean twoColumns = !left.equals(right)
                && either.stream().filter(f -> on(f, left)).count() == 1
                && either.stream().filter(f -> on(f, right)).count() == 1;
        if (either.size() != 2 || !(twoColumns || left.equals(right))) {
            return false;
        }
        st.d.filters.removeAll(either);
        st.d.alternatives.add(either);
        return true;
    }

    private static boolean on(Draft.Filter f, ColumnTarget c) {
        return f.table().equals(c.table())
                && f.column().name().equals(c.column().name());
    }

    /** "countries with both lakes and rivers": rows that match two sets at once need an intersection. */
    private void checkBoth() {
        for (int i = 0; i + 1 < st.r.tokens.size(); i++) {
            if (!st.r.tokens.get(i).lower().equals("both")) {
                continue;
            }
            int at = i;
            // "both lakes and rivers", "both the domain 'A' and the domain 'B'": the first two sets of one
            // kind after "both" with an "and" between them
            List<Link> sets = st.items.stream()
                    .filter(it -> it.start() > at && it.start() <= at + BOTH_WINDOW)
                    .filter(it -> it instanceof Link l && setLike(l))
                    .map(Link.class::cast)
                    .toList();
            Link first = firstOfTwoSetsJoinedByAnd(sets);
            if (first != null) {
                st.unsupported(first, "rows that match both of two sets (an intersection)");
            }
        }
    }

    /** The first of two sets of one kind (tables, or values) with an "and" between them; null if none. */
    private Link firstOfTwoSetsJoinedByAnd(List<Link> sets) {
        for (int x = 0; x < sets.size(); x++) {
            for (int y = x + 1; y < sets.size(); y++) {
                Link a = sets.get(x);
                Link b = sets.get(y);
                if (a.target().getClass() == b.target().getClass()
                        && a.end() < b.start()
                        && Text.span(st.r.tokens, a.end(), b.start())
                                .toLowerCase(Locale.ROOT)
                                .matches("(?s).*\\band\\b.*")) {
                    return a;
                }
            }
        }
        return null;
    }

    /** How many words after "both" its two sets may reach. */
    private static final int BOTH_WINDOW = 12;

    private static boolean setLike(Link l) {
        return l.target() instanceof TableTarget || l.target() instanceof ValueTarget;
    }

    /**
     * "How many course offerings have a final exam and how many do not?": one count per value of the
     * flag the first count asks about, rather than the count of the rows that have it.
     */
    private void countBothWays() {
        int not =
                Phrases.bothWaysNegation(st.r.tokens.stream().map(Token::lower).toList());
        if (not < 0 || st.d.measures.size() != 1 || !st.d.dims.isEmpty()) {
            return;
        }
        Negation negation = st.unused(Negation.class).stream()
                .filter(n -> n.start() <= not && not < n.end())
                .findFirst()
                .orElse(null);
        List<Draft.Filter> flags = st.d.filters.stream()
                .filter(f -> f.op() == FilterOp.EQ && SchemaIndex.isBoolean(f.column()))
                .toList();
        if (negation == null || flags.size() != 1) {
            return;
        }
        Draft.Filter flag = flags.getFirst();
        st.d.filters.remove(flag);
        st.d.addDim(new Draft.Dimension(flag.table(), flag.column(), null, null));
        st.use(
                negation,
                "one count per value of " + flag.table().name() + "."
                        + flag.column().name());
    }

    /** Negations, aggregates and unsupported requests the plan does not honour change the answer. */
    private void penalizeIgnored() {
        for (Item it : st.items) {
            if (st.used.contains(it) || st.flagged.contains(it)) {
                continue;
            }
            switch (it) {
                case Negation n -> {
                    st.penalty += IGNORED_NEGATION_PENALTY;
                    st.issues.add("'" + st.r.text(n) + "' could not be applied");
                }
                case Agg a -> {
                    st.penalty += IGNORED_PENALTY;
                    st.issues.add("'" + st.r.text(a) + "' has nothing to apply to");
                }
                case Reading.Unsupported u -> st.unsupported(u, u.what());
                default -> {}
            }
        }
    }

    /** "how many distinct customers ordered": count the key of the table that references them. */
    private void applyDistinctCounts(List<Item> subjects) {
        for (int i = 0; i < st.d.measures.size(); i++) {
            Draft.Measure m = st.d.measures.get(i);
            if (m.function() != Aggregate.COUNT_DISTINCT || m.column() != null) {
                continue;
            }
            Draft.Measure replacement = new Draft.Measure(Aggregate.COUNT, m.table(), null, null);
            for (Item s : subjects) {
                TableInfo fact = ((Link) s).target().table();
                Optional<SchemaIndex.Edge> edge = Optional.ofNullable(st.index.path(List.of(fact), m.table()))
                        .filter(p -> p.size() == 1)
                        .map(List::getFirst);
                if (!fact.equals(m.table())
                        && edge.isPresent()
                        && edge.get().fromColumns().size() == 1) {
                    ColumnInfo fk =
                            fact.column(edge.get().fromColumns().getFirst()).orElseThrow();
                    replacement = new Draft.Measure(
                            Aggregate.COUNT_DISTINCT, fact, fk, PlanAssembler.singular(m.table()) + "_count");
                    st.use(s, "table " + fact.qualifiedName());
                    if (st.d.main == m.table()) {
                        st.d.main = fact;
                    }
                    break;
                }
            }
            st.d.measures.set(i, replacement);
        }
        if (!st.d.measures.isEmpty()) {
            // the counted table is what the query reads from, joined to the rest
            st.d.main = st.d.measures.getFirst().table();
        }
    }

    private TableInfo chooseMain(List<Item> subjects) {
        if (!st.d.measures.isEmpty()) {
            return st.d.measures.getFirst().table();
        }
        for (Item s : subjects) {
            if (((Link) s).target() instanceof TableTarget(TableInfo t)) {
                return t;
            }
        }
        if (!subjects.isEmpty()) {
            return ((Link) subjects.getFirst()).target().table();
        }
        if (!st.d.dims.isEmpty()) {
            return st.d.dims.getFirst().table();
        }
        if (!st.d.filters.isEmpty()) {
            return st.d.filters.getFirst().table();
        }
        for (Link l : st.unused(Link.class)) {
            if (l.target().table() != null) {
                return l.target().table();
            }
        }
        return null;
    }

    private void listColumns(List<Link> freeColumns) {
        for (Link l : freeColumns) {
            ColumnTarget earlier = namedAgain(l);
            if (earlier != null) {
                st.use(
                        l,
                        "show " + earlier.table().name() + "."
                                + earlier.column().name());
                continue;
            }
            if (!st.used.contains(l)
                    && l.target() instanceof ColumnTarget c
                    && st.index.path(st.d.tables(), c.table()) != null) {
                if ((saysTheirs(l) || ranksTheRowsOf(l))
                        && !st.d.columns.stream().anyMatch(x -> x.table().equals(c.table()))) {
                    // "the cities and their population", "the highest mountains ... by altitude":
                    // the rows themselves, then the column
                    st.index.labelColumns(c.table()).stream()
                            .map(x -> new ColumnTarget(c.table(), x))
                            .filter(x -> !x.equals(c) && !st.d.columns.contains(x))
                            .forEach(st.d.columns::add);
                }
                st.d.columns.add(c);
                st.use(l, "show " + c.table().name() + "." + c.column().name());
            }
        }
        // "Show both courses and scores": a table listed to show is shown by its labels
        for (Link l : st.items.stream()
                .filter(Link.class::isInstance)
                .map(Link.class::cast)
                .toList()) {
            if (!st.d.columns.isEmpty()
                    && l.target() instanceof TableTarget(TableInfo t)
                    && listedItem(l)
                    && st.index.path(st.d.tables(), t) != null) {
                st.index.labelColumns(t).stream()
                        .map(c -> new ColumnTarget(t, c))
                        .filter(c -> !st.d.columns.contains(c))
                        .toList()
                        .reversed()
                        .forEach(st.d.columns::addFirst);
                st.use(l, "show " + t.name());
            }
        }
        if (st.d.columns.isEmpty() && asksWhichRows()) {
            // "Which state has the largest area?": which rows, and what they were ranked by
            st.index.labelColumns(st.d.main).forEach(c -> st.d.columns.add(new ColumnTarget(st.d.main, c)));
            if (!st.d.columns.contains(st.rankColumn)) {
                st.d.columns.add(st.rankColumn);
            }
        } else if (st.d.columns.isEmpty() && asksWhich()) {
            // "Which courses have a final exam?": the courses, by name
            st.index.labelColumns(st.d.main).forEach(c -> st.d.columns.add(new ColumnTarget(st.d.main, c)));
        }
        if (st.d.columns.isEmpty()) {
            st.d.main.columns().forEach(c -> st.d.columns.add(new ColumnTarget(st.d.main, c)));
        }
        if (st.distinct != null && !st.d.columns.isEmpty()) {
            st.d.distinct = true;
            st.use(st.distinct, "distinct rows");
        }
    }

    /**
     * "What are the easiness scores …? Show both courses and scores.": one word that repeats the last
     * word of a column named earlier in full is that column again, not another column of that name.
     */
    private ColumnTarget namedAgain(Link l) {
        if (l.end() - l.start() != 1 || !(l.target() instanceof ColumnTarget c)) {
            return null;
        }
        String stem = st.r.tokens.get(l.start()).stem();
        for (Item it : st.items) {
            if (it instanceof Link before
                    && before.end() <= l.start()
                    && before.end() - before.start() > 1
                    && st.used.contains(before)
                    && before.target() instanceof ColumnTarget named
                    && !named.equals(c)
                    && st.d.columns.contains(named)
                    && st.r.tokens.get(before.end() - 1).stem().equals(stem)) {
                return named;
            }
        }
        return null;
    }

    /** "... and their population", "... with its area": the column is shown next to the rows it belongs to. */
    private boolean saysTheirs(Link column) {
        int k = column.start();
        if (k < 2) {
            return false;
        }
        String possessive = st.r.tokens.get(k - 1).lower();
        String joiner = st.r.tokens.get(k - 2).lower();
        return Set.of("their", "its").contains(possessive)
                && Set.of("and", "with").contains(joiner)
                && tableNamedBefore(column, k - 2);
    }

    /**
     * "Which state has the largest area?", "What are the lakes with the largest area?": a question
     * asking which rows of a table with names rank highest by one of its columns. "Show the 10 most
     * recent orders" asks for the rows themselves, and keeps all their columns.
     */
    private boolean asksWhichRows() {
        return st.rank != null
                && st.rankColumn != null
                && st.rankColumn.table().equals(st.d.main)
                && asksForNames(Set.of("which", "what"));
    }

    /** "Which lakes start with 'Lake'?": a question naming rows of a table that has names asks which ones. */
    private boolean asksWhich() {
        return asksForNames(Set.of("which"));
    }

    private boolean asksForNames(Set<String> openers) {
        return !st.r.tokens.isEmpty()
                && openers.contains(st.r.tokens.getFirst().lower())
                && st.index.labelColumns(st.d.main).stream().allMatch(SchemaIndex::isText);
    }

    /**
     * "Which states have the highest density", "the highest mountains ... by altitude": a ranking
     * of the rows of a table the question names before the column, so the answer says which rows.
     */
    private boolean ranksTheRowsOf(Link column) {
        return st.rank != null && tableNamedBefore(column, column.start());
    }

    private boolean tableNamedBefore(Link column, int position) {
        return st.items.stream()
                .anyMatch(it -> it.end() <= position
                        && it instanceof Link l
                        && !l.weak()
                        && l.target() instanceof TableTarget(TableInfo t)
                        && t.equals(((ColumnTarget) column.target()).table()));
    }

    /**
     * "the keyphrases of each paper, ordered by the paper ID": the rows are grouped by the paper's
     * name, and the order names its key, so each paper is grouped by its key instead — which also
     * keeps two papers of the same title apart. Any other column orders as itself.
     */
    private Draft.OrderKey groupedByKey(ColumnTarget c) {
        boolean isKey = st.index
                .key(c.table())
                .map(k -> k.name().equals(c.column().name()))
                .orElse(false);
        if (!isKey) {
            return c;
        }
        for (int i = 0; i < st.d.dims.size(); i++) {
            Draft.Dimension dim = st.d.dims.get(i);
            if (dim.grain() == null
                    && dim.table().equals(c.table())
                    && !dim.column().name().equals(c.column().name())
                    && st.d.dims.stream()
                            .noneMatch(x -> x.column().name().equals(c.column().name())
                                    && x.table().equals(c.table()))) {
                Draft.Dimension byKey = new Draft.Dimension(c.table(), c.column(), null, null);
                st.d.dims.set(i, byKey);
                return byKey;
            }
        }
        return c;
    }

    void defaultOrder() {
        if (st.sortKey != null) {
            Draft.OrderKey key =
                    switch (st.sortKey) {
                        case SortKey.ByColumn(ColumnTarget c) ->
                            st.d.measures.stream()
                                    .filter(m -> c.column().equals(m.column()))
                                    .findFirst()
                                    .map(Draft.OrderKey.class::cast)
                                    .orElseGet(() -> groupedByKey(c));
                        case SortKey.ByMeasure(MeasureIntent mi) ->
                            st.d.addMeasure(columns.measure(mi, Set.copyOf(st.d.tables()), false));
                        case SortKey.ByGrain(TimeGrain g) ->
                            st.d.dims.stream()
                                    .filter(x -> x.grain() == g
                                            || (x.grain() == null
                                                    && st.index
                                                            .periodColumn(x.table(), g)
                                                            .map(x.column()::equals)
                                                            .orElse(false)))
                                    .findFirst()
                                    .map(Draft.OrderKey.class::cast)
                                    .orElse(null);
                    };
            if (key != null) {
                st.d.orders.addFirst(new Draft.Order(key, st.direction == null ? Direction.ASC : st.direction));
            }
        }
        if (st.direction != null && !st.d.orders.isEmpty()) {
            st.d.orders.replaceAll(o -> new Draft.Order(o.key(), st.direction));
        }
        if (!st.d.orders.isEmpty()) {
            return;
        }
        Direction dir = st.direction;
        for (Draft.Dimension dim : st.d.dims) {
            if (dim.grain() != null) {
                st.d.orders.add(new Draft.Order(dim, dir == null ? Direction.ASC : dir));
                return;
            }
        }
        if (!st.d.dims.isEmpty() && !st.d.measures.isEmpty()) {
            st.d.orders.add(new Draft.Order(st.d.measures.getFirst(), dir == null ? Direction.DESC : dir));
        } else if (dir != null && !st.d.columns.isEmpty()) {
            st.d.orders.add(new Draft.Order(st.d.columns.getFirst(), dir));
        }
    }
}
