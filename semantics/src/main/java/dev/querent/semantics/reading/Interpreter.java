package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Binding;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.Reading.Agg;
import dev.querent.semantics.reading.Reading.Compare;
import dev.querent.semantics.reading.Reading.Dates;
import dev.querent.semantics.reading.Reading.Dir;
import dev.querent.semantics.reading.Reading.Distinct;
import dev.querent.semantics.reading.Reading.FollowCue;
import dev.querent.semantics.reading.Reading.Grain;
import dev.querent.semantics.reading.Reading.Group;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Limit;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.ListVerb;
import dev.querent.semantics.reading.Reading.Negation;
import dev.querent.semantics.reading.Reading.Neutral;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Place;
import dev.querent.semantics.reading.Reading.Quoted;
import dev.querent.semantics.reading.Reading.Rank;
import dev.querent.semantics.reading.Reading.Remove;
import dev.querent.semantics.reading.Reading.Sort;
import dev.querent.semantics.reading.Reading.TextMatch;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.SchemaTarget;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.SchemaIndex.Target;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import dev.querent.semantics.reading.Vocabulary.Cue;
import dev.querent.semantics.reading.Vocabulary.RankKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives the items of a {@link Reading} their roles in a plan. A first walk pairs markers with the
 * words they govern ("average" → "order value", "per" → "month", "top 5" → "products"); then
 * literals attach to the columns next to them; then the shape is decided (aggregate, ranking or
 * listing) and whatever the question left open gets a default (the main table's date column, its
 * label column, COUNT(*)).
 */
public final class Interpreter {

    /** An aggregate asked for; {@code noun} set when the column is still to be chosen from context. */
    private record MeasureIntent(Aggregate function, TableInfo table, ColumnInfo column, Noun noun) {}

    private record AppliedDates(ColumnTarget column, Dates dates) {}

    private record HavingIntent(MeasureIntent measure, FilterOp op, List<String> values, Item source) {}

    private static final Map<String, String> NOUN_ALIASES = Map.of(
            "revenue", "revenue", "sale", "sales", "turnover", "turnover", "income", "income", "earning", "earnings");

    /** Measure nouns of events (sales, spending), which live in fact tables. */
    private static final Set<String> TRANSACTIONAL = Set.of(
            "revenue", "sale", "turnover", "income", "earning", "spend", "spending", "spent", "sold", "unit", "volume");

    /** Measure words that are verbs: a measure when nothing else is, otherwise just a verb. */
    private static final Set<String> VERB_NOUNS = Set.of("sold", "spent", "priced");

    /** Asking for what a plan cannot express costs this much confidence. */
    private static final double UNSUPPORTED_PENALTY = 0.6;

    /** A word that fits two tables about equally well was a close call. */
    private static final double AMBIGUITY_PENALTY = 0.1;

    /** A word found only in a table's or column's comment is a softer link than its name. */
    private static final double WEAK_LINK_PENALTY = 0.05;

    /** A literal put on a column by position only ("in Hamburg" → the city) is a guess. */
    private static final double GUESS_PENALTY = 0.1;

    /** An aggregate the plan ignores changes the answer; an ignored negation inverts it. */
    private static final double IGNORED_PENALTY = 0.3;

    private static final double IGNORED_NEGATION_PENALTY = 0.5;

    private static final List<String> NON_ADDITIVE =
            List.of("price", "rate", "ratio", "percent", "pct", "score", "rating", "age", "margin", "discount");

    private final SchemaIndex index;
    private final Reading r;
    private final List<Item> items;
    private final Set<Item> used = new HashSet<>();
    private final Map<Item, String> meanings = new LinkedHashMap<>();
    private final Draft d;
    private double penalty;

    private final List<MeasureIntent> measureIntents = new ArrayList<>();
    private final List<Agg> bareAggs = new ArrayList<>();
    private final List<Grain> grains = new ArrayList<>();
    private final List<Dates> pendingDates = new ArrayList<>();
    private final List<Compare> pendingCompares = new ArrayList<>();
    private final List<TextMatch> pendingMatches = new ArrayList<>();
    private final List<HavingIntent> havingIntents = new ArrayList<>();
    private final List<ColumnTarget> dateColumnsUsed = new ArrayList<>();
    /** Links that an aggregate took as its column: a comparison next to them filters groups. */
    private final Map<Item, MeasureIntent> aggregated = new LinkedHashMap<>();
    /** What the question asks that a plan cannot express, for the explanation. */
    private final List<String> issues = new ArrayList<>();

    /** Items already penalized as unsupported, so not penalized again as ignored. */
    private final Set<Item> flagged = new HashSet<>();

    private final List<AppliedDates> datesApplied = new ArrayList<>();
    /** The column each literal of the question filters, to check what an "or" between them means. */
    private final Map<Item, ColumnTarget> filterOn = new LinkedHashMap<>();
    /** Comparisons next to a measure word ("spent more than 1000"), resolved with the noun. */
    private final Map<Compare, Noun> nounCompares = new LinkedHashMap<>();
    /** Set while editing a previous plan: tables new to the plan are then not understood for free. */
    private boolean refining;

    /** Guesses a person could make instead, recorded where each is made. */
    private final Ambiguities ambiguities = new Ambiguities();

    /** Measure words fitting columns whose costs differ by less than this are a close call. */
    private static final double MEASURE_CLOSE_CALL = 0.5;

    /** What a ranking ranks: the rows of a table, or the values of one of its columns. */
    private sealed interface Entity {
        TableInfo table();

        String describe();

        /** Whether a schema link names this entity. */
        boolean namedBy(Target target);

        record Rows(TableInfo table) implements Entity {
            @Override
            public String describe() {
                return table.name();
            }

            @Override
            public boolean namedBy(Target target) {
                return target instanceof TableTarget(TableInfo t) && t.equals(table);
            }
        }

        record Values(ColumnTarget column) implements Entity {
            @Override
            public TableInfo table() {
                return column.table();
            }

            @Override
            public String describe() {
                return column.table().name() + "." + column.column().name();
            }

            @Override
            public boolean namedBy(Target target) {
                return target.equals(column);
            }
        }

        /** The entity a subject link names: subjects are tables, or text columns standing for their values. */
        static Entity of(Target target) {
            return switch (target) {
                case TableTarget(TableInfo t) -> new Rows(t);
                case ColumnTarget c -> new Values(c);
                // subjects() and subjectBefore() take only table and column links
                case ValueTarget v -> throw new IllegalArgumentException("a value is not a subject: " + v.value());
                case SchemaTarget sc -> throw new IllegalArgumentException("a schema is not a subject: " + sc.schema());
            };
        }
    }

    /** What "sorted by …" names: a column, a measure noun, or a time grain. */
    private sealed interface SortKey {
        record ByColumn(ColumnTarget column) implements SortKey {}

        record ByMeasure(MeasureIntent measure) implements SortKey {}

        record ByGrain(TimeGrain grain) implements SortKey {}
    }

    private Rank rank;
    private int rankPos = -1;
    private MeasureIntent rankMeasure;
    private ColumnTarget rankColumn;
    private Entity rankEntity;
    private boolean rankTakesNextAgg;
    private boolean byTakesNextAgg;
    private MeasureIntent byMeasure;
    private int byMeasurePos = -1;
    private SortKey sortKey;
    private Direction direction;
    private boolean listing;
    private Distinct distinct;

    public Interpreter(SchemaIndex index, Reading reading, Draft start) {
        this.index = index;
        this.r = reading;
        this.items = reading.items;
        this.d = start;
    }

    public Draft draft() {
        return d;
    }

    public double penalty() {
        return penalty;
    }

    /** What each understood phrase was taken to mean, in question order. */
    public List<String> understood() {
        List<String> out = new ArrayList<>();
        for (Item it : items) {
            String m = meanings.get(it);
            if (m == null && it instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
                m = "table " + t.qualifiedName();
            } else if (m == null && it instanceof Link l && l.target() instanceof SchemaTarget(String schema)) {
                m = "schema " + schema;
            }
            if (m != null && understoodItem(it)) {
                out.add("'" + r.text(it) + "' → " + m);
            }
        }
        return out;
    }

