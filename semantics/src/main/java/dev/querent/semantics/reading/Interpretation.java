package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Binding;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.Reading.Agg;
import dev.querent.semantics.reading.Reading.Compare;
import dev.querent.semantics.reading.Reading.Dates;
import dev.querent.semantics.reading.Reading.Distinct;
import dev.querent.semantics.reading.Reading.FollowCue;
import dev.querent.semantics.reading.Reading.Grain;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.Negation;
import dev.querent.semantics.reading.Reading.Neutral;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Rank;
import dev.querent.semantics.reading.Reading.TextMatch;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.SchemaTarget;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.SchemaIndex.Target;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one question's interpretation, shared by its phases ({@link Pairing}, {@link
 * Shaping}, {@link Ranking}, {@link ColumnChoice}, {@link Refinement}): the reading and the draft
 * plan, which items are used and what each was taken to mean, the intents the walk collected and
 * the confidence penalty so far; plus the small helpers every phase uses to look at items.
 * One instance per question, never shared between threads.
 */
final class Interpretation {
    /** Asking for what a plan cannot express costs this much confidence. */
    static final double UNSUPPORTED_PENALTY = 0.6;

    /** A word that fits two tables about equally well was a close call. */
    static final double AMBIGUITY_PENALTY = 0.1;

    /** A word found only in a table's or column's comment is a softer link than its name. */
    static final double WEAK_LINK_PENALTY = 0.05;

    /** A literal put on a column by position only ("in Hamburg" → the city) is a guess. */
    static final double GUESS_PENALTY = 0.1;

    static final List<String> NON_ADDITIVE =
            List.of("price", "rate", "ratio", "percent", "pct", "score", "rating", "age", "margin", "discount");

    /** An aggregate asked for; {@code noun} set when the column is still to be chosen from context. */
    record MeasureIntent(Aggregate function, TableInfo table, ColumnInfo column, Noun noun) {}

    record AppliedDates(ColumnTarget column, Dates dates) {}

    record HavingIntent(MeasureIntent measure, FilterOp op, List<String> values, Item source) {}

    final SchemaIndex index;

    final Reading r;

    final List<Item> items;

    final Set<Item> used = new HashSet<>();

    final Map<Item, String> meanings = new LinkedHashMap<>();

    final Draft d;

    double penalty;

    final List<MeasureIntent> measureIntents = new ArrayList<>();

    final List<Agg> bareAggs = new ArrayList<>();

    final List<Grain> grains = new ArrayList<>();

    final List<Dates> pendingDates = new ArrayList<>();

    final List<Compare> pendingCompares = new ArrayList<>();

    final List<TextMatch> pendingMatches = new ArrayList<>();

    final List<HavingIntent> havingIntents = new ArrayList<>();

    final List<ColumnTarget> dateColumnsUsed = new ArrayList<>();

    /** Links that an aggregate took as its column: a comparison next to them filters groups. */
    final Map<Item, MeasureIntent> aggregated = new LinkedHashMap<>();

    /** What the question asks that a plan cannot express, for the explanation. */
    final List<String> issues = new ArrayList<>();

    /** Items already penalized as unsupported, so not penalized again as ignored. */
    final Set<Item> flagged = new HashSet<>();

    /**
     * Tables joined only to keep the rows none of theirs refers to: they multiply no rows, and their
     * columns are empty.
     */
    final Map<TableInfo, AntiJoin> antiJoined = new LinkedHashMap<>();

    /** An anti-joined table's column that refers to the main table, and the main table's key it holds. */
    record AntiJoin(ColumnInfo reference, ColumnInfo key) {}

    final List<AppliedDates> datesApplied = new ArrayList<>();

    /** The column each literal of the question filters, to check what an "or" between them means. */
    final Map<Item, ColumnTarget> filterOn = new LinkedHashMap<>();

    /** Comparisons next to a measure word ("spent more than 1000"), resolved with the noun. */
    final Map<Compare, Noun> nounCompares = new LinkedHashMap<>();

    /** Set while editing a previous plan: tables new to the plan are then not understood for free. */
    boolean refining;

    /** Guesses a person could make instead, recorded where each is made. */
    final Ambiguities ambiguities = new Ambiguities();

