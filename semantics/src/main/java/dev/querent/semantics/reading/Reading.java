package dev.querent.semantics.reading;

import dev.querent.semantics.Binding;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.Text.Token;
import dev.querent.semantics.reading.SchemaIndex.Candidate;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.Target;
import dev.querent.semantics.reading.Vocabulary.Cue;
import dev.querent.semantics.reading.Vocabulary.RankWord;
import dev.querent.semantics.reading.Vocabulary.Removal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A question read into items: each item covers a span of tokens and says what those words mean
 * (an aggregate, a date range, a link to the schema...). Tokens that no item covers and that are
 * not stop words are what the planner did not understand.
 */
public final class Reading {

    sealed interface Item
            permits Agg,
                    Group,
                    Grain,
                    Rank,
                    Compare,
                    Dates,
                    Negation,
                    ListVerb,
                    Distinct,
                    Sort,
                    Dir,
                    TextMatch,
                    Link,
                    Noun,
                    Limit,
                    FollowCue,
                    Remove,
                    Place,
                    Quoted,
                    Neutral,
                    Unsupported {
        int start();

        int end();
    }

    public record Agg(int start, int end, Aggregate function) implements Item {}

    /** "per", "by", "for each": what follows is a dimension (or, after a ranking, its key). */
    record Group(int start, int end) implements Item {}

    record Grain(int start, int end, TimeGrain grain) implements Item {}

    public record Rank(int start, int end, RankWord word, Integer n) implements Item {}

    record Compare(int start, int end, FilterOp op, List<String> numbers) implements Item {}

    /**
     * A date range; {@code to} is exclusive; either bound may be null. Or, when {@code days} is not
     * null, days of the week ("on weekends": Saturday and Sunday), with no range.
     */
    record Dates(int start, int end, LocalDate from, LocalDate to, String phrase, List<DayOfWeek> days)
            implements Item {
        Dates(int start, int end, LocalDate from, LocalDate to, String phrase) {
            this(start, end, from, to, phrase, null);
        }

        static Dates weekDays(int start, int end, String phrase, List<DayOfWeek> days) {
            return new Dates(start, end, null, null, phrase, List.copyOf(days));
        }

        boolean isWeekDays() {
            return days != null;
        }
    }

    record Negation(int start, int end) implements Item {}

    public record ListVerb(int start, int end) implements Item {}

    record Distinct(int start, int end) implements Item {}

    record Sort(int start, int end) implements Item {}

    record Dir(int start, int end, Direction direction) implements Item {}

    /**
     * A text pattern to match ("containing 'son'"): {@code pattern} is a LIKE pattern, or the exact
     * text when {@code exact}; {@code columnAfter} when the column it is about follows it ("'M5' in its
     * VIN number") rather than precedes it ("names containing 'son'").
     */
    record TextMatch(int start, int end, String pattern, boolean exact, boolean columnAfter) implements Item {
        TextMatch(int start, int end, String pattern, boolean exact) {
            this(start, end, pattern, exact, false);
        }
    }

    /**
     * Words linked to the schema. Before resolution {@code candidates} holds every meaning; after,
     * exactly one, and {@code ambiguous} says whether the choice was a close call.
     */
    public record Link(int start, int end, List<Candidate> candidates, boolean ambiguous) implements Item {
        public Target target() {
            return candidates.getFirst().target();
        }

        boolean weak() {
            return candidates.getFirst().weight() < SchemaIndex.PARTIAL;
        }
    }

    /** A measure word ("revenue") and the numeric columns that may carry it, best first. */
    public record Noun(int start, int end, String noun, List<ColumnTarget> columns) implements Item {}

    record Limit(int start, int end, int n) implements Item {}

    public record FollowCue(int start, int end, Cue cue) implements Item {}

    record Remove(int start, int end, Removal removal) implements Item {}

    /** A capitalised word after "in"/"from" that no sample value knows: probably a place. */
    record Place(int start, int end, String value) implements Item {}

    /** A quoted literal that links to nothing: a value for the column named next to it. */
    record Quoted(int start, int end, String value) implements Item {}

    /** Words asking for something plans cannot express; {@code what} names it for the user. */
    record Unsupported(int start, int end, String what) implements Item {}

    /** Understood words without meaning for the plan ("placed", "records"). */
    record Neutral(int start, int end) implements Item {}

    public final List<Token> tokens;
    final boolean[] taken;
    final List<Item> items = new ArrayList<>();

    /** In a multi-schema source: the schema the words point at, and whether that was a toss-up. */
    String schema;

    public boolean schemaTossUp;

    /** Meanings the user chose for words of this question (answers to a clarification). */
    List<Binding> bindings = List.of();

    /**
     * Close calls of resolved links, by the link's start: the other columns or values the same words
     * fit about as well as the meaning chosen, best first.
     */
    final Map<Integer, List<Candidate>> rivals = new HashMap<>();

    /**
     * When the schema was a toss-up: the words that named tables of the close schemas, and their best
     * meaning in each close schema, the chosen schema's first.
     */
    String schemaWord;

    List<Candidate> schemaRivals = List.of();

    Reading(List<Token> tokens) {
        this.tokens = tokens;
        this.taken = new boolean[tokens.size()];
    }

    void add(Item item) {
        for (int k = item.start(); k < item.end(); k++) {
            taken[k] = true;
        }
        items.add(item);
        items.sort(Comparator.comparingInt(Item::start));
    }

    /** The item that covers token {@code token}, or null. */
    Item at(int token) {
        for (Item it : items) {
            if (it.start() <= token && token < it.end()) {
                return it;
            }
        }
        return null;
    }

    void replace(Item old, Item replacement) {
        items.set(items.indexOf(old), replacement);
    }

    String text(Item item) {
        return Text.span(tokens, item.start(), item.end());
    }

    /** Whether the word carries content (stop words neither help nor hurt). */
    public boolean content(int tokenIndex) {
        Token t = tokens.get(tokenIndex);
        return t.kind() != Text.Kind.SYMBOL && !Vocabulary.isStopword(t.lower());
    }

    public <T extends Item> List<T> all(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public boolean has(Class<? extends Item> type) {
        return items.stream().anyMatch(type::isInstance);
    }
}