    /** Content words that no used item explains. */
    public List<String> notUnderstood() {
        boolean[] ok = new boolean[r.tokens.size()];
        for (Item it : items) {
            if (understoodItem(it)) {
                for (int k = it.start(); k < it.end(); k++) {
                    ok[k] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < ok.length; k++) {
            if (!ok[k] && r.content(k)) {
                out.add(r.tokens.get(k).raw());
            }
        }
        return out;
    }

    /** Share of content words understood. */
    public double coverage() {
        int content = 0;
        for (int k = 0; k < r.tokens.size(); k++) {
            if (r.content(k)) {
                content++;
            }
        }
        return content == 0 ? 0 : (content - notUnderstood().size()) / (double) content;
    }

    private boolean understoodItem(Item it) {
        return used.contains(it)
                || it instanceof ListVerb
                || it instanceof Neutral
                || it instanceof FollowCue
                || (it instanceof Link l && (l.target() instanceof SchemaTarget || l.weak()))
                || (it instanceof Link l2
                        && l2.target() instanceof TableTarget(TableInfo t)
                        && (!refining || d.tables().contains(t)));
    }

    // ================================================================ fresh questions

    /** Builds a complete draft; false when the question names nothing to read from. */
    public boolean interpret() {
        applyTimeBinding();
        walk();
        attach();
        boolean shaped = shape();
        if (shaped) {
            linkAmbiguities();
        }
        return shaped;
    }

    /**
     * What the question left to a guess a person could make instead, the one to ask first first (a
     * fresh question only; a follow-up refines a plan already confirmed).
     */
    public List<Clarification> clarifications() {
        return ambiguities.clarifications();
    }

    private Binding binding(Ambiguity kind) {
        return r.bindings.stream().filter(b -> b.kind() == kind).findFirst().orElse(null);
    }

    /** A date column the user chose is the one every time word uses. */
    private void applyTimeBinding() {
        Binding b = binding(Ambiguity.TIME_COLUMN);
        if (b == null || b.column() == null) {
            return;
        }
        index.table(b.table())
                .flatMap(t -> t.column(b.column()).map(c -> new ColumnTarget(t, c)))
                .filter(c -> SchemaIndex.isDate(c.column()))
                .ifPresent(dateColumnsUsed::add);
    }

    /** Words whose meaning was a close call between domains, columns or values. */
    private void linkAmbiguities() {
        if (!r.schemaRivals.isEmpty()) {
            ambiguities.domain(r.schemaWord, r.schemaRivals);
        }
        for (Item it : items) {
            if (it instanceof Link l
                    && used.contains(l)
                    && (l.target() instanceof ColumnTarget || l.target() instanceof ValueTarget)
                    && r.rivals.containsKey(l.start())) {
                ambiguities.link(r.text(l), l.target(), r.rivals.get(l.start()));
            }
        }
    }

    private void walk() {
        for (int k = 0; k < items.size(); k++) {
            Item it = items.get(k);
            if (used.contains(it)) {
                continue;
            }
            switch (it) {
                case Agg a -> aggregate(k, a);
                case Group g -> group(k, g);
                case Grain g -> {
                    if (namesADate(k)) {
                        use(g, "(part of the date)");
                    } else if (!isDuration(g)) {
                        grains.add(g);
                        use(g, "group by " + g.grain().name().toLowerCase(Locale.ROOT));
                    }
                }
                case Rank rk -> rank(k, rk);
                case Sort s -> sort(k, s);
                case Dir dir -> {
                    direction = dir.direction();
                    use(dir, "sort " + dir.direction().name().toLowerCase(Locale.ROOT) + "ending");
                }
                case Distinct x -> distinct = x;
                case Limit l -> {
                    d.limit = l.n();
                    use(l, "limit to " + l.n() + " rows");
                }
                case ListVerb v -> listing = true;
                default -> {}
            }
        }
    }

    private void aggregate(int k, Agg a) {
        Item before = item(k - 1);
        Item after = item(k + 1);
        boolean distinctAsked = before instanceof Distinct || after instanceof Distinct;
        if (distinctAsked) {
            use(before instanceof Distinct ? before : after, "distinct");
        }
        int j = targetAfter(k);
        MeasureIntent m = null;
        if (j < 0) {
            if (a.function() != Aggregate.COUNT
                    && item(k + 1) instanceof Agg inner
                    && inner.function() == Aggregate.COUNT) {
                // "the average number of users per organization": an aggregate of aggregates
                unsupported(a, "aggregates of aggregates");
                flagged.add(a);
                return;
            }
            bareAggs.add(a);
            return;
        }
        Item target = items.get(j);
        if (target instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
            if (a.function() == Aggregate.COUNT || isTotalOfRows(a, j)) {
                m = new MeasureIntent(distinctAsked ? Aggregate.COUNT_DISTINCT : Aggregate.COUNT, t, null, null);
                use(l, "table " + t.qualifiedName());
            } else {
                use(l, "table " + t.qualifiedName());
                Item next = item(j + 1);
                ColumnTarget col = next instanceof Link nl
                                && nl.target() instanceof ColumnTarget c
                                && c.table().equals(t)
                                && SchemaIndex.isNumeric(c.column())
                        ? c
                        : null;
                if (col == null && next instanceof Noun n) {
                    col = n.columns().stream()
                            .filter(c -> c.table().equals(t))
                            .findFirst()
                            .orElse(null);
                }
                if (col != null) {
                    use(next, "column " + col.column().name());
                } else {
                    col = index.defaultAmountColumn(t)
                            .map(c -> new ColumnTarget(t, c))
                            .orElse(null);
                }
                if (col != null) {
                    m = new MeasureIntent(a.function(), t, col.column(), null);
                }
            }
        } else if (target instanceof Link l && l.target() instanceof ColumnTarget(TableInfo t, ColumnInfo c)) {
            if (a.function() == Aggregate.COUNT
                    && !distinctAsked
                    && r.tokens.get(a.start()).lower().equals("total")
                    && SchemaIndex.numbersAsText(t, c)) {
                // "the total number of credits" over numbers kept as text: a sum is meant, not a count of
                // distinct values, and the text would have to be cast first
                unsupported(a, "a total of " + t.name() + "." + c.name() + ", which holds numbers as text");
                flagged.add(a);
            }
            if (a.function() == Aggregate.COUNT && !distinctAsked && SchemaIndex.holdsCount(t, c)) {
                // "the total number of citations" where each row already counts its citations: add them up
                m = new MeasureIntent(Aggregate.SUM, t, c, null);
            } else if (a.function() == Aggregate.COUNT) {
                boolean keyOrText = !SchemaIndex.isNumeric(c) || SchemaIndex.isKey(t, c);
                m = new MeasureIntent(
                        distinctAsked || keyOrText ? Aggregate.COUNT_DISTINCT : Aggregate.COUNT, t, c, null);
            } else if (SchemaIndex.isNumeric(c)
                    || (SchemaIndex.isDate(c) && (a.function() == Aggregate.MIN || a.function() == Aggregate.MAX))) {
                m = new MeasureIntent(a.function(), t, c, null);
            }
            if (m != null) {
                use(l, "column " + t.name() + "." + c.name());
            }
        } else if (target instanceof Noun n) {
            m = new MeasureIntent(a.function(), null, null, n);
            use(n, "measure " + n.noun());
        }
        if (m == null) {
            return;
        }
        use(a, a.function().name());
        if (m.column() != null || m.noun() != null) {
            aggregated.put(target, m);
        }
        if (rankTakesNextAgg) {
            rankMeasure = m;
            rankTakesNextAgg = false;
        } else if (byTakesNextAgg) {
            byMeasure = m;
            byTakesNextAgg = false;
        } else {
            measureIntents.add(m);
        }
    }

    /** "total orders" counts rows, "total revenue" sums a column. */
    private boolean isTotalOfRows(Agg a, int targetIndex) {
        if (a.function() != Aggregate.SUM) {
            return false;
        }
        if (items.get(targetIndex) instanceof Link l
                && l.target() instanceof TableTarget(TableInfo t)
                && Text.stems(Text.identifierWords(t.name())).stream()
                        .anyMatch(Vocabulary.MEASURE_NOUNS::containsKey)) {
            return false; // "total sales" sums the sales table's amounts
        }
        Item next = item(targetIndex + 1);
        return !(next instanceof Noun) && !(next instanceof Link l && l.target() instanceof ColumnTarget);
    }

    private void group(int k, Group g) {
        Item next = item(k + 1);
        if (next instanceof Grain grain && !namesADate(k + 1) && !isDuration(grain)) {
            grains.add(grain);
            use(grain, "group by " + grain.grain().name().toLowerCase(Locale.ROOT));
            use(g, "group by");
        } else if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
            boolean rankKey = rank != null && rankMeasure == null && rankColumn == null;
            if (SchemaIndex.isNumeric(c.column())
                    && !SchemaIndex.isKey(c.table(), c.column())
                    && (rankKey || hasSubjectBefore(k))) {
                // "products by price": an ordering key, not a dimension
                if (rankKey) {
                    rankColumn = c;
                } else {
                    byMeasure = new MeasureIntent(defaultAggregate(c.column()), c.table(), c.column(), null);
                    byMeasurePos = k;
                }
                use(l, "order by " + c.column().name());
            } else {
                d.addDim(new Draft.Dimension(c.table(), c.column(), null, null));
                use(l, "group by " + c.table().name() + "." + c.column().name());
            }
            use(g, "group by");
        } else if (next instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
            groupByEntity(new Entity.Rows(t), l);
            use(g, "group by");
        } else if (next instanceof Noun n) {
            MeasureIntent m = new MeasureIntent(null, null, null, n);
            if (rank != null && rankMeasure == null && rankColumn == null) {
                rankMeasure = m;
            } else {
                byMeasure = m;
                byMeasurePos = k;
            }
            use(n, "measure " + n.noun());
            use(g, "ranked by");
        } else if (next instanceof Agg) {
            if (rank != null && rankMeasure == null && rankColumn == null) {
                rankTakesNextAgg = true;
            } else {
                byTakesNextAgg = true;
                byMeasurePos = k;
            }
            use(g, "ranked by");
        }
    }

    private void rank(int k, Rank rk) {
        if (rank != null && rank.n() != null && rk.n() == null) {
            // "the top 5 cities with the highest population": the second superlative names the key, the
            // number of the first still says how many rows
            rk = new Rank(rk.start(), rk.end(), rk.word(), rank.n());
            items.set(k, rk);
        }
        rank = rk;
        rankPos = k;
        String order =
                switch (rk.word().key()) {
                    case DATE -> rk.word().direction() == Direction.DESC ? "latest first" : "earliest first";
                    case PRICE -> rk.word().direction() == Direction.DESC ? "most expensive first" : "cheapest first";
                    case NEXT -> rk.word().direction() == Direction.DESC ? "highest first" : "lowest first";
                };
        use(rk, order + (rk.n() == null ? "" : ", " + rk.n() + " rows"));
        int j = k + 1;
        while (item(j) instanceof Distinct || (item(j) instanceof Link l && l.target() instanceof ValueTarget)) {
            j++;
        }
        if (item(j) instanceof Link l
                && l.target() instanceof ColumnTarget c
                && SchemaIndex.isDate(c.column())
                && l.candidates().getFirst().weight() < SchemaIndex.PARTIAL
                && item(j + 1) instanceof Link) {
            // "the most prescribed medications": the participle only echoes a date column's name
            use(l, "(part of the ranking)");
            j++;
        }
        Item next = item(j);
        if (next instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
            if (subjectBefore(k) != null || (rankEntity != null && !t.equals(rankEntity.table()))) {
                // "the top 2 airlines with the most flights": the first superlative named what is ranked
                // "customers with the most orders": the orders are counted, the customers ranked
                rankMeasure = new MeasureIntent(Aggregate.COUNT, t, null, null);
                use(l, "count of " + t.name());
            } else {
                rankEntity = new Entity.Rows(t);
                use(l, "table " + t.qualifiedName());
            }
        } else if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
            if (SchemaIndex.isNumeric(c.column()) || SchemaIndex.isDate(c.column())) {
                rankColumn = c;
                use(l, "column " + c.table().name() + "." + c.column().name());
            } else {
                rankEntity = new Entity.Values(c);
                use(l, "group by " + c.table().name() + "." + c.column().name());
            }
        } else if (next instanceof Noun n) {
            rankMeasure = new MeasureIntent(null, null, null, n);
            use(n, "measure " + n.noun());
        } else if (next instanceof Agg ag
                && ag.function() == Aggregate.COUNT
                && item(j + 1) instanceof Link l
                && adjacent(ag, l)
                && l.target() instanceof ColumnTarget c
                && SchemaIndex.holdsCount(c.table(), c.column())) {
            // "the highest number of citations" where a column holds each row's count: rank by it
            rankColumn = c;
            use(ag, "ranked by");
            use(l, "column " + c.table().name() + "." + c.column().name());
        } else if (next instanceof Agg) {
            rankTakesNextAgg = true;
        }
    }

