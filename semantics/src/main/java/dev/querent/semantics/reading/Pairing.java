package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.Text.Token;
import dev.querent.semantics.reading.Interpretation.Entity;
import dev.querent.semantics.reading.Interpretation.HavingIntent;
import dev.querent.semantics.reading.Interpretation.MeasureIntent;
import dev.querent.semantics.reading.Interpretation.SortKey;
import dev.querent.semantics.reading.Reading.Agg;
import dev.querent.semantics.reading.Reading.Compare;
import dev.querent.semantics.reading.Reading.Dates;
import dev.querent.semantics.reading.Reading.Dir;
import dev.querent.semantics.reading.Reading.Distinct;
import dev.querent.semantics.reading.Reading.Grain;
import dev.querent.semantics.reading.Reading.Group;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Limit;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.ListVerb;
import dev.querent.semantics.reading.Reading.Negation;
import dev.querent.semantics.reading.Reading.Neutral;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Quoted;
import dev.querent.semantics.reading.Reading.Rank;
import dev.querent.semantics.reading.Reading.Sort;
import dev.querent.semantics.reading.Reading.TextMatch;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first phase: pairs markers with the words they govern ("average" → "order value", "per" →
 * "month", "top 5" → "products"), then attaches literals to the columns next to them.
 */
final class Pairing {
    private final Interpretation st;
    private final ColumnChoice columns;

    Pairing(Interpretation st, ColumnChoice columns) {
        this.st = st;
        this.columns = columns;
    }

    void walk() {
        for (int k = 0; k < st.items.size(); k++) {
            Item it = st.items.get(k);
            if (st.used.contains(it)) {
                continue;
            }
            switch (it) {
                case Agg a -> aggregate(k, a);
                case Group g -> group(k, g);
                case Grain g -> {
                    if (columns.namesADate(k)) {
                        st.use(g, "(part of the date)");
                    } else if (!columns.isDuration(g)) {
                        st.grains.add(g);
                        st.use(g, "group by " + g.grain().name().toLowerCase(Locale.ROOT));
                    }
                }
                case Rank rk -> rank(k, rk);
                case Sort s -> sort(k, s);
                case Dir dir -> {
                    st.direction = dir.direction();
                    st.use(dir, "sort " + dir.direction().name().toLowerCase(Locale.ROOT) + "ending");
                }
                case Distinct x -> st.distinct = x;
                case Limit l -> {
                    st.d.limit = l.n();
                    st.use(l, "limit to " + l.n() + " rows");
                }
                case ListVerb v -> st.listing = true;
                default -> {}
            }
        }
    }

