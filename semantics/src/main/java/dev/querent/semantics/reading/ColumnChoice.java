package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.lexicon.DaysOfWeek;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.Interpretation.AppliedDates;
import dev.querent.semantics.reading.Interpretation.MeasureIntent;
import dev.querent.semantics.reading.Reading.Compare;
import dev.querent.semantics.reading.Reading.Dates;
import dev.querent.semantics.reading.Reading.Grain;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Place;
import dev.querent.semantics.reading.Reading.TextMatch;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which column a word means — the measure a noun names, the date column a time word filters —
 * and the filters written on the chosen columns.
 */
final class ColumnChoice {
    private static final Map<String, String> NOUN_ALIASES = Map.of(
            "revenue", "revenue", "sale", "sales", "turnover", "turnover", "income", "income", "earning", "earnings");

    /** Measure nouns of events (sales, spending), which live in fact tables. */
    private static final Set<String> TRANSACTIONAL = Set.of(
            "revenue", "sale", "turnover", "income", "earning", "spend", "spending", "spent", "sold", "unit", "volume");

    /** Measure words fitting columns whose costs differ by less than this are a close call. */
    private static final double MEASURE_CLOSE_CALL = 0.5;

    private final Interpretation st;

    ColumnChoice(Interpretation st) {
        this.st = st;
    }

    Draft.Measure measure(MeasureIntent mi, Set<TableInfo> context, boolean needsDate) {
        if (mi.noun() == null) {
            return new Draft.Measure(mi.function(), mi.table(), mi.column(), null);
        }
        ColumnTarget c = nounColumn(mi.noun(), context, needsDate);
        if (mi.function() == Aggregate.COUNT) {
            return new Draft.Measure(Aggregate.COUNT, c.table(), null, null);
        }
        Aggregate fn = mi.function() != null
                ? mi.function()
                // "the most revenue" from sale prices: revenue adds up, whatever the column averages
                : TRANSACTIONAL.contains(mi.noun().noun())
                        ? Aggregate.SUM
                        : Interpretation.defaultAggregate(c.column());
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
        st.meanings.put(
                mi.noun(), fn + " of " + c.table().name() + "." + c.column().name());
        return new Draft.Measure(fn, c.table(), c.column(), name);
    }