    private void sort(int k, Sort s) {
        Item next = item(k + 1);
        if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
            sortKey = new SortKey.ByColumn(c);
            use(l, "order by " + c.column().name());
        } else if (next instanceof Noun n) {
            sortKey = new SortKey.ByMeasure(new MeasureIntent(null, null, null, n));
            use(n, "order by " + n.noun());
        } else if (next instanceof Grain g) {
            sortKey = new SortKey.ByGrain(g.grain());
            use(g, "order by " + g.grain().name().toLowerCase(Locale.ROOT));
        }
        use(s, "sort");
    }

    /** Literals attach to the column named next to them. */
    private void attach() {
        Map<String, List<Link>> values = new LinkedHashMap<>();
        Map<String, Boolean> negated = new LinkedHashMap<>();
        for (int k = 0; k < items.size(); k++) {
            Item it = items.get(k);
            if (used.contains(it)) {
                continue;
            }
            switch (it) {
                case Link l
                when l.target() instanceof ValueTarget v -> {
                    String key = v.table().qualifiedName() + "." + v.column().name();
                    values.computeIfAbsent(key, x -> new ArrayList<>()).add(l);
                    Item before = item(k - 1);
                    if (before instanceof Negation n && adjacent(n, l)) {
                        negated.put(key, true);
                        use(n, "not");
                    }
                    // "the Electronics category", "status delivered": the column word names the value's column
                    for (Item side : new Item[] {before, item(k + 1)}) {
                        if (side instanceof Link s
                                && s.target() instanceof ColumnTarget c
                                && c.column().equals(v.column())
                                && c.table().equals(v.table())
                                && (adjacent(s, l) || adjacent(l, s))) {
                            use(s, "column " + c.column().name());
                        }
                    }
                }
                case Compare c -> compare(k, c);
                case Dates dt -> {
                    Item before = item(k - 1);
                    if (before instanceof Link l
                            && l.target() instanceof ColumnTarget col
                            && SchemaIndex.isDate(col.column())
                            && adjacent(l, dt)) {
                        use(l, "column " + col.column().name());
                        dateFilter(col, dt);
                    } else {
                        pendingDates.add(dt);
                    }
                }
                case TextMatch tm -> {
                    ColumnTarget col = textColumnBefore(k, tm);
                    if (col != null) {
                        textFilter(col, tm);
                    } else {
                        pendingMatches.add(tm);
                    }
                }
                case Quoted q -> {
                    ColumnTarget col = textColumnBefore(k, q);
                    if (col != null) {
                        d.addFilter(new Draft.Filter(
                                col.table(), col.column(), FilterOp.EQ, List.of(q.value()), ValueType.STRING));
                        use(q, col.column().name() + " = '" + q.value() + "'");
                        filterOn.put(q, col);
                    }
                }
                default -> {}
            }
        }
        values.forEach((key, links) -> {
            ValueTarget v = (ValueTarget) links.getFirst().target();
            boolean not = negated.getOrDefault(key, false);
            List<String> vals = links.stream()
                    .map(l -> ((ValueTarget) l.target()).value())
                    .distinct()
                    .toList();
            FilterOp op = vals.size() == 1 ? (not ? FilterOp.NE : FilterOp.EQ) : (not ? FilterOp.NOT_IN : FilterOp.IN);
            ValueType type = SchemaIndex.isBoolean(v.column()) ? ValueType.BOOLEAN : ValueType.STRING;
            d.addFilter(new Draft.Filter(v.table(), v.column(), op, vals, type));
            for (Link l : links) {
                filterOn.put(l, new ColumnTarget(v.table(), v.column()));
                use(
                        l,
                        v.table().name() + "." + v.column().name() + (not ? " ≠ '" : " = '")
                                + ((ValueTarget) l.target()).value() + "'");
            }
        });
    }

    private ColumnTarget textColumnBefore(int k, Item literal) {
        Item before = item(k - 1);
        if (!(before instanceof Link l) || !adjacent(l, literal)) {
            return null;
        }
        if (l.target() instanceof ColumnTarget c && SchemaIndex.isText(c.column())) {
            use(l, "column " + c.column().name());
            return c;
        }
        if (l.target() instanceof TableTarget(TableInfo t)) {
            ColumnInfo label = index.labelColumns(t).getFirst();
            return SchemaIndex.isText(label) ? new ColumnTarget(t, label) : null;
        }
        return null;
    }

    private void compare(int k, Compare c) {
        Item before = item(k - 1);
        Item after = item(k + 1);
        if (before != null && aggregated.containsKey(before) && adjacent(before, c)) {
            // "an average rating below 3" filters the groups by their average
            havingIntents.add(new HavingIntent(aggregated.get(before), c.op(), c.numbers(), c));
            use(c, "keep groups with " + describeOp(c));
        } else if (before instanceof Link l && numericColumn(l) != null && adjacent(l, c)) {
            ColumnTarget col = numericColumn(l);
            use(l, "column " + col.column().name());
            numberFilter(col, c);
        } else if (after instanceof Link l && l.target() instanceof TableTarget(TableInfo t) && adjacent(c, l)) {
            havingIntents.add(
                    new HavingIntent(new MeasureIntent(Aggregate.COUNT, t, null, null), c.op(), c.numbers(), c));
            use(l, "count of " + t.name());
            use(c, "keep groups with " + describeOp(c));
        } else if (after instanceof Link l && numericColumn(l) != null && adjacent(c, l)) {
            ColumnTarget col = numericColumn(l);
            use(l, "column " + col.column().name());
            numberFilter(col, c);
        } else if (before instanceof Noun n && adjacent(n, c) && !n.columns().isEmpty()) {
            nounCompares.put(c, n);
            use(n, "measure " + n.noun());
        } else if (after instanceof Noun n && adjacent(c, n) && !n.columns().isEmpty()) {
            nounCompares.put(c, n);
            use(n, "measure " + n.noun());
        } else {
            pendingCompares.add(c);
        }
    }

    private static ColumnTarget numericColumn(Link l) {
        return l.target() instanceof ColumnTarget c && SchemaIndex.isNumeric(c.column()) ? c : null;
    }

    // ================================================================ shape

    /** Decides the plan's shape from what the walk found; false when no table could be chosen. */
    private boolean shape() {
        List<Item> subjects = subjects();
        Set<TableInfo> context = context(subjects);
        boolean needsDate = !grains.isEmpty() || !pendingDates.isEmpty();
        resolveMeasures(context, needsDate);
        boolean rankListing = shapeRank(subjects, context, needsDate);
        shapeRankedBy(subjects, context, needsDate);
        shapeHaving(subjects, context, needsDate);
        boolean grouped = !d.dims.isEmpty() || !grains.isEmpty();
        // a word found only in a comment hints at a column but does not ask for it
        List<Link> freeColumns = unused(Link.class).stream()
                .filter(l -> l.target() instanceof ColumnTarget && !l.weak())
                .toList();
        if (!rankListing && d.measures.isEmpty() && (grouped || !listing)) {
            measureFreeColumns(freeColumns);
        }
        if (d.main == null) {
            d.main = chooseMain(subjects);
        }
        if (d.main == null) {
            return false;
        }
        applyBareAggregates();
        if (d.measures.isEmpty() && (grouped || !havingIntents.isEmpty())) {
            d.addMeasure(new Draft.Measure(Aggregate.COUNT, d.main, null, null));
        }
        applyDistinctCounts(subjects);
        applyDefaultsOfMain();
        joinMentionedTables();
        if (d.measures.isEmpty() && d.dims.isEmpty()) {
            listColumns(freeColumns);
        }
        avoidDoubleCounting();
        defaultOrder();
        checkAlternatives();
        checkBoth();
        penalizeIgnored();
        return true;
    }

    /** The tables the question is about, which decide what its measure nouns mean. */
    private Set<TableInfo> context(List<Item> subjects) {
        Set<TableInfo> context = new java.util.LinkedHashSet<>();
        subjects.forEach(s -> context.add(((Link) s).target().table()));
        d.dims.forEach(x -> context.add(x.table()));
        d.filters.forEach(x -> context.add(x.table()));
        if (rankEntity != null) {
            context.add(rankEntity.table());
        }
        measureIntents.forEach(m -> {
            if (m.table() != null) {
                context.add(m.table());
            }
        });
        return context;
    }

    private void resolveMeasures(Set<TableInfo> context, boolean needsDate) {
        for (MeasureIntent mi : measureIntents) {
            d.addMeasure(measure(mi, context, needsDate));
        }
        for (Noun n : unused(Noun.class)) {
            MeasureIntent mi = new MeasureIntent(null, null, null, n);
            if (VERB_NOUNS.contains(n.noun()) && !measureIntents.isEmpty()) {
                use(n, "(verb)"); // "how many items were sold": the verb adds no second measure
                continue;
            }
            use(n, "measure " + n.noun());
            if (rank != null && rankMeasure == null && rankColumn == null) {
                rankMeasure = mi;
            } else {
                d.addMeasure(measure(mi, context, needsDate));
            }
        }
        for (Map.Entry<Compare, Noun> e : nounCompares.entrySet()) {
            numberFilter(nounColumn(e.getValue(), context, needsDate), e.getKey());
        }
    }

    /** "products by revenue": the subject named before "by" is grouped and sorted by the measure. */
    private void shapeRankedBy(List<Item> subjects, Set<TableInfo> context, boolean needsDate) {
        if (byMeasure == null) {
            return;
        }
        Draft.Measure m = d.addMeasure(measure(byMeasure, context, needsDate));
        int byStart = items.get(Math.max(byMeasurePos, 0)).start();
        Item subject =
                subjects.stream().filter(s -> s.start() < byStart).findFirst().orElse(null);
        if (subject != null && d.dims.isEmpty()) {
            groupByEntity(Entity.of(((Link) subject).target()), subject);
        }
        d.orders.add(new Draft.Order(m, Direction.DESC));
    }

    /** "customers with at least 3 orders": the groups are the subject, filtered on the count. */
    private void shapeHaving(List<Item> subjects, Set<TableInfo> context, boolean needsDate) {
        for (HavingIntent h : havingIntents) {
            Draft.Measure m = d.addMeasure(measure(h.measure(), context, needsDate));
            d.having.add(new Draft.Having(m, h.op(), h.values()));
            if (d.dims.isEmpty()) {
                subjects.stream()
                        .filter(s -> !used.contains(s))
                        .filter(s -> !((Link) s).target().table().equals(m.table()) || subjects.size() == 1)
                        .findFirst()
                        .ifPresent(s -> groupByEntity(Entity.of(((Link) s).target()), s));
            }
            if (d.dims.isEmpty()) {
                // "how many patients had more than 3 appointments": counting groups needs a subquery
                unsupported(h.source(), "counting the groups that pass a condition");
            }
        }
    }

    /** "price per category": a numeric column asked for with a grouping is aggregated. */
    private void measureFreeColumns(List<Link> freeColumns) {
        for (Link l : freeColumns) {
            ColumnTarget c = (ColumnTarget) l.target();
            if (SchemaIndex.isNumeric(c.column()) && !SchemaIndex.isKey(c.table(), c.column())) {
                Aggregate fn = defaultAggregate(c.column());
                d.addMeasure(new Draft.Measure(fn, c.table(), c.column(), null));
                use(l, fn + " of " + c.table().name() + "." + c.column().name());
            }
        }
    }

    /** Aggregates with no words of their own apply to the main table ("how many were delivered"). */
    private void applyBareAggregates() {
        for (Agg a : bareAggs) {
            if (a.function() == Aggregate.SUM && !d.measures.isEmpty()) {
                use(a, "(in total)"); // "how many were sold in total": the count is the total
            } else if (a.function() == Aggregate.COUNT) {
                d.addMeasure(new Draft.Measure(Aggregate.COUNT, d.main, null, null));
                use(a, "COUNT(*) of " + d.main.name());
            } else {
                Optional<ColumnInfo> amount = index.defaultAmountColumn(d.main);
                if (amount.isPresent()) {
                    d.addMeasure(new Draft.Measure(a.function(), d.main, amount.get(), null));
                    use(
                            a,
                            a.function() + " of " + d.main.name() + "."
                                    + amount.get().name());
                }
            }
        }
    }

    /** Grains, dates, comparisons and names that named no column apply to the main table's. */
    private void applyDefaultsOfMain() {
        for (Grain g : grains) {
            ColumnTarget period = periodColumn(g.grain());
            if (period != null) {
                d.addDim(new Draft.Dimension(period.table(), period.column(), null, null));
                meanings.put(
                        g,
                        "group by " + period.table().name() + "."
                                + period.column().name());
                continue;
            }
            ColumnTarget col = dateColumnFor(g);
            if (col != null) {
                d.addDim(new Draft.Dimension(col.table(), col.column(), g.grain(), null));
                meanings.put(
                        g,
                        "group by " + g.grain().name().toLowerCase(Locale.ROOT) + " of "
                                + col.table().name() + "." + col.column().name());
            } else {
                used.remove(g);
            }
        }
        for (Dates dt : pendingDates) {
            ColumnTarget year = periodColumn(TimeGrain.YEAR);
            if (year != null && SchemaIndex.isNumeric(year.column()) && wholeYears(dt)) {
                yearFilter(year, dt);
                continue;
            }
            ColumnTarget col = dateColumnFor(dt);
            if (col != null) {
                dateFilter(col, dt);
            }
        }
        for (Compare c : pendingCompares) {
            index.defaultAmountColumn(d.main).ifPresent(col -> numberFilter(new ColumnTarget(d.main, col), c));
        }
        for (Place p : unused(Place.class)) {
            place(p);
        }
        for (TextMatch tm : pendingMatches) {
            ColumnInfo label = index.labelColumns(d.main).getFirst();
            if (SchemaIndex.isText(label)) {
                textFilter(new ColumnTarget(d.main, label), tm);
                penalty += GUESS_PENALTY;
            }
        }
    }

    /**
     * Tables the question names but no role claimed still restrict the rows: "customers with a
     * loan" are customers joined to loans. Weak (comment) mentions do not count.
     */
    private void joinMentionedTables() {
        for (Link l : unused(Link.class)) {
            if (l.target() instanceof TableTarget(TableInfo t)
                    && !l.weak()
                    && !d.tables().contains(t)) {
                if (index.path(d.tables(), t) != null) {
                    d.joined.add(t);
                    use(l, "only " + d.main.name() + " with matching " + t.name());
                } else {
                    // "rivers in countries with a lake": leaving the lakes out answers another question
                    penalty += UNSUPPORTED_PENALTY;
                    issues.add("'" + r.text(l) + "' names " + t.name() + ", but no relationship of the schema"
                            + " joins it to " + d.main.name());
                    flagged.add(l);
                }
            }
        }
    }

    /**
     * Joining along a foreign key backwards repeats rows (one order, many items). Counts then
     * count distinct keys and listings drop duplicates; sums and averages would be wrong, so they
     * cost confidence.
     */
    private void avoidDoubleCounting() {
        for (int i = 0; i < d.measures.size(); i++) {
            Draft.Measure m = d.measures.get(i);
            List<TableInfo> others =
                    d.tables().stream().filter(t -> !t.equals(m.table())).toList();
            if (!index.fansOut(m.table(), others)) {
                continue;
            }
            List<String> key = m.table().primaryKey();
            if (m.function() == Aggregate.COUNT && m.column() == null && key.size() == 1) {
                Draft.Measure distinctCount = new Draft.Measure(
                        Aggregate.COUNT_DISTINCT,
                        m.table(),
                        m.table().column(key.getFirst()).orElseThrow(),
                        m.name() != null ? m.name() : PlanAssembler.singular(m.table()) + "_count");
                d.measures.set(i, distinctCount);
                d.orders.replaceAll(o -> o.key() == m ? new Draft.Order(distinctCount, o.direction()) : o);
                d.having.replaceAll(h -> h.measure() == m ? new Draft.Having(distinctCount, h.op(), h.values()) : h);
            } else if (m.function() == Aggregate.SUM
                    || m.function() == Aggregate.AVG
                    || m.function() == Aggregate.COUNT) {
                penalty += UNSUPPORTED_PENALTY;
                issues.add(m.function() + " of " + m.table().name()
                        + (m.column() == null ? "" : "." + m.column().name())
                        + " would count rows more than once when joined to "
                        + others.stream().map(TableInfo::name).collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        if (d.measures.isEmpty() && d.dims.isEmpty() && index.fansOut(d.main, d.tables())) {
            d.distinct = true;
        }
    }

    /**
     * "delivered or shipped" on one column is an IN; but a plan's filters all hold at once, so an
     * "or" between conditions on different columns ("in Berlin or in France"), between two
     * comparisons, or next to a condition whose alternative was not understood ("grade A or C" when
     * only C links) cannot be expressed: the plan would answer the AND of them.
     */
    private void checkAlternatives() {
        for (int i = 1; i + 1 < r.tokens.size(); i++) {
            if (r.taken[i] || !r.tokens.get(i).lower().equals("or")) {
                continue;
            }
            Item left = covering(i - 1);
            Item right = covering(i + 1);
            ColumnTarget l = left == null ? null : filterOn.get(left);
            ColumnTarget rt = right == null ? null : filterOn.get(right);
            if (l == null && rt == null) {
                continue; // "lakes or rivers", "one or the other": not between conditions
            }
            boolean sameColumnValues = l != null
                    && l.equals(rt)
                    && left instanceof Link ll
                    && ll.target() instanceof ValueTarget
                    && right instanceof Link rl
                    && rl.target() instanceof ValueTarget;
            if (!sameColumnValues) {
                penalty += UNSUPPORTED_PENALTY;
                issues.add("'" + Text.span(r.tokens, Math.max(0, i - 1), Math.min(r.tokens.size(), i + 2))
                        + "' asks for either of two conditions, which a plan cannot combine");
            }
        }
    }

    /** "countries with both lakes and rivers": rows that match two sets at once need an intersection. */
    private void checkBoth() {
        for (int i = 0; i + 1 < r.tokens.size(); i++) {
            if (!r.tokens.get(i).lower().equals("both")) {
                continue;
            }
            int first = -1;
            for (int k = 0; k < items.size(); k++) {
                if (items.get(k).start() > i) {
                    first = k;
                    break;
                }
            }
            Item a = item(first);
            Item b = item(first + 1);
            if (a instanceof Link la
                    && b instanceof Link lb
                    && setLike(la)
                    && setLike(lb)
                    && a.end() < b.start()
                    && Text.span(r.tokens, a.end(), b.start())
                            .toLowerCase(Locale.ROOT)
                            .contains("and")) {
                unsupported(a, "rows that match both of two sets (an intersection)");
            }
        }
    }

    private static boolean setLike(Link l) {
        return l.target() instanceof TableTarget || l.target() instanceof ValueTarget;
    }

    private Item covering(int token) {
        for (Item it : items) {
            if (it.start() <= token && token < it.end()) {
                return it;
            }
        }
        return null;
    }

    /** Negations, aggregates and unsupported requests the plan does not honour change the answer. */
    private void penalizeIgnored() {
        for (Item it : items) {
            if (used.contains(it) || flagged.contains(it)) {
                continue;
            }
            switch (it) {
                case Negation n -> {
                    penalty += IGNORED_NEGATION_PENALTY;
                    issues.add("'" + r.text(n) + "' could not be applied");
                }
                case Agg a -> {
                    penalty += IGNORED_PENALTY;
                    issues.add("'" + r.text(a) + "' has nothing to apply to");
                }
                case Reading.Unsupported u -> unsupported(u, u.what());
                default -> {}
            }
        }
    }

    /** Shapes a superlative; true when the answer lists rows (ordered), not aggregates. */
    private boolean shapeRank(List<Item> subjects, Set<TableInfo> context, boolean needsDate) {
        if (rank == null) {
            return false;
        }
        Entity entity = rankEntity;
        if (entity == null) {
            Item subject = subjectBefore(rankPos);
            if (subject != null) {
                entity = Entity.of(((Link) subject).target());
                use(subject, "rank " + entity.describe());
            }
        }
        TableInfo entityTable = entity == null ? null : entity.table();
        Direction dir = rank.word().direction();
        if (entityTable != null && rank.word().key() == RankKey.DATE) {
            rankColumn = index.mainDateColumn(entityTable)
                    .map(c -> new ColumnTarget(entityTable, c))
                    .orElse(null);
        } else if (entityTable != null && rank.word().key() == RankKey.PRICE) {
            rankColumn = index.priceColumn(entityTable)
                    .map(c -> new ColumnTarget(entityTable, c))
                    .orElse(null);
        }
        Binding ranked = binding(Ambiguity.RANK_MEASURE);
        if (ranked != null
                && entityTable != null
                && rankMeasure == null
                && rankColumn == null
                && d.measures.isEmpty()) {
            applyRankBinding(ranked, entityTable);
        }
        if (rankColumn != null && entityTable != null && !rankColumn.table().equals(entityTable)) {
            rankMeasure = new MeasureIntent(
                    defaultAggregate(rankColumn.column()), rankColumn.table(), rankColumn.column(), null);
            rankColumn = null;
        }
        boolean singular = singular(entity);
        if (entity instanceof Entity.Values(ColumnTarget c)
                && rankMeasure == null
                && rankColumn == null
                && d.measures.isEmpty()) {
            // "the most common diagnoses": ranked by how often each value occurs
            rankMeasure = new MeasureIntent(Aggregate.COUNT, c.table(), null, null);
        }
        if (rankMeasure != null || (rankColumn == null && !d.measures.isEmpty() && entity == null)) {
            Draft.Measure m = rankMeasure != null
                    ? d.addMeasure(measure(rankMeasure, context, needsDate))
                    : d.measures.getFirst();
            if (entity != null) {
                entityDims(entity).forEach(d::addDim);
            }
            d.orders.add(new Draft.Order(m, dir));
            setRankLimit(singular, false);
            return false;
        }
        if (rankColumn != null && entity != null) {
            if (!d.measures.isEmpty() || !grains.isEmpty()) {
                // "monthly sales of the most recently opened store": the ranking picks a row to aggregate
                unsupported(rank, "a ranking inside an aggregate (a subquery)");
                flagged.add(rank);
            }
            d.main = entityTable;
            d.orders.add(new Draft.Order(rankColumn, dir));
            setRankLimit(singular, true);
            return true;
        }
        if (rankColumn != null) {
            // "the highest price", "the earliest order date": one value, not a list of rows
            boolean oneValue = rank.word().extreme() || SchemaIndex.isDate(rankColumn.column());
            if (oneValue && rank.n() == null && d.dims.isEmpty() && d.limit == null) {
                Aggregate fn = dir == Direction.DESC ? Aggregate.MAX : Aggregate.MIN;
                d.addMeasure(new Draft.Measure(fn, rankColumn.table(), rankColumn.column(), null));
                meanings.put(rank, fn.name());
                return false;
            }
            d.main = rankColumn.table();
            d.orders.add(new Draft.Order(rankColumn, dir));
            setRankLimit(false, true);
            return true;
        }
        if (entityTable != null) {
            if (!refining && !rank.word().extreme() && entity instanceof Entity.Rows && d.measures.isEmpty()) {
                askRankMeasure(entityTable);
            }
            // "the 5 largest orders": ranked by what the rows are worth
            d.main = entityTable;
            index.defaultAmountColumn(entityTable)
                    .ifPresent(c -> d.orders.add(new Draft.Order(new ColumnTarget(entityTable, c), dir)));
            setRankLimit(singular, true);
            return true;
        }
        used.remove(rank);
        return false;
    }

    /** "top 5 products": by their own amount, by how many rows point at them, or by those rows' totals. */
    private void askRankMeasure(TableInfo entity) {
        List<Ambiguities.Option> options = new ArrayList<>();
        index.defaultAmountColumn(entity).ifPresent(c -> options.add(Ambiguities.rankOption(entity, c, null)));
        for (TableInfo t : index.referencing(entity)) {
            options.add(Ambiguities.rankOption(t, null, Aggregate.COUNT));
            t.columns().stream()
                    .filter(c -> SchemaIndex.holdsCount(t, c))
                    .findFirst()
                    .ifPresent(c -> options.add(Ambiguities.rankOption(t, c, Aggregate.SUM)));
            index.defaultAmountColumn(t)
                    .filter(c ->
                            !SchemaIndex.isKey(t, c) && !SchemaIndex.holdsCount(t, c) && !SchemaIndex.isModifier(c))
                    .ifPresent(c -> options.add(Ambiguities.rankOption(t, c, Aggregate.SUM)));
        }
        ambiguities.rank(r.text(rank), entity, options);
    }

    /** The measure the user chose to rank by: a column of the ranked rows, or an aggregate of related rows. */
    private void applyRankBinding(Binding b, TableInfo entity) {
        Optional<TableInfo> table = index.table(b.table());
        if (table.isEmpty()) {
            return;
        }
        TableInfo t = table.get();
        ColumnInfo c = b.column() == null ? null : t.column(b.column()).orElse(null);
        if (b.column() != null && c == null) {
            return;
        }
        if (b.function() == null && c != null && t.equals(entity)) {
            rankColumn = new ColumnTarget(t, c);
        } else if (b.function() != null) {
            rankMeasure = new MeasureIntent(b.function(), t, c, null);
        }
    }

    private void setRankLimit(boolean singular, boolean listingRows) {
        if (d.limit != null) {
            return;
        }
        if (rank.n() != null) {
            d.limit = rank.n();
        } else if (singular) {
            d.limit = 1;
        } else if (listingRows
                || Set.of("top", "bottom").contains(r.tokens.get(rank.start()).lower())) {
            d.limit = 10;
        }
    }

    /** "how many distinct customers ordered": count the key of the table that references them. */
    private void applyDistinctCounts(List<Item> subjects) {
        for (int i = 0; i < d.measures.size(); i++) {
            Draft.Measure m = d.measures.get(i);
            if (m.function() != Aggregate.COUNT_DISTINCT || m.column() != null) {
                continue;
            }
            Draft.Measure replacement = new Draft.Measure(Aggregate.COUNT, m.table(), null, null);
            for (Item s : subjects) {
                TableInfo fact = ((Link) s).target().table();
                Optional<SchemaIndex.Edge> edge = Optional.ofNullable(index.path(List.of(fact), m.table()))
                        .filter(p -> p.size() == 1)
                        .map(List::getFirst);
                if (!fact.equals(m.table())
                        && edge.isPresent()
                        && edge.get().fromColumns().size() == 1) {
                    ColumnInfo fk =
                            fact.column(edge.get().fromColumns().getFirst()).orElseThrow();
                    replacement = new Draft.Measure(
                            Aggregate.COUNT_DISTINCT, fact, fk, PlanAssembler.singular(m.table()) + "_count");
                    use(s, "table " + fact.qualifiedName());
                    if (d.main == m.table()) {
                        d.main = fact;
                    }
                    break;
                }
            }
            d.measures.set(i, replacement);
        }
        if (!d.measures.isEmpty()) {
            // the counted table is what the query reads from, joined to the rest
            d.main = d.measures.getFirst().table();
        }
    }

    private TableInfo chooseMain(List<Item> subjects) {
        if (!d.measures.isEmpty()) {
            return d.measures.getFirst().table();
        }
        for (Item s : subjects) {
            if (((Link) s).target() instanceof TableTarget(TableInfo t)) {
                return t;
            }
        }
        if (!subjects.isEmpty()) {
            return ((Link) subjects.getFirst()).target().table();
        }
        if (!d.dims.isEmpty()) {
            return d.dims.getFirst().table();
        }
        if (!d.filters.isEmpty()) {
            return d.filters.getFirst().table();
        }
        for (Link l : unused(Link.class)) {
            if (l.target().table() != null) {
                return l.target().table();
            }
        }
        return null;
    }

    private void listColumns(List<Link> freeColumns) {
        for (Link l : freeColumns) {
            if (!used.contains(l)
                    && l.target() instanceof ColumnTarget c
                    && index.path(d.tables(), c.table()) != null) {
                if (saysTheirs(l) && !d.columns.stream().anyMatch(x -> x.table().equals(c.table()))) {
                    // "the cities and their population": the rows themselves, then the column
                    index.labelColumns(c.table()).stream()
                            .map(x -> new ColumnTarget(c.table(), x))
                            .filter(x -> !x.equals(c) && !d.columns.contains(x))
                            .forEach(d.columns::add);
                }
                d.columns.add(c);
                use(l, "show " + c.table().name() + "." + c.column().name());
            }
        }
        if (d.columns.isEmpty()) {
            d.main.columns().forEach(c -> d.columns.add(new ColumnTarget(d.main, c)));
        }
        if (distinct != null && !d.columns.isEmpty()) {
            d.distinct = true;
            use(distinct, "distinct rows");
        }
    }

    /** "... and their population", "... with its area": the column is shown next to the rows it belongs to. */
    private boolean saysTheirs(Link column) {
        int k = column.start();
        if (k < 2) {
            return false;
        }
        String possessive = r.tokens.get(k - 1).lower();
        String joiner = r.tokens.get(k - 2).lower();
        boolean tableBefore = items.stream()
                .anyMatch(it -> it.end() <= k - 2
                        && it instanceof Link l
                        && l.target() instanceof TableTarget(TableInfo t)
                        && t.equals(((ColumnTarget) column.target()).table()));
        return Set.of("their", "its").contains(possessive)
                && Set.of("and", "with").contains(joiner)
                && tableBefore;
    }

    private void defaultOrder() {
        if (sortKey != null) {
            Draft.OrderKey key =
                    switch (sortKey) {
                        case SortKey.ByColumn(ColumnTarget c) ->
                            d.measures.stream()
                                    .filter(m -> c.column().equals(m.column()))
                                    .findFirst()
                                    .map(Draft.OrderKey.class::cast)
                                    .orElse(c);
                        case SortKey.ByMeasure(MeasureIntent mi) ->
                            d.addMeasure(measure(mi, Set.copyOf(d.tables()), false));
                        case SortKey.ByGrain(TimeGrain g) ->
                            d.dims.stream()
                                    .filter(x -> x.grain() == g
                                            || (x.grain() == null
                                                    && index.periodColumn(x.table(), g)
                                                            .map(x.column()::equals)
                                                            .orElse(false)))
                                    .findFirst()
                                    .map(Draft.OrderKey.class::cast)
                                    .orElse(null);
                    };
            if (key != null) {
                d.orders.addFirst(new Draft.Order(key, direction == null ? Direction.ASC : direction));
            }
        }
        if (direction != null && !d.orders.isEmpty()) {
            d.orders.replaceAll(o -> new Draft.Order(o.key(), direction));
        }
        if (!d.orders.isEmpty()) {
            return;
        }
        Direction dir = direction;
        for (Draft.Dimension dim : d.dims) {
            if (dim.grain() != null) {
                d.orders.add(new Draft.Order(dim, dir == null ? Direction.ASC : dir));
                return;
            }
        }
        if (!d.dims.isEmpty() && !d.measures.isEmpty()) {
            d.orders.add(new Draft.Order(d.measures.getFirst(), dir == null ? Direction.DESC : dir));
        } else if (dir != null && !d.columns.isEmpty()) {
            d.orders.add(new Draft.Order(d.columns.getFirst(), dir));
        }
    }

    // ================================================================ follow-ups

    /**
     * Edits the previous plan's draft with what a follow-up says. Returns how many edits were made;
     * zero means the follow-up was not understood.
     */
    public int refine() {
        refining = true;
        Draft before = snapshotCounts();
        walk();
        attach();
        boolean replace = r.all(FollowCue.class).stream().anyMatch(c -> c.cue() == Cue.REPLACE);
        boolean add = r.all(FollowCue.class).stream().anyMatch(c -> c.cue() == Cue.ADD);
        int edits = 0;
        Set<TableInfo> context = new java.util.LinkedHashSet<>(d.tables());
        boolean needsDate = false;

        for (Remove rm : r.all(Remove.class)) {
            edits += removal(rm);
        }
        // filters found by attach() went straight into d: replace older ones on the same column
        edits += replaceDuplicateFilters(before);
        for (Dates dt : pendingDates) {
            ColumnTarget col = previousDateColumn();
            if (col != null) {
                d.filters.removeIf(
                        f -> f.column().equals(col.column()) && f.table().equals(col.table()));
                dateFilter(col, dt);
                edits++;
            }
        }
        for (Compare c : pendingCompares) {
            Optional<ColumnInfo> amount = index.defaultAmountColumn(d.main);
            if (amount.isPresent()) {
                numberFilter(new ColumnTarget(d.main, amount.get()), c);
                edits++;
            }
        }
        for (Place p : unused(Place.class)) {
            if (place(p)) {
                edits++;
            }
        }
        if (!grains.isEmpty() || hasNewDims(before)) {
            List<Draft.Dimension> fresh = new ArrayList<>(d.dims.subList(before.dims.size(), d.dims.size()));
            ColumnTarget dateCol = previousDateColumn();
            for (Grain g : grains) {
                if (dateCol != null) {
                    fresh.add(new Draft.Dimension(dateCol.table(), dateCol.column(), g.grain(), null));
                    meanings.put(g, "group by " + g.grain().name().toLowerCase(Locale.ROOT));
                }
            }
            List<Draft.Dimension> old = new ArrayList<>(d.dims.subList(0, before.dims.size()));
            d.dims.clear();
            if (add && !replace) {
                d.dims.addAll(old);
            }
            fresh.forEach(d::addDim);
            d.orders.removeIf(o -> o.key() instanceof Draft.Dimension x && !d.dims.contains(x));
            edits++;
        }
        List<Draft.Measure> newMeasures = new ArrayList<>();
        for (MeasureIntent mi : measureIntents) {
            newMeasures.add(measure(mi, context, needsDate));
        }
        for (Agg a : bareAggs) {
            ColumnTarget col = previousMeasureColumn();
            if (a.function() == Aggregate.COUNT) {
                newMeasures.add(new Draft.Measure(Aggregate.COUNT, d.main, null, null));
            } else if (col != null) {
                newMeasures.add(new Draft.Measure(a.function(), col.table(), col.column(), null));
            } else {
                continue;
            }
            use(a, a.function().name());
        }
        for (Noun n : unused(Noun.class)) {
            if (rank == null && sortKey == null) {
                newMeasures.add(measure(new MeasureIntent(null, null, null, n), context, needsDate));
                use(n, "measure " + n.noun());
            }
        }
        if (!newMeasures.isEmpty()) {
            if (replace) {
                // "instead of the total, the maximum": the last measure named is the new one
                newMeasures = List.of(newMeasures.getLast());
                Map<Draft.Measure, Draft.Measure> swap = new LinkedHashMap<>();
                if (!d.measures.isEmpty()) {
                    swap.put(d.measures.getFirst(), newMeasures.getFirst());
                }
                d.measures.clear();
                d.orders.replaceAll(o -> o.key() instanceof Draft.Measure m && swap.containsKey(m)
                        ? new Draft.Order(swap.get(m), o.direction())
                        : o);
                d.having.replaceAll(h -> swap.containsKey(h.measure())
                        ? new Draft.Having(swap.get(h.measure()), h.op(), h.values())
                        : h);
            }
            newMeasures.forEach(d::addMeasure);
            edits++;
        }
        for (HavingIntent h : havingIntents) {
            Draft.Measure m = d.addMeasure(measure(h.measure(), context, needsDate));
            d.having.removeIf(x -> x.measure().sameAs(m));
            d.having.add(new Draft.Having(m, h.op(), h.values()));
            edits++;
        }
        if (rank != null) {
            Direction dir = rank.word().direction();
            Draft.OrderKey key =
                    rankMeasure != null ? d.addMeasure(measure(rankMeasure, context, needsDate)) : rankColumn;
            if (key != null) {
                d.orders.clear();
                d.orders.add(new Draft.Order(key, dir));
            } else if (d.orders.isEmpty()) {
                defaultRankOrder(dir);
            } else {
                d.orders.replaceAll(o -> new Draft.Order(o.key(), dir));
            }
            if (rank.n() != null) {
                d.limit = rank.n();
            }
            edits++;
        }
        if (sortKey != null || direction != null) {
            if (sortKey == null && d.orders.isEmpty()) {
                defaultRankOrder(direction);
            } else if (sortKey != null) {
                d.orders.clear();
            }
            defaultOrder();
            edits++;
        }
        if (d.limit != before.limit) {
            edits++;
        }
        if (edits > 0) {
            avoidDoubleCounting();
        }
        if (edits > 0 && d.orders.isEmpty()) {
            defaultOrder();
        }
        return edits;
    }

    private void defaultRankOrder(Direction dir) {
        if (!d.measures.isEmpty()) {
            d.orders.add(new Draft.Order(d.measures.getFirst(), dir));
        } else {
            index.defaultAmountColumn(d.main)
                    .ifPresent(c -> d.orders.add(new Draft.Order(new ColumnTarget(d.main, c), dir)));
        }
    }

    private Draft snapshotCounts() {
        Draft copy = new Draft();
        copy.dims.addAll(d.dims);
        copy.filters.addAll(d.filters);
        copy.limit = d.limit;
        return copy;
    }

    private boolean hasNewDims(Draft before) {
        return d.dims.size() > before.dims.size();
    }

    /** New filters on a column replace the previous plan's filters on that column. */
    private int replaceDuplicateFilters(Draft before) {
        List<Draft.Filter> fresh = new ArrayList<>(d.filters);
        fresh.removeAll(before.filters);
        for (Draft.Filter f : fresh) {
            d.filters.removeIf(old -> before.filters.contains(old)
                    && old.table().equals(f.table())
                    && old.column().equals(f.column())
                    && sameKind(old.op(), f.op()));
        }
        return fresh.size();
    }

    private static boolean sameKind(FilterOp a, FilterOp b) {
        Set<FilterOp> equality = Set.of(FilterOp.EQ, FilterOp.NE, FilterOp.IN, FilterOp.NOT_IN, FilterOp.LIKE);
        return equality.contains(a) == equality.contains(b);
    }

    private int removal(Remove rm) {
        use(rm, "remove");
        switch (rm.removal()) {
            case DATES -> {
                int n = d.filters.size();
                d.filters.removeIf(f -> SchemaIndex.isDate(f.column()));
                return n == d.filters.size() ? 0 : 1;
            }
            case LIMIT -> {
                d.limit = null;
                return 1;
            }
            case NAMED -> {
                int k = items.indexOf(rm);
                Item next = item(k + 1);
                if (next instanceof Grain
                        || (next instanceof Link l
                                && l.target() instanceof ColumnTarget c
                                && SchemaIndex.isDate(c.column()))) {
                    used.add(next);
                    d.filters.removeIf(f -> SchemaIndex.isDate(f.column()));
                    return 1;
                }
                if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
                    used.add(next);
                    d.filters.removeIf(
                            f -> f.column().equals(c.column()) && f.table().equals(c.table()));
                    return 1;
                }
                if (next instanceof Link l && l.target() instanceof ValueTarget v) {
                    used.add(next);
                    d.filters.removeIf(
                            f -> f.column().equals(v.column()) && f.table().equals(v.table()));
                    return 1;
                }
                return 0;
            }
        }
        return 0;
    }

    private ColumnTarget previousDateColumn() {
        for (Draft.Filter f : d.filters) {
            if (SchemaIndex.isDate(f.column())) {
                return new ColumnTarget(f.table(), f.column());
            }
        }
        for (Draft.Dimension dim : d.dims) {
            if (dim.grain() != null) {
                return new ColumnTarget(dim.table(), dim.column());
            }
        }
        return dateColumn();
    }

    private ColumnTarget previousMeasureColumn() {
        for (Draft.Measure m : d.measures) {
            if (m.column() != null && SchemaIndex.isNumeric(m.column())) {
                return new ColumnTarget(m.table(), m.column());
            }
        }
        return index.defaultAmountColumn(d.main)
                .map(c -> new ColumnTarget(d.main, c))
                .orElse(null);
    }

    // ================================================================ helpers

    private Draft.Measure measure(MeasureIntent mi, Set<TableInfo> context, boolean needsDate) {
        if (mi.noun() == null) {
            return new Draft.Measure(mi.function(), mi.table(), mi.column(), null);
        }
        ColumnTarget c = nounColumn(mi.noun(), context, needsDate);
        if (mi.function() == Aggregate.COUNT) {
            return new Draft.Measure(Aggregate.COUNT, c.table(), null, null);
        }
        Aggregate fn = mi.function() == null ? defaultAggregate(c.column()) : mi.function();
        String base = NOUN_ALIASES.get(mi.noun().noun());
        String name = base == null
                ? null
                : switch (fn) {
                    case SUM -> base;
                    case AVG -> "avg_" + base;
                    case MIN -> "min_" + base;
                    case MAX -> "max_" + base;
                    default -> null;
                };
        meanings.put(
                mi.noun(), fn + " of " + c.table().name() + "." + c.column().name());
        return new Draft.Measure(fn, c.table(), c.column(), name);
    }

    /**
     * The column a measure noun means here: the candidate closest to the other tables of the
     * question (and to a date, when one is needed), earlier candidates winning ties.
     */
    private ColumnTarget nounColumn(Noun n, Set<TableInfo> context, boolean needsDate) {
        ColumnTarget best = null;
        double bestCost = Double.MAX_VALUE;
        Map<ColumnTarget, Double> costs = new LinkedHashMap<>();
        String schema = context.stream().map(SchemaIndex::schemaKey).findFirst().orElse(null);
        for (int i = 0; i < n.columns().size(); i++) {
            ColumnTarget c = n.columns().get(i);
            double cost = i * 0.3;
            if (schema != null && !schema.equals(SchemaIndex.schemaKey(c.table()))) {
                cost += 3;
            }
            for (TableInfo t : context) {
                int dist = index.distance(c.table(), t);
                cost += dist == Integer.MAX_VALUE ? 10 : dist;
            }
            if (needsDate && index.mainDateColumn(c.table()).isEmpty()) {
                cost += nearestDateDistance(c.table());
            }
            if (SchemaIndex.isModifier(c.column())) {
                cost += 2; // revenue is never the discount, however close the discount is
            }
            if (TRANSACTIONAL.contains(n.noun()) && !index.isFact(c.table())) {
                cost += 1; // "units sold" are counted where sales are recorded, not in the catalogue
            }
            costs.putIfAbsent(c, cost);
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        if (!refining && best != null) {
            List<ColumnTarget> close = new ArrayList<>();
            close.add(best);
            double bestSeen = bestCost;
            costs.forEach((c, cost) -> {
                if (!close.contains(c) && cost - bestSeen < MEASURE_CLOSE_CALL) {
                    close.add(c);
                }
            });
            if (close.size() > 1) {
                ambiguities.measure(r.text(n), close);
            }
        }
        return best;
    }

    private double nearestDateDistance(TableInfo t) {
        int best = Integer.MAX_VALUE;
        for (TableInfo other : index.snapshot().tables()) {
            if (index.mainDateColumn(other).isPresent()) {
                best = Math.min(best, index.distance(t, other));
            }
        }
        return best == Integer.MAX_VALUE ? 5 : best;
    }

    /**
     * The date a time word with no date column of its own uses; when no column was named and
     * several could be meant about equally, the choice is recorded as an ambiguity.
     */
    private ColumnTarget dateColumnFor(Item timeWord) {
        boolean chosen = !dateColumnsUsed.isEmpty();
        ColumnTarget col = dateColumn();
        if (col != null && !chosen && !refining) {
            List<ColumnTarget> candidates = dateCandidates(col);
            if (candidates.size() > 1 && !echoed(col)) {
                ambiguities.time(r.text(timeWord), candidates);
            }
        }
        return col;
    }

    /**
     * The date columns a time word could mean as well as {@code guess}, the guess first: the main
     * table's date columns scoring within one hint of the best when none is named after the table
     * ({@code users.created_at} or {@code users.last_login_at}); without a date of its own, the
     * dates of the tables nearest to it, when several are equally near.
     */
    private List<ColumnTarget> dateCandidates(ColumnTarget guess) {
        List<ColumnTarget> out = new ArrayList<>();
        out.add(guess);
        List<ColumnInfo> own =
                d.main.columns().stream().filter(SchemaIndex::isDate).toList();
        if (!own.isEmpty()) {
            if (!guess.table().equals(d.main) || SchemaIndex.namedAfterTable(d.main, guess.column())) {
                return out;
            }
            int best = SchemaIndex.dateScore(d.main, guess.column());
            for (ColumnInfo c : own) {
                int score = SchemaIndex.dateScore(d.main, c);
                if (!c.equals(guess.column()) && score >= 0 && score >= best - 1) {
                    out.add(new ColumnTarget(d.main, c));
                }
            }
            return out;
        }
        int nearest = index.distance(d.main, guess.table());
        for (TableInfo t : index.snapshot().tables()) {
            if (t.equals(guess.table()) || index.distance(d.main, t) != nearest) {
                continue;
            }
            index.mainDateColumn(t).ifPresent(c -> out.add(new ColumnTarget(t, c)));
        }
        return out;
    }

    /** Whether a word of the question echoes the date column's own name ("signed" for signed_date). */
    private boolean echoed(ColumnTarget date) {
        Set<String> own =
                new HashSet<>(Text.stems(Text.identifierWords(date.column().name())));
        own.removeAll(Set.of("date", "at", "on", "time", "day"));
        return r.tokens.stream().anyMatch(t -> own.contains(t.stem()));
    }

    /** The date to filter or bucket by: the main table's, else the nearest table's that has one. */
    private ColumnTarget dateColumn() {
        if (!dateColumnsUsed.isEmpty()) {
            return dateColumnsUsed.getFirst();
        }
        Optional<ColumnInfo> own = index.mainDateColumn(d.main);
        if (own.isPresent()) {
            return new ColumnTarget(d.main, own.get());
        }
        ColumnTarget best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<TableInfo> candidates = new ArrayList<>(d.tables());
        index.snapshot().tables().stream().filter(t -> !candidates.contains(t)).forEach(candidates::add);
        for (TableInfo t : candidates) {
            Optional<ColumnInfo> date = index.mainDateColumn(t);
            int dist = index.distance(d.main, t);
            if (date.isPresent() && dist < bestDistance) {
                best = new ColumnTarget(t, date.get());
                bestDistance = dist;
            }
        }
        return best;
    }

    /**
     * A column holding the period itself ("year", "publication_year"), used only when the tables in
     * play have no date: a table's own date always wins, and a period column of a table already in
     * the plan wins over joining to a far table for its date.
     */
    private ColumnTarget periodColumn(TimeGrain grain) {
        if (!dateColumnsUsed.isEmpty() || grain == TimeGrain.DAY || grain == TimeGrain.WEEK) {
            // a "day" column holds weekdays or days of a month, neither of which is a day of the calendar
            return null;
        }
        for (TableInfo t : d.tables()) {
            if (index.mainDateColumn(t).isPresent()) {
                return null;
            }
        }
        for (TableInfo t : d.tables()) {
            Optional<ColumnInfo> c = index.periodColumn(t, grain);
            if (c.isPresent() && (grain != TimeGrain.YEAR || SchemaIndex.isNumeric(c.get()))) {
                return new ColumnTarget(t, c.get());
            }
        }
        return null;
    }

    /** "the year 2021": the period word introduces a date, it does not ask to group by it. */
    private boolean namesADate(int k) {
        return item(k + 1) instanceof Dates dt
                && dt.start() == items.get(k).end()
                && r.tokens.get(dt.start()).kind() == Text.Kind.NUMBER;
    }

    /** "2 days before", "3 months": a length of time, not a grouping. */
    private boolean isDuration(Grain g) {
        return g.start() > 0 && r.tokens.get(g.start() - 1).kind() == Text.Kind.NUMBER;
    }

    /** Whether a range starts and ends on New Year, so that a year column can express it. */
    private static boolean wholeYears(Dates dt) {
        boolean from = dt.from() == null || dt.from().getDayOfYear() == 1;
        boolean to = dt.to() == null || dt.to().getDayOfYear() == 1;
        return (dt.from() != null || dt.to() != null) && from && to;
    }

    /** "in 2021" on a numeric year column: {@code year = 2021}, or a range of years. */
    private void yearFilter(ColumnTarget col, Dates dt) {
        Integer from = dt.from() == null ? null : dt.from().getYear();
        Integer to = dt.to() == null ? null : dt.to().getYear();
        if (from != null && to != null && to == from + 1) {
            d.addFilter(new Draft.Filter(
                    col.table(), col.column(), FilterOp.EQ, List.of(String.valueOf(from)), ValueType.NUMBER));
        } else {
            if (from != null) {
                d.addFilter(new Draft.Filter(
                        col.table(), col.column(), FilterOp.GTE, List.of(String.valueOf(from)), ValueType.NUMBER));
            }
            if (to != null) {
                d.addFilter(new Draft.Filter(
                        col.table(), col.column(), FilterOp.LT, List.of(String.valueOf(to)), ValueType.NUMBER));
            }
        }
        use(dt, col.table().name() + "." + col.column().name() + " " + DatePhrases.describe(dt.from(), dt.to()));
        filterOn.put(dt, col);
    }

    private static boolean overlap(Dates a, Dates b) {
        boolean aEndsBeforeB = a.to() != null && b.from() != null && !a.to().isAfter(b.from());
        boolean bEndsBeforeA = b.to() != null && a.from() != null && !b.to().isAfter(a.from());
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    private void dateFilter(ColumnTarget col, Dates dt) {
        boolean disjoint =
                datesApplied.stream().anyMatch(other -> other.column().equals(col) && !overlap(other.dates(), dt));
        if (disjoint) {
            // "in 2024 but not in 2025": two separate periods of one date compare rows, they do not filter them
            unsupported(dt, "a comparison of periods");
            flagged.add(dt);
            return;
        }
        datesApplied.add(new AppliedDates(col, dt));
        if (dt.from() != null) {
            d.addFilter(new Draft.Filter(
                    col.table(), col.column(), FilterOp.GTE, List.of(dt.from().toString()), ValueType.DATE));
        }
        if (dt.to() != null) {
            d.addFilter(new Draft.Filter(
                    col.table(), col.column(), FilterOp.LT, List.of(dt.to().toString()), ValueType.DATE));
        }
        if (!dateColumnsUsed.contains(col)) {
            dateColumnsUsed.add(col);
        }
        use(dt, col.table().name() + "." + col.column().name() + " " + DatePhrases.describe(dt.from(), dt.to()));
        filterOn.put(dt, col);
    }

    private void numberFilter(ColumnTarget col, Compare c) {
        d.addFilter(new Draft.Filter(col.table(), col.column(), c.op(), c.numbers(), ValueType.NUMBER));
        use(c, col.table().name() + "." + col.column().name() + " " + describeOp(c));
        filterOn.put(c, col);
    }

    private void textFilter(ColumnTarget col, TextMatch tm) {
        FilterOp op = tm.exact() ? FilterOp.EQ : FilterOp.LIKE;
        d.addFilter(new Draft.Filter(col.table(), col.column(), op, List.of(tm.pattern()), ValueType.STRING));
        use(tm, col.column().name() + (tm.exact() ? " = '" : " LIKE '") + tm.pattern() + "'");
        filterOn.put(tm, col);
    }

    /** A capitalised place name: the location column of the tables in play, city first. */
    private boolean place(Place p) {
        List<TableInfo> tables = new ArrayList<>(d.tables());
        if (d.main != null) {
            index.neighbours(d.main).stream().filter(t -> !tables.contains(t)).forEach(tables::add);
        }
        for (String word : Vocabulary.PLACE_WORDS) {
            for (TableInfo t : tables) {
                for (ColumnInfo c : t.columns()) {
                    if (SchemaIndex.isText(c) && Text.identifierWords(c.name()).contains(word)) {
                        d.addFilter(new Draft.Filter(t, c, FilterOp.EQ, List.of(p.value()), ValueType.STRING));
                        use(p, t.name() + "." + c.name() + " = '" + p.value() + "' (a guess)");
                        filterOn.put(p, new ColumnTarget(t, c));
                        penalty += GUESS_PENALTY;
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String describeOp(Compare c) {
        return switch (c.op()) {
            case GT -> "> " + c.numbers().getFirst();
            case GTE -> ">= " + c.numbers().getFirst();
            case LT -> "< " + c.numbers().getFirst();
            case LTE -> "<= " + c.numbers().getFirst();
            case BETWEEN ->
                "between " + c.numbers().get(0) + " and " + c.numbers().get(1);
            default -> "= " + c.numbers().getFirst();
        };
    }

    /** The dimensions naming an entity's rows: its label columns, or the column itself. */
    private List<Draft.Dimension> entityDims(Entity entity) {
        return switch (entity) {
            case Entity.Rows(TableInfo t) ->
                index.labelColumns(t).stream()
                        .map(c -> new Draft.Dimension(t, c, null, null))
                        .toList();
            case Entity.Values(ColumnTarget c) -> List.of(new Draft.Dimension(c.table(), c.column(), null, null));
        };
    }

    private void groupByEntity(Entity entity, Item source) {
        List<Draft.Dimension> dims = entityDims(entity);
        dims.forEach(d::addDim);
        use(
                source,
                "group by "
                        + dims.stream()
                                .map(x -> x.table().name() + "." + x.column().name())
                                .collect(java.util.stream.Collectors.joining(", ")));
    }

    private void unsupported(Item it, String what) {
        penalty += UNSUPPORTED_PENALTY;
        issues.add("'" + r.text(it) + "' asks for " + what);
    }

    public List<String> issues() {
        return issues;
    }

    private boolean singular(Entity entity) {
        for (Item it : items) {
            if (it instanceof Link l && entity != null && entity.namedBy(l.target())) {
                Text.Token last = r.tokens.get(l.end() - 1);
                return last.lower().equals(last.stem()) && !last.lower().endsWith("s");
            }
            if (it instanceof Grain g && entity == null) {
                String w = r.tokens.get(g.end() - 1).lower();
                return !w.endsWith("s");
            }
        }
        return false;
    }

    static Aggregate defaultAggregate(ColumnInfo c) {
        List<String> words = Text.identifierWords(c.name());
        boolean nonAdditive = NON_ADDITIVE.stream().anyMatch(words::contains);
        boolean additive = Vocabulary.ADDITIVE_WORDS.stream().anyMatch(words::contains);
        return nonAdditive && !additive ? Aggregate.AVG : Aggregate.SUM;
    }

    /** Table and text-column links nobody claimed: what the question is about. */
    private List<Item> subjects() {
        List<Item> out = new ArrayList<>();
        for (Item it : items) {
            if (it instanceof Link l && !used.contains(l)) {
                if (l.target() instanceof TableTarget
                        || (l.target() instanceof ColumnTarget c
                                && !SchemaIndex.isNumeric(c.column())
                                && !SchemaIndex.isDate(c.column()))) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    private Item subjectBefore(int k) {
        for (int j = 0; j < k && j < items.size(); j++) {
            if (items.get(j) instanceof Link l && !used.contains(l) && l.target() instanceof TableTarget) {
                return l;
            }
        }
        for (int j = 0; j < k && j < items.size(); j++) {
            if (items.get(j) instanceof Link l
                    && !used.contains(l)
                    && l.target() instanceof ColumnTarget c
                    && SchemaIndex.isText(c.column())) {
                return l;
            }
        }
        return null;
    }

    private boolean hasSubjectBefore(int k) {
        return subjectBefore(k) != null;
    }

    private int targetAfter(int k) {
        for (int j = k + 1; j < items.size(); j++) {
            Item it = items.get(j);
            if (it instanceof Distinct || it instanceof Negation || it instanceof Neutral || it instanceof FollowCue) {
                continue;
            }
            if (it instanceof Link l && l.target() instanceof ValueTarget) {
                continue;
            }
            if ((it instanceof Link l && !(l.target() instanceof SchemaTarget)) || it instanceof Noun) {
                return used.contains(it) ? -1 : j;
            }
            return -1;
        }
        return -1;
    }

    /** Only stop words lie between the two items. */
    private boolean adjacent(Item a, Item b) {
        for (int k = a.end(); k < b.start(); k++) {
            if (r.content(k)) {
                return false;
            }
        }
        return a.end() <= b.start();
    }

    private Item item(int k) {
        return k >= 0 && k < items.size() ? items.get(k) : null;
    }

    private <T extends Item> List<T> unused(Class<T> type) {
        return items.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(it -> !used.contains(it))
                .toList();
    }

    private void use(Item it, String meaning) {
        if (it == null) {
            return;
        }
        boolean first = used.add(it);
        meanings.putIfAbsent(it, meaning);
        if (!first) {
            return;
        }
        if (it instanceof Link l && l.ambiguous()) {
            penalty += AMBIGUITY_PENALTY;
        }
        if (it instanceof Link l && l.weak()) {
            penalty += WEAK_LINK_PENALTY;
        }
    }
}
