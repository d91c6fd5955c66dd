package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Binding;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.reading.Interpretation.Entity;
import dev.querent.semantics.reading.Interpretation.MeasureIntent;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.Vocabulary.RankKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Shapes a ranking ("top 5 products by revenue"): the entity ranked, its measure, order and limit. */
final class Ranking {
    private final Interpretation st;
    private final ColumnChoice columns;

    Ranking(Interpretation st, ColumnChoice columns) {
        this.st = st;
        this.columns = columns;
    }

    /** Shapes a superlative; true when the answer lists rows (ordered), not aggregates. */
    boolean shapeRank(List<Item> subjects, Set<TableInfo> context, boolean needsDate) {
        if (st.rank == null) {
            return false;
        }
        Entity entity = st.rankEntity;
        if (entity == null) {
            Item subject = st.subjectBefore(st.rankPos);
            if (subject != null) {
                entity = Entity.of(((Link) subject).target());
                st.use(subject, "rank " + entity.describe());
            }
        }
        TableInfo entityTable = entity == null ? null : entity.table();
        Direction dir = st.rank.word().direction();
        if (entityTable != null && st.rank.word().key() == RankKey.DATE) {
            st.rankColumn = st.index
                    .mainDateColumn(entityTable)
                    .map(c -> new ColumnTarget(entityTable, c))
                    .orElse(null);
        } else if (entityTable != null && st.rank.word().key() == RankKey.PRICE) {
            st.rankColumn = st.index
                    .priceColumn(entityTable)
                    .map(c -> new ColumnTarget(entityTable, c))
                    .orElse(null);
        }
        Binding ranked = st.binding(Ambiguity.RANK_MEASURE);
        if (ranked != null
                && entityTable != null
                && st.rankMeasure == null
                && st.rankColumn == null
                && st.d.measures.isEmpty()) {
            applyRankBinding(ranked, entityTable);
        }
        if (st.rankColumn != null
                && entityTable != null
                && !st.rankColumn.table().equals(entityTable)) {
            st.rankMeasure = new MeasureIntent(
                    Interpretation.defaultAggregate(st.rankColumn.column()),
                    st.rankColumn.table(),
                    st.rankColumn.column(),
                    null);
            st.rankColumn = null;
        }
        boolean singular = st.singular(entity);
        if (entity instanceof Entity.Values(ColumnTarget c)
                && st.rankMeasure == null
                && st.rankColumn == null
                && st.d.measures.isEmpty()) {
            // "the most common diagnoses": ranked by how often each value occurs
            st.rankMeasure = new MeasureIntent(Aggregate.COUNT, c.table(), null, null);
        }
        // "the number of customers for the top 2 states": the values ranked by what the question measures
        boolean rankedByMeasure = st.rankColumn == null
                && !st.d.measures.isEmpty()
                && (entity == null || entity instanceof Entity.Values);
        if (st.rankMeasure != null || rankedByMeasure) {
            Draft.Measure m = st.rankMeasure != null
                    ? st.d.addMeasure(columns.measure(st.rankMeasure, context, needsDate))
                    : st.d.measures.getFirst();
            if (entity != null) {
                st.entityDims(entity).forEach(st.d::addDim);
            }
            st.d.orders.add(new Draft.Order(m, dir));
            setRankLimit(singular, false);
            return false;
        }
        if (st.rankColumn != null && entity != null) {
            if (!st.d.measures.isEmpty() || !st.grains.isEmpty()) {
                // "monthly sales of the most recently opened store": the ranking picks a row to aggregate
                st.unsupported(st.rank, "a ranking inside an aggregate (a subquery)");
                st.flagged.add(st.rank);
            }
            st.d.main = entityTable;
            st.d.orders.add(new Draft.Order(st.rankColumn, dir));
            setRankLimit(singular, true);
            return true;
        }
        if (st.rankColumn != null) {
            // "the highest price", "the earliest order date": one value, not a list of rows — one per
            // group when the question groups ("the highest sale price for each make")
            boolean oneValue = st.rank.word().extreme() || SchemaIndex.isDate(st.rankColumn.column());
            if (oneValue && st.rank.n() == null && st.d.limit == null) {
                Aggregate fn = dir == Direction.DESC ? Aggregate.MAX : Aggregate.MIN;
                st.d.addMeasure(new Draft.Measure(fn, st.rankColumn.table(), st.rankColumn.column(), null));
                st.meanings.put(st.rank, fn.name());
                return false;
            }
            st.d.main = st.rankColumn.table();
            st.d.orders.add(new Draft.Order(st.rankColumn, dir));
            setRankLimit(false, true);
            return true;
        }
        if (entityTable != null) {
            if (!st.refining && !st.rank.word().extreme() && entity instanceof Entity.Rows && st.d.measures.isEmpty()) {
                askRankMeasure(entityTable);
            }
            // "the 5 largest orders": ranked by what the rows are worth
            st.d.main = entityTable;
            st.index
                    .defaultAmountColumn(entityTable)
                    .ifPresent(c -> st.d.orders.add(new Draft.Order(new ColumnTarget(entityTable, c), dir)));
            setRankLimit(singular, true);
            return true;
        }
        st.used.remove(st.rank);
        return false;
    }