    /**
     * The column a measure noun means here: the candidate closest to the other tables of the
     * question (and to a date, when one is needed), earlier candidates winning ties.
     */
    ColumnTarget nounColumn(Noun n, Set<TableInfo> context, boolean needsDate) {
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
                int dist = st.index.distance(c.table(), t);
                cost += dist == Integer.MAX_VALUE ? 10 : dist;
            }
            if (needsDate && st.index.mainDateColumn(c.table()).isEmpty()) {
                cost += nearestDateDistance(c.table());
            }
            if (SchemaIndex.isModifier(c.column())) {
                cost += 2; // revenue is never the discount, however close the discount is
            }
            if (TRANSACTIONAL.contains(n.noun()) && !st.index.isFact(c.table())) {
                cost += 1; // "units sold" are counted where sales are recorded, not in the catalogue
            }
            costs.putIfAbsent(c, cost);
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        if (!st.refining && best != null) {
            List<ColumnTarget> close = new ArrayList<>();
            close.add(best);
            double bestSeen = bestCost;
            costs.forEach((c, cost) -> {
                if (!close.contains(c) && cost - bestSeen < MEASURE_CLOSE_CALL) {
                    close.add(c);
                }
            });
            if (close.size() > 1) {
                st.ambiguities.measure(st.r.text(n), close);
            }
        }
        return best;
    }

    private double nearestDateDistance(TableInfo t) {
        int best = Integer.MAX_VALUE;
        for (TableInfo other : st.index.snapshot().tables()) {
            if (st.index.mainDateColumn(other).isPresent()) {
                best = Math.min(best, st.index.distance(t, other));
            }
        }
        return best == Integer.MAX_VALUE ? 5 : best;
    }

    /**
     * The date a time word with no date column of its own uses; when no column was named and
     * several could be meant about equally, the choice is recorded as an ambiguity.
     */
    ColumnTarget dateColumnFor(Item timeWord) {
        boolean chosen = !st.dateColumnsUsed.isEmpty();
        ColumnTarget named = !chosen && timeWord instanceof Dates dt ? dateNamedByVerb(dt) : null;
        if (named != null) {
            return named;
        }
        ColumnTarget col = dateColumn();
        if (col != null && !chosen && !st.refining) {
            List<ColumnTarget> candidates = dateCandidates(col);
            if (candidates.size() > 1 && !echoed(col)) {
                st.ambiguities.time(st.r.text(timeWord), candidates);
            }
        }
        return col;
    }

    /** Words between a verb and the period it happened in: "signed up in", "joined within". */
    private static final Set<String> VERB_TO_PERIOD = Set.of(
            "up", "in", "on", "during", "within", "over", "the", "of", "year", "month", "quarter", "week", "day");

    /**
     * "customers who joined in the past 70 days", "treatments that ended in 2022": the verb right
     * before a period names the date column it is about ({@code sbcustjoindate}, {@code end_dt}),
     * among the tables in play, else the tables one can join to. Null when no verb stands there, or
     * its stem names no date column or several equally near.
     */
    private ColumnTarget dateNamedByVerb(Dates dt) {
        int k = dt.start() - 1;
        while (k >= 0 && VERB_TO_PERIOD.contains(st.r.tokens.get(k).lower())) {
            k--;
        }
        if (k < 0 || st.r.tokens.get(k).kind() != Text.Kind.WORD) {
            return null;
        }
        String word = st.r.tokens.get(k).lower();
        boolean signedUp = SIGN.contains(word)
                && k + 1 < st.r.tokens.size()
                && st.r.tokens.get(k + 1).lower().equals("up");
        if (!signedUp && Vocabulary.isStopword(word)) {
            return null;
        }
        List<String> verbs = signedUp ? SIGNED_UP : List.of(Stemmer.stem(word));
        if (verbs.getFirst().length() < 3) {
            return null;
        }
        List<ColumnTarget> inPlay = new ArrayList<>();
        List<ColumnTarget> elsewhere = new ArrayList<>();
        for (TableInfo t : st.index.snapshot().tables()) {
            for (ColumnInfo c : t.columns()) {
                if (SchemaIndex.isDate(c)
                        && st.index.words(t, c).stream()
                                .anyMatch(w -> verbs.stream().anyMatch(v -> namesVerb(w, v)))) {
                    (st.d.tables().contains(t) ? inPlay : elsewhere).add(new ColumnTarget(t, c));
                }
            }
        }
        if (!inPlay.isEmpty()) {
            return inPlay.size() == 1 ? inPlay.getFirst() : null;
        }
        List<ColumnTarget> joinable = elsewhere.stream()
                .filter(c -> st.index.path(st.d.tables(), c.table()) != null)
                .toList();
        return joinable.size() == 1 ? joinable.getFirst() : null;
    }

    private static final Set<String> SIGN = Set.of("sign", "signs", "signed", "signing");

    /** "Signed up": the date of a sign-up, of joining, registering or enrolling. */
    private static final List<String> SIGNED_UP = List.of("sign", "join", "regist", "enrol");

    /** "join" in {@code joindate}, "hir" in {@code hire_date}, "register" in {@code registration}. */
    private static boolean namesVerb(String columnWord, String verb) {
        String w = columnWord.toLowerCase(Locale.ROOT);
        if (w.startsWith(verb)) {
            return true;
        }
        int common = 0;
        while (common < Math.min(w.length(), verb.length()) && w.charAt(common) == verb.charAt(common)) {
            common++;
        }
        return common >= 5 && common >= verb.length() - 1;
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
                st.d.main.columns().stream().filter(SchemaIndex::isDate).toList();
        if (!own.isEmpty()) {
            if (!guess.table().equals(st.d.main) || SchemaIndex.namedAfterTable(st.d.main, guess.column())) {
                return out;
            }
            int best = SchemaIndex.dateScore(st.d.main, guess.column());
            for (ColumnInfo c : own) {
                int score = SchemaIndex.dateScore(st.d.main, c);
                if (!c.equals(guess.column()) && score >= 0 && score >= best - 1) {
                    out.add(new ColumnTarget(st.d.main, c));
                }
            }
            return out;
        }
        int nearest = st.index.distance(st.d.main, guess.table());
        for (TableInfo t : st.index.snapshot().tables()) {
            if (t.equals(guess.table()) || st.index.distance(st.d.main, t) != nearest) {
                continue;
            }
            st.index.mainDateColumn(t).ifPresent(c -> out.add(new ColumnTarget(t, c)));
        }
        return out;
    }

    /** Whether a word of the question echoes the date column's own name ("signed" for signed_date). */
    private boolean echoed(ColumnTarget date) {
        Set<String> own =
                new HashSet<>(Text.stems(Text.identifierWords(date.column().name())));
        own.removeAll(Set.of("date", "at", "on", "time", "day"));
        return st.r.tokens.stream().anyMatch(t -> own.contains(t.stem()));
    }

    /** The date to filter or bucket by: the main table's, else the nearest table's that has one. */
    ColumnTarget dateColumn() {
        if (!st.dateColumnsUsed.isEmpty()) {
            return st.dateColumnsUsed.getFirst();
        }
        Optional<ColumnInfo> own = st.index.mainDateColumn(st.d.main);
        if (own.isPresent()) {
            return new ColumnTarget(st.d.main, own.get());
        }
        ColumnTarget best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<TableInfo> candidates = new ArrayList<>(st.d.tables());
        st.index.snapshot().tables().stream()
                .filter(t -> !candidates.contains(t))
                .forEach(candidates::add);
        for (TableInfo t : candidates) {
            Optional<ColumnInfo> date = st.index.mainDateColumn(t);
            int dist = st.index.distance(st.d.main, t);
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
    ColumnTarget periodColumn(TimeGrain grain) {
        if (!st.dateColumnsUsed.isEmpty()) {
            return null;
        }
        for (TableInfo t : st.d.tables()) {
            if (st.index.mainDateColumn(t).isPresent()) {
                return null;
            }
        }
        if (grain == TimeGrain.DAY) {
            // "each day" where the rows keep only the name of a day of the week ({@code checkin.day})
            return weekdayColumn();
        }
        if (grain == TimeGrain.WEEK) {
            return null;
        }
        for (TableInfo t : st.d.tables()) {
            Optional<ColumnInfo> c = st.index.periodColumn(t, grain);
            if (c.isPresent() && (grain != TimeGrain.YEAR || SchemaIndex.isNumeric(c.get()))) {
                return new ColumnTarget(t, c.get());
            }
        }
        return null;
    }

    /**
     * The text column of a table in play whose sampled values are all names of days of the week
     * ("Monday", "Tue"); null when none or several.
     */
    private ColumnTarget weekdayColumn() {
        List<ColumnTarget> found = new ArrayList<>();
        for (TableInfo t : st.d.tables()) {
            for (ColumnInfo c : t.columns()) {
                if (SchemaIndex.isText(c)
                        && !c.sampleValues().isEmpty()
                        && c.sampleValues().stream().allMatch(DaysOfWeek::isName)) {
                    found.add(new ColumnTarget(t, c));
                }
            }
        }
        return found.size() == 1 ? found.getFirst() : null;
    }

    /** "the year 2021": the period word introduces a date, it does not ask to group by it. */
    boolean namesADate(int k) {
        return st.item(k + 1) instanceof Dates dt
                && dt.start() == st.items.get(k).end()
                && st.r.tokens.get(dt.start()).kind() == Text.Kind.NUMBER;
    }

    /** "2 days before", "3 months": a length of time, not a grouping. */
    boolean isDuration(Grain g) {
        return g.start() > 0 && st.r.tokens.get(g.start() - 1).kind() == Text.Kind.NUMBER;
    }

    /** Whether a range starts and ends on New Year, so that a year column can express it. */
    static boolean wholeYears(Dates dt) {
        boolean from = dt.from() == null || dt.from().getDayOfYear() == 1;
        boolean to = dt.to() == null || dt.to().getDayOfYear() == 1;
        return (dt.from() != null || dt.to() != null) && from && to;
    }

    /** "in 2021" on a numeric year column: {@code year = 2021}, or a range of years. */
    void yearFilter(ColumnTarget col, Dates dt) {
        Integer from = dt.from() == null ? null : dt.from().getYear();
        Integer to = dt.to() == null ? null : dt.to().getYear();
        if (from != null && to != null && to == from + 1) {
            st.d.addFilter(new Draft.Filter(
                    col.table(), col.column(), FilterOp.EQ, List.of(String.valueOf(from)), ValueType.NUMBER));
        } else {
            if (from != null) {
                st.d.addFilter(new Draft.Filter(
                        col.table(), col.column(), FilterOp.GTE, List.of(String.valueOf(from)), ValueType.NUMBER));
            }
            if (to != null) {
                st.d.addFilter(new Draft.Filter(
                        col.table(), col.column(), FilterOp.LT, List.of(String.valueOf(to)), ValueType.NUMBER));
            }
        }
        st.use(dt, col.table().name() + "." + col.column().name() + " " + DatePhrases.describe(dt.from(), dt.to()));
        st.filterOn.put(dt, col);
    }

    private static boolean overlap(Dates a, Dates b) {
        boolean aEndsBeforeB = a.to() != null && b.from() != null && !a.to().isAfter(b.from());
        boolean bEndsBeforeA = b.to() != null && a.from() != null && !b.to().isAfter(a.from());
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    void dateFilter(ColumnTarget col, Dates dt) {
        if (dt.isWeekDays()) {
            weekDayFilter(col, dt);
            return;
        }
        boolean disjoint =
                st.datesApplied.stream().anyMatch(other -> other.column().equals(col) && !overlap(other.dates(), dt));
        if (disjoint) {
            // "in 2024 but not in 2025": two separate periods of one date compare rows, they do not filter them
            st.unsupported(dt, "a comparison of periods");
            st.flagged.add(dt);
            return;
        }
        st.datesApplied.add(new AppliedDates(col, dt));
        if (dt.from() != null) {
            st.d.addFilter(new Draft.Filter(
                    col.table(), col.column(), FilterOp.GTE, List.of(dt.from().toString()), ValueType.DATE));
        }
        if (dt.to() != null) {
            st.d.addFilter(new Draft.Filter(
                    col.table(), col.column(), FilterOp.LT, List.of(dt.to().toString()), ValueType.DATE));
        }
        if (!st.dateColumnsUsed.contains(col)) {
            st.dateColumnsUsed.add(col);
        }
        st.use(dt, col.table().name() + "." + col.column().name() + " " + DatePhrases.describe(dt.from(), dt.to()));
        st.filterOn.put(dt, col);
    }

    /** "on weekends": the date's day of the week is Saturday or Sunday. */
    private void weekDayFilter(ColumnTarget col, Dates dt) {
        List<String> days = dt.days().stream().map(DayOfWeek::name).toList();
        st.d.addFilter(new Draft.Filter(col.table(), col.column(), FilterOp.DAY_OF_WEEK, days, ValueType.STRING));
        if (!st.dateColumnsUsed.contains(col)) {
            st.dateColumnsUsed.add(col);
        }
        st.use(dt, col.table().name() + "." + col.column().name() + " on " + DaysOfWeek.describe(dt.days()));
        st.filterOn.put(dt, col);
    }

    void numberFilter(ColumnTarget col, Compare c) {
        st.d.addFilter(new Draft.Filter(col.table(), col.column(), c.op(), c.numbers(), ValueType.NUMBER));
        st.use(c, col.table().name() + "." + col.column().name() + " " + describeOp(c));
        st.filterOn.put(c, col);
    }

    void textFilter(ColumnTarget col, TextMatch tm) {
        FilterOp op = tm.exact() ? FilterOp.EQ : FilterOp.LIKE;
        st.d.addFilter(new Draft.Filter(col.table(), col.column(), op, List.of(tm.pattern()), ValueType.STRING));
        st.use(tm, col.column().name() + (tm.exact() ? " = '" : " LIKE '") + tm.pattern() + "'");
        st.filterOn.put(tm, col);
    }

    /** A capitalised place name: the location column of the tables in play, city first. */
    boolean place(Place p) {
        List<TableInfo> tables = new ArrayList<>(st.d.tables());
        if (st.d.main != null) {
            st.index.neighbours(st.d.main).stream()
                    .filter(t -> !tables.contains(t))
                    .forEach(tables::add);
        }
        for (String word : Vocabulary.PLACE_WORDS) {
            for (TableInfo t : tables) {
                for (ColumnInfo c : t.columns()) {
                    if (SchemaIndex.isText(c) && Text.identifierWords(c.name()).contains(word)) {
                        st.d.addFilter(new Draft.Filter(t, c, FilterOp.EQ, List.of(p.value()), ValueType.STRING));
                        st.use(p, t.name() + "." + c.name() + " = '" + p.value() + "' (a guess)");
                        st.filterOn.put(p, new ColumnTarget(t, c));
                        st.penalty += Interpretation.GUESS_PENALTY;
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static String describeOp(Compare c) {
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
}
