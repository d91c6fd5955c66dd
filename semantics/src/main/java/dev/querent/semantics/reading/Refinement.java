package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.reading.Interpretation.HavingIntent;
import dev.querent.semantics.reading.Interpretation.MeasureIntent;
import dev.querent.semantics.reading.Reading.Agg;
import dev.querent.semantics.reading.Reading.Compare;
import dev.querent.semantics.reading.Reading.Dates;
import dev.querent.semantics.reading.Reading.FollowCue;
import dev.querent.semantics.reading.Reading.Grain;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Place;
import dev.querent.semantics.reading.Reading.Remove;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import dev.querent.semantics.reading.Vocabulary.Cue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A follow-up on a confirmed plan ("now only 2024", "top 3 only", "split by region", "without the
 * returns"): edits the previous draft instead of planning afresh.
 */
final class Refinement {
    private final Interpretation st;
    private final ColumnChoice columns;
    private final Ranking ranking;
    private final Pairing pairing;
    private final Shaping shaping;

    Refinement(Interpretation st, ColumnChoice columns, Ranking ranking, Pairing pairing, Shaping shaping) {
        this.st = st;
        this.columns = columns;
        this.ranking = ranking;
        this.pairing = pairing;
        this.shaping = shaping;
    }

    /**
     * Edits the previous plan's draft with what a follow-up says. Returns how many edits were made;
     * zero means the follow-up was not understood.
     */
    public int refine() {
        st.refining = true;
        Draft before = snapshotCounts();
        pairing.walk();
        pairing.attach();
        boolean replace = st.r.all(FollowCue.class).stream().anyMatch(c -> c.cue() == Cue.REPLACE);
        boolean add = st.r.all(FollowCue.class).stream().anyMatch(c -> c.cue() == Cue.ADD);
        int edits = 0;
        Set<TableInfo> context = new java.util.LinkedHashSet<>(st.d.tables());
        boolean needsDate = false;

        for (Remove rm : st.r.all(Remove.class)) {
            edits += removal(rm);
        }
        // filters found by attach() went straight into d: replace older ones on the same column
        edits += replaceDuplicateFilters(before);
        for (Dates dt : st.pendingDates) {
            ColumnTarget col = previousDateColumn();
            if (col != null) {
                // a period replaces the period, days of the week the days: "only on weekends" keeps "in 2024"
                st.d.filters.removeIf(f -> f.column().equals(col.column())
                        && f.table().equals(col.table())
                        && (f.op() == FilterOp.DAY_OF_WEEK) == dt.isWeekDays());
                columns.dateFilter(col, dt);
                edits++;
            }
        }
        for (Compare c : st.pendingCompares) {
            Optional<ColumnInfo> amount = st.index.defaultAmountColumn(st.d.main);
            if (amount.isPresent()) {
                columns.numberFilter(new ColumnTarget(st.d.main, amount.get()), c);
                edits++;
            }
        }
        for (Place p : st.unused(Place.class)) {
            if (columns.place(p)) {
                edits++;
            }
        }
        if (!st.grains.isEmpty() || hasNewDims(before)) {
            List<Draft.Dimension> fresh = new ArrayList<>(st.d.dims.subList(before.dims.size(), st.d.dims.size()));
            ColumnTarget dateCol = previousDateColumn();
            for (Grain g : st.grains) {
                if (dateCol != null) {
                    fresh.add(new Draft.Dimension(dateCol.table(), dateCol.column(), g.grain(), null));
                    st.meanings.put(g, "group by " + g.grain().name().toLowerCase(Locale.ROOT));
                }
            }
            List<Draft.Dimension> old = new ArrayList<>(st.d.dims.subList(0, before.dims.size()));
            st.d.dims.clear();
            if (add && !replace) {
                st.d.dims.addAll(old);
            }
            fresh.forEach(st.d::addDim);
            st.d.orders.removeIf(o -> o.key() instanceof Draft.Dimension x && !st.d.dims.contains(x));
            edits++;
        }
        List<Draft.Measure> newMeasures = new ArrayList<>();
        for (MeasureIntent mi : st.measureIntents) {
            newMeasures.add(columns.measure(mi, context, needsDate));
        }
        for (Agg a : st.bareAggs) {
            ColumnTarget col = previousMeasureColumn();
            if (a.function() == Aggregate.COUNT) {
                newMeasures.add(new Draft.Measure(Aggregate.COUNT, st.d.main, null, null));
            } else if (col != null) {
                newMeasures.add(new Draft.Measure(a.function(), col.table(), col.column(), null));
            } else {
                continue;
            }
            st.use(a, a.function().name());
        }
        for (Noun n : st.unused(Noun.class)) {
            if (st.rank == null && st.sortKey == null) {
                newMeasures.add(columns.measure(new MeasureIntent(null, null, null, n), context, needsDate));
                st.use(n, "measure " + n.noun());
            }
        }
        if (!newMeasures.isEmpty()) {
            if (replace) {
                // "instead of the total, the maximum": the last measure named is the new one
                newMeasures = List.of(newMeasures.getLast());
                Map<Draft.Measure, Draft.Measure> swap = new LinkedHashMap<>();
                if (!st.d.measures.isEmpty()) {
                    swap.put(st.d.measures.getFirst(), newMeasures.getFirst());
                }
                st.d.measures.clear();
                st.d.orders.replaceAll(o -> o.key() instanceof Draft.Measure m && swap.containsKey(m)
                        ? new Draft.Order(swap.get(m), o.direction())
                        : o);
                st.d.having.replaceAll(h -> swap.containsKey(h.measure())
                        ? new Draft.Having(swap.get(h.measure()), h.op(), h.values())
                        : h);
            }
            newMeasures.forEach(st.d::addMeasure);
            edits++;
        }
        for (HavingIntent h : st.havingIntents) {
            Draft.Measure m = st.d.addMeasure(columns.measure(h.measure(), context, needsDate));
            st.d.having.removeIf(x -> x.measure().sameAs(m));
            st.d.having.add(new Draft.Having(m, h.op(), h.values()));
            edits++;
        }
        if (st.rank != null) {
            Direction dir = st.rank.word().direction();
            Draft.OrderKey key = st.rankMeasure != null
                    ? st.d.addMeasure(columns.measure(st.rankMeasure, context, needsDate))
                    : st.rankColumn;
            if (key != null) {
                st.d.orders.clear();
                st.d.orders.add(new Draft.Order(key, dir));
            } else if (st.d.orders.isEmpty()) {
                ranking.defaultRankOrder(dir);
            } else {
                st.d.orders.replaceAll(o -> new Draft.Order(o.key(), dir));
            }
            if (st.rank.n() != null) {
                st.d.limit = st.rank.n();
            }
            edits++;
        }
        if (st.sortKey != null || st.direction != null) {
            if (st.sortKey == null && st.d.orders.isEmpty()) {
                ranking.defaultRankOrder(st.direction);
            } else if (st.sortKey != null) {
                st.d.orders.clear();
            }
            shaping.defaultOrder();
            edits++;
        }
        if (st.d.limit != before.limit) {
            edits++;
        }
        if (edits > 0) {
            shaping.avoidDoubleCounting();
        }
        if (edits > 0 && st.d.orders.isEmpty()) {
            shaping.defaultOrder();
        }
        return edits;
    }

    private Draft snapshotCounts() {
        Draft copy = new Draft();
        copy.dims.addAll(st.d.dims);
        copy.filters.addAll(st.d.filters);
        copy.limit = st.d.limit;
        return copy;
    }

    private boolean hasNewDims(Draft before) {
        return st.d.dims.size() > before.dims.size();
    }

    /** New filters on a column replace the previous plan's filters on that column. */
    private int replaceDuplicateFilters(Draft before) {
        List<Draft.Filter> fresh = new ArrayList<>(st.d.filters);
        fresh.removeAll(before.filters);
        for (Draft.Filter f : fresh) {
            st.d.filters.removeIf(old -> before.filters.contains(old)
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
        st.use(rm, "remove");
        switch (rm.removal()) {
            case DATES -> {
                int n = st.d.filters.size();
                st.d.filters.removeIf(f -> SchemaIndex.isDate(f.column()));
                return n == st.d.filters.size() ? 0 : 1;
            }
            case LIMIT -> {
                st.d.limit = null;
                return 1;
            }
            case NAMED -> {
                int k = st.items.indexOf(rm);
                Item next = st.item(k + 1);
                if (next instanceof Grain
                        || (next instanceof Link l
                                && l.target() instanceof ColumnTarget c
                                && SchemaIndex.isDate(c.column()))) {
                    st.used.add(next);
                    st.d.filters.removeIf(f -> SchemaIndex.isDate(f.column()));
                    return 1;
                }
                if (next instanceof Link l && l.target() instanceof ColumnTarget c) {
                    st.used.add(next);
                    st.d.filters.removeIf(
                            f -> f.column().equals(c.column()) && f.table().equals(c.table()));
                    return 1;
                }
                if (next instanceof Link l && l.target() instanceof ValueTarget v) {
                    st.used.add(next);
                    st.d.filters.removeIf(
                            f -> f.column().equals(v.column()) && f.table().equals(v.table()));
                    return 1;
                }
                return 0;
            }
        }
        return 0;
    }

    private ColumnTarget previousDateColumn() {
        for (Draft.Filter f : st.d.filters) {
            if (SchemaIndex.isDate(f.column())) {
                return new ColumnTarget(f.table(), f.column());
            }
        }
        for (Draft.Dimension dim : st.d.dims) {
            if (dim.grain() != null) {
                return new ColumnTarget(dim.table(), dim.column());
            }
        }
        return columns.dateColumn();
    }

    private ColumnTarget previousMeasureColumn() {
        for (Draft.Measure m : st.d.measures) {
            if (m.column() != null && SchemaIndex.isNumeric(m.column())) {
                return new ColumnTarget(m.table(), m.column());
            }
        }
        return st.index
                .defaultAmountColumn(st.d.main)
                .map(c -> new ColumnTarget(st.d.main, c))
                .orElse(null);
    }
}