    /** "top 5 products": by their own amount, by how many rows point at them, or by those rows' totals. */
    private void askRankMeasure(TableInfo entity) {
        List<Ambiguities.Option> options = new ArrayList<>();
        st.index.defaultAmountColumn(entity).ifPresent(c -> options.add(Ambiguities.rankOption(entity, c, null)));
        for (TableInfo t : st.index.referencing(entity)) {
            options.add(Ambiguities.rankOption(t, null, Aggregate.COUNT));
            t.columns().stream()
                    .filter(c -> SchemaIndex.holdsCount(t, c))
                    .findFirst()
                    .ifPresent(c -> options.add(Ambiguities.rankOption(t, c, Aggregate.SUM)));
            st.index
                    .defaultAmountColumn(t)
                    .filter(c ->
                            !SchemaIndex.isKey(t, c) && !SchemaIndex.holdsCount(t, c) && !SchemaIndex.isModifier(c))
                    .ifPresent(c -> options.add(Ambiguities.rankOption(t, c, Aggregate.SUM)));
        }
        st.ambiguities.rank(st.r.text(st.rank), entity, options);
    }

    /** The measure the user chose to rank by: a column of the ranked rows, or an aggregate of related rows. */
    private void applyRankBinding(Binding b, TableInfo entity) {
        Optional<TableInfo> table = st.index.table(b.table());
        if (table.isEmpty()) {
            return;
        }
        TableInfo t = table.get();
        ColumnInfo c = b.column() == null ? null : t.column(b.column()).orElse(null);
        if (b.column() != null && c == null) {
            return;
        }
        if (b.function() == null && c != null && t.equals(entity)) {
            st.rankColumn = new ColumnTarget(t, c);
        } else if (b.function() != null) {
            st.rankMeasure = new MeasureIntent(b.function(), t, c, null);
        }
    }

    private void setRankLimit(boolean singular, boolean listingRows) {
        if (st.d.limit != null) {
            return;
        }
        if (st.rank.n() != null) {
            st.d.limit = st.rank.n();
        } else if (singular) {
            st.d.limit = 1;
        } else if (Set.of("top", "bottom")
                .contains(st.r.tokens.get(st.rank.start()).lower())) {
            st.d.limit = 10;
        } else if (listingRows && !orderedInFull()) {
            st.d.limit = 10;
        }
    }

    /**
     * "Which states have the highest population density, ordered from highest to lowest?": a
     * superlative of many rows followed by the order of them all asks for every row, in that order.
     */
    private boolean orderedInFull() {
        return st.items.stream().anyMatch(it -> it instanceof Reading.Dir && it.start() > st.rank.end());
    }

    void defaultRankOrder(Direction dir) {
        if (!st.d.measures.isEmpty()) {
            st.d.orders.add(new Draft.Order(st.d.measures.getFirst(), dir));
        } else {
            st.index
                    .defaultAmountColumn(st.d.main)
                    .ifPresent(c -> st.d.orders.add(new Draft.Order(new ColumnTarget(st.d.main, c), dir)));
        }
    }
}