    private void aggregate(int k, Agg a) {
        Item before = st.item(k - 1);
        Item after = st.item(k + 1);
        boolean distinctAsked = before instanceof Distinct || after instanceof Distinct;
        if (distinctAsked) {
            st.use(before instanceof Distinct ? before : after, "distinct");
        }
        int j = st.targetAfter(k);
        MeasureIntent m = null;
        if (j < 0) {
            if (a.function() != Aggregate.COUNT
                    && st.item(k + 1) instanceof Agg inner
                    && inner.function() == Aggregate.COUNT) {
                if (ofKeptCounts(k, a, inner)) {
                    return;
                }
                // "the average number of users per organization": an aggregate of aggregates
                st.unsupported(a, "aggregates of aggregates");
                st.flagged.add(a);
                return;
            }
            st.bareAggs.add(a);
            return;
        }
        Item target = st.items.get(j);
        if (target instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
            // "the total sales count": a count of the rows the table word names, not a total of their amounts
            Item counted = st.item(j + 1) instanceof Agg c && c.function() == Aggregate.COUNT ? c : null;
            Tally tally = a.function() == Aggregate.COUNT && !distinctAsked ? tallyOfWhoseRows(j, t) : null;
            if (tally != null) {
                ColumnTarget c = tally.column();
                m = new MeasureIntent(Aggregate.SUM, c.table(), c.column(), null);
                st.use(l, "counted in " + c.table().name() + "." + c.column().name());
                if (tally.link() != null) {
                    st.use(
                            tally.link(),
                            "column " + c.table().name() + "." + c.column().name());
                }
            } else if (a.function() == Aggregate.COUNT || counted != null || isTotalOfRows(a, j)) {
                m = new MeasureIntent(distinctAsked ? Aggregate.COUNT_DISTINCT : Aggregate.COUNT, t, null, null);
                st.use(l, "table " + t.qualifiedName());
                if (counted != null) {
                    st.use(a, "COUNT");
                    st.use(counted, "COUNT");
                }
            } else {
                st.use(l, "table " + t.qualifiedName());
                Item next = st.item(j + 1);
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
                    st.use(next, "column " + col.column().name());
                } else {
                    col = st.index
                            .defaultAmountColumn(t)
                            .map(c -> new ColumnTarget(t, c))
                            .orElse(null);
                }
                if (col != null) {
                    m = new MeasureIntent(a.function(), t, col.column(), null);
                }
            }
        } else if (target instanceof Link l && l.target() instanceof ColumnTarget(TableInfo t, ColumnInfo c)) {
            boolean totalOfText = a.function() == Aggregate.COUNT
                    && !distinctAsked
                    && st.r.tokens.get(a.start()).lower().equals("total")
                    && SchemaIndex.numbersAsText(t, c);
            ColumnTarget kept = totalOfText ? numericRival(l) : null;
            if (kept != null) {
                // "the total number of credits" where course.credits is text and student.total_credit a number
                m = new MeasureIntent(Aggregate.SUM, kept.table(), kept.column(), null);
                st.use(l, "column " + kept.table().name() + "." + kept.column().name());
            } else {
                if (totalOfText) {
                    // "the total number of credits" over numbers kept as text: a sum is meant, not a count of
                    // distinct values, and the text would have to be cast first
                    st.unsupported(a, "a total of " + t.name() + "." + c.name() + ", which holds numbers as text");
                    st.flagged.add(a);
                }
                m = columnMeasure(a, t, c, distinctAsked);
                if (m != null) {
                    st.use(l, "column " + t.name() + "." + c.name());
                }
            }
        } else if (target instanceof Noun n) {
            m = new MeasureIntent(a.function(), null, null, n);
            st.use(n, "measure " + n.noun());
        }
        if (m == null) {
            return;
        }
        // "the total number of citations" where each row keeps its count: the count is a sum
        boolean countsKept = a.function() == Aggregate.COUNT && m.function() == Aggregate.SUM;
        st.use(a, countsKept ? "SUM of the counts kept" : a.function().name());
        if (m.column() != null || m.noun() != null) {
            st.aggregated.put(target, m);
        }
        if (st.rankTakesNextAgg) {
            st.rankMeasure = m;
            st.rankTakesNextAgg = false;
        } else if (st.byTakesNextAgg) {
            st.byMeasure = m;
            st.byTakesNextAgg = false;
        } else {
            st.measureIntents.add(m);
        }
    }

    /**
     * "The average number of references per publication" where each publication keeps its count
     * ({@code reference_num}): no aggregate of aggregates but the average of the column, over the rows
     * that keep it — "per publication" (or "of a publication") names those rows, not a group. False,
     * with nothing used, when the count after the aggregate is no such column.
     */
    private boolean ofKeptCounts(int k, Agg a, Agg count) {
        if (!(st.item(k + 2) instanceof Link l
                && st.adjacent(count, l)
                && l.target() instanceof ColumnTarget c
                && SchemaIndex.holdsCount(c.table(), c.column()))) {
            return false;
        }
        int next = k + 3;
        Item group = st.item(next) instanceof Group g ? g : null;
        if (group != null) {
            next++;
        }
        if (st.item(next) instanceof Link rows && rows.target() instanceof TableTarget(TableInfo t)) {
            if (!t.equals(c.table())) {
                return false; // "per organization" of a count each author keeps: an aggregate of aggregates
            }
            if (group != null) {
                st.use(group, "(each row)");
            }
            st.use(rows, "rows of " + t.qualifiedName());
        } else if (group != null) {
            return false;
        }
        MeasureIntent m = new MeasureIntent(a.function(), c.table(), c.column(), null);
        st.use(a, a.function().name());
        st.use(count, "(the counts kept)");
        st.use(l, "column " + c.table().name() + "." + c.column().name());
        st.aggregated.put(l, m);
        st.measureIntents.add(m);
        return true;
    }

    /** A tally column that gives a count, and the link that named it (none when a verb did). */
    private record Tally(ColumnTarget column, Link link) {}

    /**
     * "The number of students who found the instructor hilarious" where a table of tallies keeps, per
     * course, how many students found it so ({@code course_tags_count.hilarious}): the rows counted
     * are told by the relative clause after their noun, and the clause names a tally column of
     * another table, by its name or by the verb whose noun it is ("who participated" → {@code
     * participation}). The tables the clause names before the column ("the instructor") are part of
     * what the tally counts, not tables to join. Null when the counted noun is not followed by a
     * relative pronoun or the clause names anything but tables before a tally column.
     */
    private Tally tallyOfWhoseRows(int j, TableInfo counted) {
        Link noun = (Link) st.items.get(j);
        if (noun.end() >= st.r.tokens.size()
                || !Phrases.RELATIVE_PRONOUNS.contains(
                        st.r.tokens.get(noun.end()).lower())) {
            return null;
        }
        ColumnTarget byVerb = tallyNamedByVerb(noun.end() + 1, counted);
        if (byVerb != null) {
            return new Tally(byVerb, null);
        }
        List<Link> tables = new ArrayList<>();
        for (int k = j + 1; k < st.items.size(); k++) {
            Item it = st.items.get(k);
            if (it instanceof ListVerb || it instanceof Neutral) {
                continue; // "who found", "who are"
            }
            if (!(it instanceof Link l) || st.used.contains(l)) {
                return null;
            }
            if (l.target() instanceof TableTarget) {
                tables.add(l);
            } else if (l.target() instanceof ColumnTarget c && !c.table().equals(counted) && tallies(c)) {
                tables.forEach(x ->
                        st.use(x, "(what " + c.table().name() + "." + c.column().name() + " counts)"));
                return new Tally(c, l);
            } else {
                return null;
            }
        }
        return null;
    }

    /**
     * The one tally column named by the noun of the verb at token {@code k} ("participated" →
     * {@code participation}), when no other reading took the verb; null otherwise.
     */
    private ColumnTarget tallyNamedByVerb(int k, TableInfo counted) {
        if (k >= st.r.tokens.size() || !st.r.tokens.get(k).lower().endsWith("ed")) {
            return null;
        }
        boolean taken = st.items.stream()
                .anyMatch(it -> it.start() <= k && k < it.end() && !(it instanceof ListVerb || it instanceof Neutral));
        if (taken) {
            return null;
        }
        String noun = Stemmer.stem(st.r.tokens.get(k).lower()) + "ion";
        List<ColumnTarget> named = st.index.lookup(Stemmer.singular(noun)).stream()
                .map(SchemaIndex.Candidate::target)
                .filter(x -> x instanceof ColumnTarget c && !c.table().equals(counted) && tallies(c))
                .map(ColumnTarget.class::cast)
                .distinct()
                .toList();
        return named.size() == 1 ? named.getFirst() : null;
    }

    private static boolean tallies(ColumnTarget c) {
        return SchemaIndex.tallies(c.table(), c.column());
    }

    /** The measure an aggregate word asks of one column; null when it cannot apply to it. */
    private static MeasureIntent columnMeasure(Agg a, TableInfo t, ColumnInfo c, boolean distinctAsked) {
        if (a.function() == Aggregate.COUNT && !distinctAsked && SchemaIndex.holdsCount(t, c)) {
            // "the total number of citations" where each row already counts its citations: add them up
            return new MeasureIntent(Aggregate.SUM, t, c, null);
        } else if (a.function() == Aggregate.COUNT) {
            boolean keyOrText = !SchemaIndex.isNumeric(c) || SchemaIndex.isKey(t, c);
            return new MeasureIntent(
                    distinctAsked || keyOrText ? Aggregate.COUNT_DISTINCT : Aggregate.COUNT, t, c, null);
        } else if (SchemaIndex.isNumeric(c)
                || (SchemaIndex.isDate(c) && (a.function() == Aggregate.MIN || a.function() == Aggregate.MAX))) {
            return new MeasureIntent(a.function(), t, c, null);
        }
        return null;
    }

    /**
     * Another column the same words name that holds numbers as numbers — the one named a total
     * ({@code total_credit}) among several, else the only one; a total is asked of it rather than of
     * the text column. Looked up afresh: the link keeps only the
     * candidates its reading preferred.
     */
    private ColumnTarget numericRival(Link l) {
        String phrase = st.r.tokens.subList(l.start(), l.end()).stream()
                .map(Text.Token::stem)
                .collect(java.util.stream.Collectors.joining(" "));
        List<ColumnTarget> numeric = st.index.lookup(phrase).stream()
                .map(SchemaIndex.Candidate::target)
                .filter(x -> x instanceof ColumnTarget c
                        && SchemaIndex.isNumeric(c.column())
                        && !SchemaIndex.isKey(c.table(), c.column()))
                .map(ColumnTarget.class::cast)
                .distinct()
                .toList();
        List<ColumnTarget> totals = numeric.stream()
                .filter(c -> Text.identifierWords(c.column().name()).contains("total"))
                .toList();
        return totals.size() == 1 ? totals.getFirst() : numeric.size() == 1 ? numeric.getFirst() : null;
    }

    /** "total orders" counts rows, "total revenue" sums a column. */
    private boolean isTotalOfRows(Agg a, int targetIndex) {
        if (a.function() != Aggregate.SUM) {
            return false;
        }
        if (st.items.get(targetIndex) instanceof Link l
                && l.target() instanceof TableTarget(TableInfo t)
                && Text.stems(Text.identifierWords(t.name())).stream()
                        .anyMatch(Vocabulary.MEASURE_NOUNS::containsKey)) {
            return false; // "total sales" sums the sales table's amounts
        }
        Item next = st.item(targetIndex + 1);
        return !(next instanceof Noun) && !(next instanceof Link l && l.target() instanceof ColumnTarget);
    }

    private void group(int k, Group g) {
        if (everyOfAListing(k, g)) {
            st.use(g, "(all of them)");
            return;
        }
        String unknown = unlinkedGroupWord(g);
        if (unknown != null) {
            // "how many papers has each reviewer reviewed": grouping by something no column holds;
            // pairing the marker with the next thing linked would group by another column
            st.penalty += Interpretation.UNSUPPORTED_PENALTY;
            st.issues.add("'" + st.r.text(g) + " " + unknown + "' groups by " + unknown
                    + ", which nothing in the schema holds");
            st.use(g, "group by " + unknown + " (not in the schema)");
            return;
        }
        Item next = st.item(k + 1);
        if (next instanceof Grain grain && !columns.namesADate(k + 1) && !columns.isDuration(grain)) {
            st.grains.add(grain);
            st.use(grain, "group by " + grain.grain().name().toLowerCase(Locale.ROOT));
            st.use(g, "group by");
        } else if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
            boolean rankKey = st.rank != null && st.rankMeasure == null && st.rankColumn == null;
            if (SchemaIndex.isNumeric(c.column())
                    && !SchemaIndex.isKey(c.table(), c.column())
                    && (rankKey || st.hasSubjectBefore(k))) {
                // "products by price": an ordering key, not a dimension
                if (rankKey) {
                    st.rankColumn = c;
                } else {
                    st.byMeasure =
                            new MeasureIntent(Interpretation.defaultAggregate(c.column()), c.table(), c.column(), null);
                    st.byMeasurePos = k;
                }
                st.use(l, "order by " + c.column().name());
            } else {
                st.d.addDim(new Draft.Dimension(c.table(), c.column(), null, null));
                st.use(l, "group by " + c.table().name() + "." + c.column().name());
                alsoGrouped(k + 1);
            }
            st.use(g, "group by");
        } else if (next instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
            st.groupByEntity(new Entity.Rows(t), l);
            st.use(g, "group by");
        } else if (next instanceof Noun n) {
            MeasureIntent m = new MeasureIntent(null, null, null, n);
            if (st.rank != null && st.rankMeasure == null && st.rankColumn == null) {
                st.rankMeasure = m;
            } else {
                st.byMeasure = m;
                st.byMeasurePos = k;
            }
            st.use(n, "measure " + n.noun());
            st.use(g, "ranked by");
        } else if (next instanceof Agg) {
            if (st.rank != null && st.rankMeasure == null && st.rankColumn == null) {
                st.rankTakesNextAgg = true;
            } else {
                st.byTakesNextAgg = true;
                st.byMeasurePos = k;
            }
            st.use(g, "ranked by");
        }
    }

    /**
     * "List the make and model of every car": in a listing that counts or totals nothing, "of every"
     * before a table's word means all of its rows, not one group per row.
     */
    private boolean everyOfAListing(int k, Group g) {
        int at = g.start();
        return st.listing
                && g.end() - at == 1
                && st.r.tokens.get(at).lower().equals("every")
                && at > 0
                && st.r.tokens.get(at - 1).lower().equals("of")
                && st.item(k + 1) instanceof Link l
                && l.target() instanceof TableTarget
                && st.items.stream().noneMatch(it -> it instanceof Agg || it instanceof Rank);
    }

    /** Words between "each" and what it groups by: "for each of the individual customers". */
    private static final Set<String> BEFORE_A_GROUP =
            Set.of("the", "a", "an", "of", "individual", "single", "different", "distinct", "unique", "separate");

    /**
     * The word a grouping marker of "each", "every" or "per" names when nothing links it ("each
     * reviewer" where no table or column holds reviewers), else null. "By" is left out: it also names
     * who did something or how.
     */
    private String unlinkedGroupWord(Group g) {
        String marker = st.r.text(g).toLowerCase(Locale.ROOT);
        if (!(marker.contains("each") || marker.contains("every") || marker.contains("per"))) {
            return null;
        }
        int i = g.end();
        while (i < st.r.tokens.size()
                && !st.r.taken[i]
                && BEFORE_A_GROUP.contains(st.r.tokens.get(i).lower())) {
            i++;
        }
        if (!st.unlinkedWord(i)) {
            return null;
        }
        Token t = st.r.tokens.get(i);
        boolean unit = Phrases.UNITS_OF_MEASURE.contains(t.stem()) || Phrases.UNITS_OF_MEASURE.contains(t.lower());
        return unit ? null : t.raw();
    }

    /** Words that join the columns of one grouping: "for each make and model", "by state, city". */
    private static final Set<String> GROUP_JOINERS = Set.of("and", ",", "the", "its", "their");

    /**
     * The columns listed after a grouping's first ("for each make and model"): each is grouped too,
     * when only joining words stand between them and it is not an amount.
     */
    private void alsoGrouped(int k) {
        for (int at = k; st.item(at) instanceof Link prev && st.item(at + 1) instanceof Link l; at++) {
            if (!(l.target() instanceof ColumnTarget c)
                    || st.used.contains(l)
                    || (SchemaIndex.isNumeric(c.column()) && !SchemaIndex.isKey(c.table(), c.column()))
                    || !joinedByListWords(prev.end(), l.start())) {
                return;
            }
            st.d.addDim(new Draft.Dimension(c.table(), c.column(), null, null));
            st.use(l, "group by " + c.table().name() + "." + c.column().name());
        }
    }

    private boolean joinedByListWords(int from, int to) {
        boolean joined = false;
        for (int i = from; i < to; i++) {
            String w = st.r.tokens.get(i).lower();
            if (!GROUP_JOINERS.contains(w)) {
                return false;
            }
            joined |= w.equals("and") || w.equals(",");
        }
        return joined;
    }

    private void rank(int k, Rank rk) {
        if (st.rank != null && st.rank.n() != null && rk.n() == null) {
            // "the top 5 cities with the highest population": the second superlative names the key, the
            // number of the first still says how many rows
            rk = new Rank(rk.start(), rk.end(), rk.word(), st.rank.n());
            st.items.set(k, rk);
        }
        st.rank = rk;
        st.rankPos = k;
        String order =
                switch (rk.word().key()) {
                    case DATE -> rk.word().direction() == Direction.DESC ? "latest first" : "earliest first";
                    case PRICE -> rk.word().direction() == Direction.DESC ? "most expensive first" : "cheapest first";
                    case NEXT -> rk.word().direction() == Direction.DESC ? "highest first" : "lowest first";
                };
        st.use(rk, order + (rk.n() == null ? "" : ", " + rk.n() + " rows"));
        int j = k + 1;
        while (st.item(j) instanceof Distinct || (st.item(j) instanceof Link l && l.target() instanceof ValueTarget)) {
            j++;
        }
        if (st.item(j) instanceof Link l
                && l.target() instanceof ColumnTarget c
                && SchemaIndex.isDate(c.column())
                && l.candidates().getFirst().weight() < SchemaIndex.PARTIAL
                && st.item(j + 1) instanceof Link) {
            // "the most prescribed medications": the participle only echoes a date column's name
            st.use(l, "(part of the ranking)");
            j++;
        }
        if (st.item(j) instanceof Link modifier
                && modifier.target() instanceof ColumnTarget first
                && st.item(j + 1) instanceof Link head
                && head.target() instanceof ColumnTarget second
                && first.table().equals(second.table())
                && SchemaIndex.isNumeric(second.column())
                && st.adjacent(modifier, head)) {
            // "the highest population density": two column words in a row are one noun, named by its last
            st.use(modifier, "(part of " + second.column().name() + ")");
            j++;
        }
        Item next = st.item(j);
        if (next instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
            if (st.subjectBefore(k) != null || (st.rankEntity != null && !t.equals(st.rankEntity.table()))) {
                // "the top 2 airlines with the most flights": the first superlative named what is ranked
                // "customers with the most orders": the orders are counted, the customers ranked
                st.rankMeasure = new MeasureIntent(Aggregate.COUNT, t, null, null);
                st.use(l, "count of " + t.name());
            } else {
                st.rankEntity = new Entity.Rows(t);
                st.use(l, "table " + t.qualifiedName());
            }
        } else if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
            if (SchemaIndex.isNumeric(c.column()) || SchemaIndex.isDate(c.column())) {
                st.rankColumn = c;
                st.use(l, "column " + c.table().name() + "." + c.column().name());
                if (st.rankEntity == null
                        && st.item(j + 1) instanceof Link rows
                        && st.adjacent(l, rows)
                        && rows.target() instanceof TableTarget(TableInfo t)
                        && t.equals(c.table())) {
                    // "the best rated restaurant": the rows ranked follow the measure they are ranked by
                    st.rankEntity = new Entity.Rows(t);
                    st.use(rows, "table " + t.qualifiedName());
                }
            } else {
                st.rankEntity = new Entity.Values(c);
                st.use(l, "group by " + c.table().name() + "." + c.column().name());
            }
        } else if (next instanceof Noun n) {
            st.rankMeasure = new MeasureIntent(null, null, null, n);
            st.use(n, "measure " + n.noun());
        } else if (next instanceof Agg ag
                && ag.function() == Aggregate.COUNT
                && st.item(j + 1) instanceof Link l
                && st.adjacent(ag, l)
                && l.target() instanceof ColumnTarget c
                && SchemaIndex.holdsCount(c.table(), c.column())) {
            // "the highest number of citations" where a column holds each row's count: rank by it
            st.rankColumn = c;
            st.use(ag, "ranked by");
            st.use(l, "column " + c.table().name() + "." + c.column().name());
        } else if (next instanceof Agg) {
            st.rankTakesNextAgg = true;
        }
    }

    private void sort(int k, Sort s) {
        Item next = st.item(k + 1);
        if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
            st.sortKey = new SortKey.ByColumn(c);
            st.use(l, "order by " + c.column().name());
        } else if (next instanceof Noun n) {
            st.sortKey = new SortKey.ByMeasure(new MeasureIntent(null, null, null, n));
            st.use(n, "order by " + n.noun());
        } else if (next instanceof Grain g) {
            st.sortKey = new SortKey.ByGrain(g.grain());
            st.use(g, "order by " + g.grain().name().toLowerCase(Locale.ROOT));
        }
        st.use(s, "sort");
    }

    /** Literals attach to the column named next to them. */
    void attach() {
        Map<String, List<Link>> values = new LinkedHashMap<>();
        Map<String, Boolean> negated = new LinkedHashMap<>();
        for (int k = 0; k < st.items.size(); k++) {
            Item it = st.items.get(k);
            if (st.used.contains(it)) {
                continue;
            }
            switch (it) {
                case Link l
                when l.target() instanceof ValueTarget v -> {
                    String key = v.table().qualifiedName() + "." + v.column().name();
                    values.computeIfAbsent(key, x -> new ArrayList<>()).add(l);
                    Item before = st.item(k - 1);
                    if (before instanceof Negation n && st.adjacent(n, l)) {
                        negated.put(key, true);
                        st.use(n, "not");
                    } else if (SchemaIndex.isFlag(v)
                            && l.start() > 0
                            && st.r.tokens.get(l.start() - 1).lower().equals("no")) {
                        // "courses with no exams", "have no lab": the flag (has_exams) is not set
                        negated.put(key, true);
                    }
                    // "the Electronics category", "status delivered": the column word names the value's column
                    for (Item side : new Item[] {before, st.item(k + 1)}) {
                        if (side instanceof Link s
                                && s.target() instanceof ColumnTarget c
                                && c.column().equals(v.column())
                                && c.table().equals(v.table())
                                && (st.adjacent(s, l) || st.adjacent(l, s))) {
                            st.use(s, "column " + c.column().name());
                        }
                    }
                }
                case Compare c -> compare(k, c);
                case Dates dt -> {
                    Item before = st.item(k - 1);
                    if (before instanceof Link l
                            && l.target() instanceof ColumnTarget col
                            && SchemaIndex.isDate(col.column())
                            && st.adjacent(l, dt)) {
                        st.use(l, "column " + col.column().name());
                        columns.dateFilter(col, dt);
                    } else {
                        st.pendingDates.add(dt);
                    }
                }
                case TextMatch tm -> {
                    ColumnTarget col = tm.columnAfter() ? textColumnAfter(k, tm) : textColumnBefore(k, tm);
                    if (col != null) {
                        columns.textFilter(col, tm);
                    } else if (!tm.columnAfter()) {
                        st.pendingMatches.add(tm);
                    }
                }
                case Quoted q -> {
                    ColumnTarget col = textColumnBefore(k, q);
                    if (col != null) {
                        st.d.addFilter(new Draft.Filter(
                                col.table(), col.column(), FilterOp.EQ, List.of(q.value()), ValueType.STRING));
                        st.use(q, col.column().name() + " = '" + q.value() + "'");
                        st.filterOn.put(q, col);
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
            ValueType type = SchemaIndex.isBoolean(v.column())
                    ? ValueType.BOOLEAN
                    : SchemaIndex.isNumeric(v.column()) ? ValueType.NUMBER : ValueType.STRING;
            st.d.addFilter(new Draft.Filter(v.table(), v.column(), op, vals, type));
            for (Link l : links) {
                st.filterOn.put(l, new ColumnTarget(v.table(), v.column()));
                st.use(
                        l,
                        v.table().name() + "." + v.column().name() + (not ? " ≠ '" : " = '")
                                + ((ValueTarget) l.target()).value() + "'");
            }
        });
    }

    /** The text column named right after a pattern that is part of it ("'M5' in its | VIN number"). */
    private ColumnTarget textColumnAfter(int k, TextMatch tm) {
        if (st.item(k + 1) instanceof Link l
                && st.adjacent(tm, l)
                && l.target() instanceof ColumnTarget c
                && SchemaIndex.isText(c.column())) {
            st.use(l, "column " + c.column().name());
            return c;
        }
        return null;
    }

    private ColumnTarget textColumnBefore(int k, Item literal) {
        Item before = st.item(k - 1);
        if (!(before instanceof Link l) || !st.adjacent(l, literal)) {
            return null;
        }
        if (l.target() instanceof ColumnTarget c && SchemaIndex.isText(c.column())) {
            st.use(l, "column " + c.column().name());
            return c;
        }
        if (l.target() instanceof TableTarget(TableInfo t)) {
            ColumnInfo label = st.index.labelColumns(t).getFirst();
            return SchemaIndex.isText(label) ? new ColumnTarget(t, label) : null;
        }
        return null;
    }

    private void compare(int k, Compare c) {
        Item before = st.item(k - 1);
        Item after = st.item(k + 1);
        if (before != null && st.aggregated.containsKey(before) && st.adjacent(before, c)) {
            // "an average rating below 3" filters the groups by their average
            st.havingIntents.add(new HavingIntent(st.aggregated.get(before), c.op(), c.numbers(), c));
            st.use(c, "keep groups with " + columns.describeOp(c));
        } else if (before instanceof Link l && numericColumn(l) != null && st.adjacent(l, c)) {
            ColumnTarget col = numericColumn(l);
            st.use(l, "column " + col.column().name());
            columns.numberFilter(col, c);
        } else if (after instanceof Link l && l.target() instanceof TableTarget(TableInfo t) && st.adjacent(c, l)) {
            st.havingIntents.add(
                    new HavingIntent(new MeasureIntent(Aggregate.COUNT, t, null, null), c.op(), c.numbers(), c));
            st.use(l, "count of " + t.name());
            st.use(c, "keep groups with " + columns.describeOp(c));
        } else if (after instanceof Link l && numericColumn(l) != null && st.adjacent(c, l)) {
            ColumnTarget col = numericColumn(l);
            st.use(l, "column " + col.column().name());
            columns.numberFilter(col, c);
        } else if (before instanceof Noun n && st.adjacent(n, c) && !n.columns().isEmpty()) {
            st.nounCompares.put(c, n);
            st.use(n, "measure " + n.noun());
        } else if (after instanceof Noun n && st.adjacent(c, n) && !n.columns().isEmpty()) {
            st.nounCompares.put(c, n);
            st.use(n, "measure " + n.noun());
        } else {
            st.pendingCompares.add(c);
        }
    }

    private static ColumnTarget numericColumn(Link l) {
        return l.target() instanceof ColumnTarget c && SchemaIndex.isNumeric(c.column()) ? c : null;
    }
}