    /** What a ranking ranks: the rows of a table, or the values of one of its columns. */
    sealed interface Entity {
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
    sealed interface SortKey {
        record ByColumn(ColumnTarget column) implements SortKey {}

        record ByMeasure(MeasureIntent measure) implements SortKey {}

        record ByGrain(TimeGrain grain) implements SortKey {}
    }

    Rank rank;

    int rankPos = -1;

    MeasureIntent rankMeasure;

    ColumnTarget rankColumn;

    Entity rankEntity;

    boolean rankTakesNextAgg;

    boolean byTakesNextAgg;

    MeasureIntent byMeasure;

    int byMeasurePos = -1;

    SortKey sortKey;

    Direction direction;

    boolean listing;

    Distinct distinct;

    Interpretation(SchemaIndex index, Reading reading, Draft start) {
        this.index = index;
        this.r = reading;
        this.items = reading.items;
        this.d = start;
    }

    Binding binding(Ambiguity kind) {
        return r.bindings.stream().filter(b -> b.kind() == kind).findFirst().orElse(null);
    }

    Item covering(int token) {
        return r.at(token);
    }

    /**
     * Whether token {@code i} is a word of content that no item links, and that does not qualify a
     * linked word right after it ("insurance type").
     */
    boolean unlinkedWord(int i) {
        return i < r.tokens.size()
                && !r.taken[i]
                && r.content(i)
                && r.tokens.get(i).kind() == Text.Kind.WORD
                && !(covering(i + 1) instanceof Link);
    }

    /** The dimensions naming an entity's rows: its label columns, or the column itself. */
    List<Draft.Dimension> entityDims(Entity entity) {
        return switch (entity) {
            case Entity.Rows(TableInfo t) ->
                index.labelColumns(t).stream()
                        .map(c -> new Draft.Dimension(t, c, null, null))
                        .toList();
            case Entity.Values(ColumnTarget c) -> List.of(new Draft.Dimension(c.table(), c.column(), null, null));
        };
    }

    void groupByEntity(Entity entity, Item source) {
        List<Draft.Dimension> dims = entityDims(entity);
        dims.forEach(d::addDim);
        use(
                source,
                "group by "
                        + dims.stream()
                                .map(x -> x.table().name() + "." + x.column().name())
                                .collect(java.util.stream.Collectors.joining(", ")));
    }

    void unsupported(Item it, String what) {
        penalty += UNSUPPORTED_PENALTY;
        issues.add("'" + r.text(it) + "' asks for " + what);
    }

    boolean singular(Entity entity) {
        for (Item it : items) {
            if (it instanceof Link l && entity != null && entity.namedBy(l.target())) {
                Text.Token last = r.tokens.get(l.end() - 1);
                return singularWord(last.lower()) && last.lower().equals(last.stem());
            }
            if (it instanceof Grain g && entity == null) {
                String w = r.tokens.get(g.end() - 1).lower();
                return !w.endsWith("s");
            }
        }
        return false;
    }

    /** A word in the singular: no final s, unless the s is the word's own ("business", "status", "analysis"). */
    private static boolean singularWord(String w) {
        return !w.endsWith("s") || (w.length() > 3 && Stemmer.singular(w).equals(w));
    }

    static Aggregate defaultAggregate(ColumnInfo c) {
        List<String> words = Text.identifierWords(c.name());
        boolean nonAdditive = NON_ADDITIVE.stream().anyMatch(words::contains);
        boolean additive = Vocabulary.ADDITIVE_WORDS.stream().anyMatch(words::contains);
        return nonAdditive && !additive ? Aggregate.AVG : Aggregate.SUM;
    }

    /** Table and text-column links nobody claimed: what the question is about. */
    List<Item> subjects() {
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

    Item subjectBefore(int k) {
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

    boolean hasSubjectBefore(int k) {
        return subjectBefore(k) != null;
    }

    int targetAfter(int k) {
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
    boolean adjacent(Item a, Item b) {
        for (int k = a.end(); k < b.start(); k++) {
            if (r.content(k)) {
                return false;
            }
        }
        return a.end() <= b.start();
    }

    Item item(int k) {
        return k >= 0 && k < items.size() ? items.get(k) : null;
    }

    <T extends Item> List<T> unused(Class<T> type) {
        return items.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(it -> !used.contains(it))
                .toList();
    }

    void use(Item it, String meaning) {
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
