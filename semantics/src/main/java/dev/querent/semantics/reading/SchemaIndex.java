package dev.querent.semantics.reading;

import dev.querent.core.dialect.TypeFamily;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.FlagNames;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.NamePrefixes;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.Abbreviations;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.UsStates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A schema prepared for linking words to it: phrase entries for tables, columns, values and
 * schemas; column-type helpers; and the join graph (declared foreign keys, plus {@code x_id}
 * columns that evidently point at table {@code x} when nothing is declared).
 */
public final class SchemaIndex {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    public sealed interface Target permits TableTarget, ColumnTarget, ValueTarget, SchemaTarget {
        /** The table the target belongs to; null for a schema. */
        TableInfo table();
    }

    public record TableTarget(TableInfo table) implements Target {}

    record ColumnTarget(TableInfo table, ColumnInfo column) implements Target, Draft.OrderKey {}

    record ValueTarget(TableInfo table, ColumnInfo column, String value) implements Target {}

    record SchemaTarget(String schema) implements Target {
        @Override
        public TableInfo table() {
            return null;
        }
    }

    /** A possible meaning of a phrase; weaker for comment words and partial names. */
    record Candidate(Target target, double weight) {}

    /**
     * A flag column whose name ends with a participle ({@code fare.round_trip_required}), as a verb
     * says it: the verb's stem ({@code requir}, {@link Stemmer#stem}) and the words before the
     * participle, singular ({@code round}, {@code trip}).
     */
    record VerbFlag(String verb, List<String> words, ValueTarget flag) {}

    /**
     * A join step from {@code from} (already joined) to {@code to}; {@code toOne} when each {@code
     * from} row meets at most one {@code to} row (following a foreign key to its target). {@code role}
     * holds the words of an inferred reference's column that say what part the referenced row plays
     * ({@code stop} in {@code flight_stop.stop_airport}: the airport where a flight stops); empty for a
     * declared key and for any other name.
     */
    record Edge(
            TableInfo from,
            List<String> fromColumns,
            TableInfo to,
            List<String> toColumns,
            boolean toOne,
            List<String> role) {
        Edge(TableInfo from, List<String> fromColumns, TableInfo to, List<String> toColumns, boolean toOne) {
            this(from, fromColumns, to, toColumns, toOne, List.of());
        }

        Edge reversed() {
            return new Edge(to, toColumns, from, fromColumns, !toOne, role);
        }

        /** The referencing column, as {@code table.column}. */
        String referencing() {
            TableInfo t = toOne ? from : to;
            List<String> c = toOne ? fromColumns : toColumns;
            return t.name() + "." + String.join(", ", c);
        }
    }

    static final double FULL = 1.0;
    static final double PARTIAL = 0.7;
    /** A table named by the last word of its name alone ("transactions" for {@code wallet_transactions}). */
    static final double HEAD_NOUN = 0.6;

    static final double COMMENT = 0.4;

    private static final Set<String> GENERIC_WORDS = Set.of(
            "id",
            "key",
            "at",
            "is",
            "has",
            "flag",
            "table",
            "row",
            "record",
            "column",
            "identifier",
            "unique",
            "primary",
            "foreign",
            "reference",
            "references",
            "referencing",
            "one",
            "per",
            "each",
            "used",
            "stored",
            "value",
            "number",
            "count",
            "total",
            "sum",
            "average",
            "date",
            "time",
            "all",
            "code",
            "yyyy",
            "mm",
            "dd",
            "num",
            "avg",
            "min",
            "max",
            "can");

    /** Column words that make an amount a part or a deduction rather than the amount itself. */
    private static final Set<String> MODIFIERS =
            Set.of("discount", "tax", "fee", "shipping", "min", "max", "avg", "previous", "old", "limit");

    /**
     * Last words of a table name that say how its rows are kept, not what they are:
     * {@code wallet_transactions_daily} holds transactions, {@code inventory_snapshots} inventory.
     */
    private static final Set<String> KEEPING_WORDS =
            Set.of("daily", "weekly", "monthly", "yearly", "hourly", "snapshot", "log", "history", "hist", "archive");

    private final SchemaSnapshot snapshot;
    /** A prefix every name of the schema carries ({@code sbCustomer}), read without. */
    private final NamePrefixes prefixes;

    private final Map<String, List<Candidate>> entries;
    private final List<VerbFlag> verbFlags;
    private final Map<TableInfo, List<Edge>> graph;
    /** Per table, the columns that foreign keys into it (declared or inferred from the data) reference. */
    private final Map<TableInfo, Set<String>> referencedColumns;

    private final boolean multiSchema;
    /** When set, phrases link only to this schema's tables (and to schema names). */
    private final String scope;
    /** The question being read ({@link #saying}); null when none is. */
    private final Said said;

    /** A question's lower-case words, sorted for prefix look-ups, and their stems. */
    private record Said(NavigableSet<String> words, Set<String> stems) {
        /** Whether a word of the question starts with {@code word} ("stopover" says "stop") or shares its stem. */
        boolean says(String word) {
            String next = words.ceiling(word);
            return (next != null && next.startsWith(word)) || stems.contains(Stemmer.stem(word));
        }
    }

    private int maxPhraseWords = 1;

    public SchemaIndex(SchemaSnapshot snapshot) {
        this.snapshot = snapshot;
        this.prefixes = NamePrefixes.of(snapshot.tables());
        this.entries = new HashMap<>();
        this.verbFlags = new ArrayList<>();
        // tables are the snapshot's own instances; identity keeps hashing off their column lists
        this.graph = new IdentityHashMap<>();
        this.referencedColumns = new IdentityHashMap<>();
        this.scope = null;
        this.said = null;
        this.multiSchema = snapshot.tables().stream()
                        .map(SchemaIndex::schemaKey)
                        .distinct()
                        .count()
                > 1;
        Set<String> fullTableWords = new HashSet<>();
        for (TableInfo t : snapshot.tables()) {
            List<String> words = tableWords(t);
            if (words.size() == 1) {
                fullTableWords.add(words.getFirst());
            }
        }
        for (TableInfo t : snapshot.tables()) {
            indexTable(t, fullTableWords);
            graph.put(t, new ArrayList<>());
        }
        if (multiSchema) {
            snapshot.tables().stream()
                    .map(TableInfo::schema)
                    .filter(Objects::nonNull)
                    .distinct()
                    .forEach(s -> add(Text.stems(Text.identifierWords(s)), new SchemaTarget(s), FULL));
        }
        buildGraph();
    }

    private SchemaIndex(SchemaIndex all, String scope, Said said) {
        this.snapshot = all.snapshot;
        this.prefixes = all.prefixes;
        this.entries = all.entries;
        this.verbFlags = all.verbFlags;
        this.graph = all.graph;
        this.referencedColumns = all.referencedColumns;
        this.multiSchema = all.multiSchema;
        this.maxPhraseWords = all.maxPhraseWords;
        this.scope = scope;
        this.said = said;
    }

    /** The same index linking only to one schema's tables. */
    SchemaIndex scoped(String schema) {
        return new SchemaIndex(this, schema, said);
    }

    /**
     * The same index for reading {@code question}: a join through an inferred reference that plays a
     * role ({@link Edge#role}) is taken only when the question says the role ("a stopover in Dallas"
     * for {@code flight_stop.stop_airport}); otherwise "flights departing from each airport" would be
     * answered with the airports where the flights stop.
     */
    public SchemaIndex saying(String question) {
        NavigableSet<String> words = new TreeSet<>();
        Set<String> stems = new HashSet<>();
        for (String w : question == null
                ? new String[0]
                : question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && words.add(w)) {
                stems.add(Stemmer.stem(w));
            }
        }
        return new SchemaIndex(this, scope, new Said(words, stems));
    }

    /**
     * Whether a join step may be taken for the question read: no role, or a role the question says. A
     * role word that names the referencing table is said when the path starts at that table (the
     * question is about fares, so {@code fare.fare_airline} is the fare's airline), not when the path
     * only passes through it ({@code flight → flight_stop → airport} is the airport of a stop).
     */
    private boolean usable(Edge e, Collection<TableInfo> start) {
        if (e.role().isEmpty() || said == null) {
            return true;
        }
        TableInfo referencing = e.toOne() ? e.from() : e.to();
        Set<String> own = start.contains(referencing)
                ? new HashSet<>(Text.stems(Text.identifierWords(referencing.name())))
                : Set.of();
        for (String role : e.role()) {
            if (!own.contains(Stemmer.singular(role)) && !said.says(role)) {
                return false;
            }
        }
        return true;
    }

    SchemaSnapshot snapshot() {
        return snapshot;
    }

    private boolean inScope(TableInfo t) {
        return scope == null || t == null || scope.equals(schemaKey(t));
    }

    /** A table's schema as a key; tables without one share the empty key. */
    static String schemaKey(TableInfo t) {
        return t.schema() == null ? "" : t.schema();
    }

    boolean multiSchema() {
        return multiSchema;
    }

    int maxPhraseWords() {
        return maxPhraseWords;
    }

    /** The flags a verb of this stem sets ("require" → {@code round_trip_required}), in scope. */
    List<VerbFlag> verbFlags(String verbStem) {
        return verbFlags.stream()
                .filter(f -> f.verb().equals(verbStem) && inScope(f.flag().table()))
                .toList();
    }

    /** Candidates for a phrase given as stems joined by spaces; empty when unknown. */
    List<Candidate> lookup(String stemPhrase) {
        List<Candidate> all = entries.getOrDefault(stemPhrase, List.of());
        return scope == null
                ? all
                : all.stream().filter(c -> inScope(c.target().table())).toList();
    }

    // --- linking entries ---

    private void indexTable(TableInfo t, Set<String> fullTableWords) {
        TableTarget table = new TableTarget(t);
        List<String> tableWords = tableWords(t);
        for (List<String> name : new LinkedHashSet<>(List.of(tableWords, withoutKeepingWord(tableWords)))) {
            add(name, table, FULL);
            if (name.size() > 1 && !fullTableWords.contains(name.getLast())) {
                add(List.of(name.getLast()), table, HEAD_NOUN);
            }
            String noun = nounBeforeParticiple(name);
            if (noun != null && !fullTableWords.contains(noun)) {
                add(List.of(noun), table, HEAD_NOUN);
            }
            if (noun != null) {
                // "How much did we receive": the verb of a participle ending the name names the table too
                verbOfParticiple(name.getLast()).stream()
                        .filter(v -> !fullTableWords.contains(v))
                        .forEach(v -> add(List.of(v), table, HEAD_NOUN));
            }
        }
        addComment(t.comment(), table);
        String singular = String.join(" ", tableWords);
        for (ColumnInfo c : t.columns()) {
            ColumnTarget column = new ColumnTarget(t, c);
            List<String> written = writtenWords(t, c);
            List<String> expanded = Abbreviations.expand(written);
            List<String> words = Text.stems(expanded);
            boolean key = isKey(t, c);
            add(words, column, FULL);
            if (!expanded.equals(written)) {
                add(Text.stems(written), column, FULL); // "tot_drug_amt" as the name writes it
            }
            if (ownKeyAbbreviated(t, c, words, tableWords)) {
                // doctors.doc_id is "the doctor id" however short the key's own name.
                List<String> tableId = new ArrayList<>(tableWords);
                tableId.add(words.getLast());
                add(tableId, column, FULL);
            }
            List<String> withTable = new ArrayList<>(tableWords);
            withTable.addAll(words);
            if (!String.join(" ", words).startsWith(singular)) {
                add(withTable, column, FULL);
            }
            String yes = yesValue(c);
            if (isBoolean(c) || yes != null) {
                // users.is_active: "active users" are those where it is true; fare.premium holding 'Yes'
                // or 'No': "premium fares" are those where it is 'Yes'
                List<String> flag =
                        words.size() > 1 && FlagNames.prefix(words.getFirst()) ? words.subList(1, words.size()) : words;
                ValueTarget set = new ValueTarget(t, c, yes == null ? "true" : yes);
                add(flag, set, FULL);
                if (flag.size() > 1
                        && written.getLast().toLowerCase(Locale.ROOT).endsWith("ed")) {
                    verbFlags.add(new VerbFlag(
                            Stemmer.stem(written.getLast()), List.copyOf(flag.subList(0, flag.size() - 1)), set));
                }
            } else if (!key) {
                // orders.order_date is "the date" of an order; products.product_name its "name"
                if (words.size() > tableWords.size()
                        && words.subList(0, tableWords.size()).equals(tableWords)) {
                    add(words.subList(tableWords.size(), words.size()), column, 0.9);
                }
                List<String> counted = countedNoun(t, c, words);
                if (counted != null && counted.size() == 1 && nothingAlone(counted.getFirst())) {
                    // reference_num, likes: "the number of references", "likes" name the count column
                    // though "reference" and "like" name nothing alone
                    addAlways(counted, column, words.size() > 1 ? 0.6 : FULL);
                }
                if (words.size() > 1) {
                    add(List.of(words.getLast()), column, partialWeight(words));
                    if (!tableWords.contains(words.getFirst())) {
                        add(List.of(words.getFirst()), column, 0.6);
                    }
                }
                addComment(c.comment(), column);
            }
            if (isText(c)) {
                // "in the state of California" where a state column stores 'CA'
                boolean stateCodes = words.containsAll(Text.stems(List.of("state")));
                for (String v : c.sampleValues()) {
                    List<String> valueWords = Text.textStems(v);
                    boolean plain = valueWords.stream().anyMatch(w -> !Vocabulary.isStopword(w) && !isNumber(w));
                    if (plain) {
                        add(valueWords, new ValueTarget(t, c, v), FULL);
                    }
                    String state = stateCodes ? UsStates.BY_CODE.get(v) : null;
                    if (state != null) {
                        add(Text.textStems(state), new ValueTarget(t, c, v), FULL);
                    }
                }
            }
        }
    }

    /**
     * A column's words, with its table's name split off where the two are written together, as
     * older schemas do: {@code journal.journalname} is "journal name", {@code venue.venueid} "venue
     * id". Any other single word stays whole (no dictionary guesses where one word ends).
     */
    static List<String> columnWords(TableInfo t, ColumnInfo c) {
        return columnWords(t.name(), c.name());
    }

    /** A table's words without a last word that says how its rows are kept; the same list when none. */
    private static List<String> withoutKeepingWord(List<String> tableWords) {
        return tableWords.size() > 1 && KEEPING_WORDS.contains(Stemmer.singular(tableWords.getLast()))
                ? tableWords.subList(0, tableWords.size() - 1)
                : tableWords;
    }

    /**
     * Past participles that end a table's name without the usual "-ed": {@code payments_made}, {@code
     * items_sold}. Not those that are nouns at the end of a name too ({@code test_run}, {@code
     * data_set}), which {@code Shaping}'s reading of "have" + participle as a tense does accept.
     */
    private static final Set<String> PARTICIPLES = Set.of(
            "made", "sold", "paid", "sent", "bought", "given", "taken", "held", "kept", "won", "lost", "done", "spent",
            "built", "written", "shown", "seen");

    /** The present of irregular participles ending a table's name; not "make", "do", "take", too common. */
    private static final Map<String, String> IRREGULAR_VERBS = Map.of(
            "sold", "sell", "paid", "pay", "sent", "send", "bought", "buy", "spent", "spend", "won", "win", "lost",
            "lose", "written", "write", "built", "build");

    /**
     * The present of the verb whose participle ends a table's name: {@code received} → "receive"
     * (also "receiv", which no question writes), {@code shipped} → "ship" (and "shipp"), {@code paid} → "pay"; empty
     * for a word that is no participle.
     */
    static List<String> verbOfParticiple(String participle) {
        if (IRREGULAR_VERBS.containsKey(participle)) {
            return List.of(IRREGULAR_VERBS.get(participle));
        }
        if (participle.length() <= 4 || !participle.endsWith("ed")) {
            return List.of();
        }
        String base = participle.substring(0, participle.length() - 2);
        int n = base.length();
        boolean doubled = n >= 4 && base.charAt(n - 1) == base.charAt(n - 2) && "aeiou".indexOf(base.charAt(n - 1)) < 0;
        return doubled ? List.of(base, base.substring(0, n - 1)) : List.of(base, base + "e");
    }

    /**
     * The noun before a participle that ends a table's name ({@code payments_made} is about payments),
     * null when its name ends with none.
     */
    private static String nounBeforeParticiple(List<String> name) {
        String last = name.getLast();
        boolean participle = PARTICIPLES.contains(last) || (last.length() > 4 && last.endsWith("ed"));
        return participle && name.size() > 1 ? name.get(name.size() - 2) : null;
    }

    /** {@link #nounBeforeParticiple(List)} of a table's name. */
    String nounBeforeParticiple(TableInfo t) {
        return nounBeforeParticiple(tableWords(t));
    }

    /**
     * The words a table or column is found by when a question writes its name as it is ({@code
     * payment_method} is "payment method"), or null when no table or column has that name.
     */
    String spelledName(String name) {
        for (TableInfo t : snapshot.tables()) {
            if (t.name().equalsIgnoreCase(name)) {
                return String.join(" ", Text.identifierWords(prefixes.tableName(t)));
            }
        }
        for (TableInfo t : snapshot.tables()) {
            for (ColumnInfo c : t.columns()) {
                if (c.name().equalsIgnoreCase(name)) {
                    return String.join(" ", words(t, c));
                }
            }
        }
        return null;
    }

    /** The table's name as stems, without a prefix every name of the schema carries. */
    private List<String> tableWords(TableInfo t) {
        return Text.stems(Text.identifierWords(prefixes.tableName(t)));
    }

    /** A column's words as a question writes them ({@link #writtenWords}, shortenings written out). */
    List<String> words(TableInfo t, ColumnInfo c) {
        return Abbreviations.expand(writtenWords(t, c));
    }

    /**
     * {@link #columnWords(TableInfo, ColumnInfo)} without the prefixes of the schema and the table: a
     * column's words as its name writes them ("tot drug amt").
     */
    private List<String> writtenWords(TableInfo t, ColumnInfo c) {
        return columnWords(prefixes.tableName(t), prefixes.columnName(t, c));
    }

    private static List<String> columnWords(String table, String column) {
        List<String> words = Text.identifierWords(column);
        if (words.size() != 1) {
            return words;
        }
        List<String> tableWords = Text.identifierWords(table);
        String glued = String.join("", tableWords);
        String word = words.getFirst();
        for (String prefix : List.of(glued, Stemmer.stem(glued))) {
            if (prefix.length() >= 3 && word.length() >= prefix.length() + 2 && word.startsWith(prefix)) {
                List<String> out = new ArrayList<>(tableWords);
                out.add(word.substring(prefix.length()));
                return out;
            }
        }
        return words;
    }

    /** The column whose identifier words are {@code words}: first_name, FirstName, firstName. */
    private static Optional<ColumnInfo> columnNamed(TableInfo t, List<String> words) {
        return t.columns().stream()
                .filter(c -> Text.identifierWords(c.name()).equals(words))
                .findFirst();
    }

    /** A part or a deduction of an amount ({@code discount_amount}) rather than the amount. */
    static boolean isModifier(ColumnInfo c) {
        return Text.identifierWords(c.name()).stream().anyMatch(MODIFIERS::contains);
    }

    /** "amount" means total_amount sooner than discount_amount. */
    private static double partialWeight(List<String> words) {
        if (words.stream().anyMatch(MODIFIERS::contains)) {
            return 0.6;
        }
        return words.contains("total") ? 0.75 : PARTIAL;
    }

    private void addComment(String comment, Target target) {
        if (comment == null || comment.isBlank()) {
            return;
        }
        for (String w : Text.textStems(comment)) {
            if (w.length() > 2 && !Vocabulary.isStopword(w) && !GENERIC_WORDS.contains(w) && !isNumber(w)) {
                add(List.of(w), target, COMMENT);
            }
        }
    }

    /**
     * What the rows a count column counts are called, its words without the count word: {@code
     * reference_num} → reference, {@code likes} → like; null for any other column, and for a count
     * word alone ({@code num}).
     */
    private static List<String> countedNoun(TableInfo t, ColumnInfo c, List<String> words) {
        if (!holdsCount(t, c)) {
            return null;
        }
        List<String> noun = words.stream().filter(w -> !COUNT_WORDS.contains(w)).toList();
        return noun.size() == 1 && noun.size() < words.size() || words.size() == 1 ? noun : null;
    }

    /** A word {@link #add} takes nothing by alone: a stop word or one schemas use for everything. */
    private static boolean nothingAlone(String stem) {
        return Vocabulary.isStopword(stem) || GENERIC_WORDS.contains(stem);
    }

    private void add(List<String> stems, Target target, double weight) {
        if (stems.isEmpty()) {
            return;
        }
        if (stems.size() == 1 && nothingAlone(stems.getFirst())) {
            return;
        }
        addAlways(stems, target, weight);
    }

    /** {@link #add} for words that name the target even where they are common or generic. */
    private void addAlways(List<String> stems, Target target, double weight) {
        if (stems.isEmpty()) {
            return;
        }
        String key = String.join(" ", stems);
        List<Candidate> list = entries.computeIfAbsent(key, k -> new ArrayList<>());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).target().equals(target)) {
                if (list.get(i).weight() < weight) {
                    list.set(i, new Candidate(target, weight));
                }
                return;
            }
        }
        list.add(new Candidate(target, weight));
        maxPhraseWords = Math.max(maxPhraseWords, stems.size());
    }

    private static boolean isNumber(String w) {
        return !w.isEmpty() && w.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.');
    }

    // --- column kinds ---

    public static boolean isNumeric(ColumnInfo c) {
        TypeFamily family = TypeFamily.of(c.type());
        if (family == TypeFamily.UNKNOWN) {
            List<String> words = Text.identifierWords(c.name());
            return Vocabulary.ADDITIVE_WORDS.stream().anyMatch(words::contains) || words.contains("price");
        }
        return family == TypeFamily.NUMERIC;
    }

    /** A date column, or a text or untyped one whose name says it holds dates (SQLite stores them as text). */
    public static boolean isDate(ColumnInfo c) {
        TypeFamily family = TypeFamily.of(c.type());
        if (family == TypeFamily.UNKNOWN || family == TypeFamily.TEXT) {
            List<String> words = Text.identifierWords(c.name());
            return words.contains("date")
                    || (words.size() > 1 && words.getLast().equals("at"));
        }
        return family == TypeFamily.TEMPORAL;
    }

    public static boolean isBoolean(ColumnInfo c) {
        return TypeFamily.of(c.type()) == TypeFamily.BOOLEAN;
    }

    /** Whether a value sets a flag: true of a boolean column, or the stored yes of a flag kept as text. */
    static boolean isFlag(ValueTarget v) {
        return isBoolean(v.column()) ? v.value().equals("true") : v.value().equals(yesValue(v.column()));
    }

    /** Spellings of yes and no a text column may store a flag with, each with its opposite. */
    private static final Map<String, String> YES_OF_NO = Map.of("no", "yes", "n", "y", "false", "true", "f", "t");

    /**
     * The value a text column stores for "yes" when it is a flag written as text — every sampled value
     * one spelling of yes or no ('Yes'/'No', 'Y'/'N', 'true'/'false', 'T'/'F'), as databases without a
     * boolean type keep them — in the column's own spelling; null for any other column. A one-letter
     * pair counts only when both letters were sampled ('F' alone may be a sex, not false). A flag kept as
     * a number ({@link #numberFlag}) stores "yes" as 1.
     */
    static String yesValue(ColumnInfo c) {
        if (isNumeric(c)) {
            return numberFlag(c) ? "1" : null;
        }
        if (!isText(c) || c.sampleValues().isEmpty()) {
            return null;
        }
        String yes = null;
        String no = null;
        for (String v : c.sampleValues()) {
            String lower = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
            if (YES_OF_NO.containsValue(lower)) {
                if (yes != null && !yes.equalsIgnoreCase(v.strip())) {
                    return null;
                }
                yes = v.strip();
            } else if (YES_OF_NO.containsKey(lower)) {
                if (no != null && !no.equalsIgnoreCase(v.strip())) {
                    return null;
                }
                no = v.strip();
            } else {
                return null;
            }
        }
        if (yes != null
                && no != null
                && !YES_OF_NO.get(no.toLowerCase(Locale.ROOT)).equals(yes.toLowerCase(Locale.ROOT))) {
            return null; // 'Yes' beside 'N': not one flag's two spellings
        }
        if (yes != null) {
            return yes.length() == 1 && no == null ? null : yes;
        }
        if (no.length() == 1) {
            return null;
        }
        // only 'No' sampled: the flag's yes is its opposite, spelt the same way
        String opposite = YES_OF_NO.get(no.toLowerCase(Locale.ROOT));
        return Character.isUpperCase(no.charAt(0))
                ? no.equals(no.toUpperCase(Locale.ROOT))
                        ? opposite.toUpperCase(Locale.ROOT)
                        : Character.toUpperCase(opposite.charAt(0)) + opposite.substring(1)
                : opposite;
    }

    /**
     * A flag kept as a number, as databases without a boolean type store one: named as a flag ({@code
     * is_open}, {@code has_parking}) and every sampled value 0 or 1 (at least one sampled). A number
     * column named otherwise holding only 0 and 1 may be a count that happens to be small.
     */
    private static boolean numberFlag(ColumnInfo c) {
        if (!FlagNames.named(c.name()) || c.sampleValues().isEmpty()) {
            return false; // named as the connectors name the flags they sample
        }
        for (String v : c.sampleValues()) {
            String n = v == null ? "" : v.strip();
            if (!n.equals("0") && !n.equals("1")) {
                return false;
            }
        }
        return true;
    }

    static boolean isText(ColumnInfo c) {
        return !isNumeric(c) && !isDate(c) && !isBoolean(c);
    }

    /** Column words saying that a number counts something ("num_enrolled", "citation_count"). */
    private static final Set<String> COUNT_WORDS = Set.of("num", "number", "count", "cnt", "qty", "quantity");

    /** Words in a table's name that say its rows keep tallies. */
    private static final Set<String> TALLY_TABLE_WORDS = Set.of("count", "counts", "tally", "tallies");

    /**
     * Whether each row's value is itself a count ({@code num_citations}, {@code credits},
     * {@code enrolled_count}): an integer column, not a key, named with a count word or a plural noun.
     * "The number of citations" then adds the column up rather than counting rows.
     */
    static boolean holdsCount(TableInfo t, ColumnInfo c) {
        if (!isNumeric(c) || isKey(t, c) || !upper(c.type()).contains("INT")) {
            return false;
        }
        List<String> words = Text.identifierWords(c.name());
        if (words.isEmpty()) {
            return false;
        }
        if (words.stream().anyMatch(COUNT_WORDS::contains)) {
            return true;
        }
        String last = words.getLast();
        return last.length() > 3
                && last.endsWith("s")
                && !last.endsWith("ss")
                && !Stemmer.singular(last).equals(last);
    }

    /**
     * A column of a table of tallies ({@code course_tags_count}: a name with "count" or "tally" in
     * it) that keeps how many times something was so: an integer that is not a key ({@code
     * hilarious}, {@code participation}).
     */
    static boolean tallies(TableInfo t, ColumnInfo c) {
        return isNumeric(c)
                && upper(c.type()).contains("INT")
                && !isKey(t, c)
                && !Text.identifierWords(c.name()).contains("id")
                && Text.identifierWords(t.name()).stream().anyMatch(TALLY_TABLE_WORDS::contains);
    }

    /**
     * The column of a table of tallies that says how many events a row stands for: an integer column
     * named {@code count} (or {@code <table>_count}, {@code cnt}) that is not a key. Empty for any
     * other table.
     */
    static Optional<ColumnInfo> tallyColumn(TableInfo t) {
        List<String> own = new ArrayList<>(Text.identifierWords(t.name()));
        own.add("count");
        return t.columns().stream()
                .filter(c -> isNumeric(c) && upper(c.type()).contains("INT") && !isKey(t, c))
                .filter(c -> {
                    List<String> words = Text.identifierWords(c.name());
                    return words.equals(List.of("count")) || words.equals(List.of("cnt")) || words.equals(own);
                })
                .findFirst();
    }

    /** A text column whose sample values are all numbers ("3", "4.5"): numbers stored as text. */
    static boolean numbersAsText(TableInfo t, ColumnInfo c) {
        if (!isText(c)
                || isKey(t, c)
                || c.sampleValues() == null
                || c.sampleValues().isEmpty()) {
            return false;
        }
        return c.sampleValues().stream()
                .allMatch(v -> v != null && PLAIN_NUMBER.matcher(v.strip()).matches());
    }

    /** The table's one-column primary key, named with an id word but not the table's name ({@code doc_id}). */
    private static boolean ownKeyAbbreviated(TableInfo t, ColumnInfo c, List<String> words, List<String> tableWords) {
        return t.primaryKey().size() == 1
                && t.primaryKey().getFirst().equalsIgnoreCase(c.name())
                && words.size() > 1
                && words.getLast().equals("id")
                && !words.subList(0, words.size() - 1).equals(tableWords);
    }

    /** Keys are joined on, not measured or listed as labels. */
    static boolean isKey(TableInfo t, ColumnInfo c) {
        String name = c.name().toLowerCase(Locale.ROOT);
        if (t.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(name))) {
            return true;
        }
        if (t.foreignKeys().stream().anyMatch(fk -> fk.columns().stream().anyMatch(k -> k.equalsIgnoreCase(name)))) {
            return true;
        }
        List<String> words = Text.identifierWords(c.name());
        return !words.isEmpty()
                && (words.getLast().equals("id") || words.getLast().equals("uuid"));
    }

    private static String upper(String type) {
        return type == null ? "" : type.toUpperCase(Locale.ROOT);
    }

    /** The date a table's rows are "at" (orders.order_date, not orders.updated_at). */
    Optional<ColumnInfo> mainDateColumn(TableInfo t) {
        return t.columns().stream().filter(SchemaIndex::isDate).max(Comparator.comparingInt(c -> {
            // earlier columns win ties: max() keeps the last maximum, so subtract the position
            return dateScore(t, c) * 1000 - t.columns().indexOf(c);
        }));
    }

    /** How much a date column looks like the date of the table's rows (named after the table: 3). */
    static int dateScore(TableInfo t, ColumnInfo c) {
        int score = namedAfterTable(t, c) ? 3 : 0;
        for (String w : Text.stems(Text.identifierWords(c.name()))) {
            score += Vocabulary.DATE_COLUMN_HINTS.getOrDefault(w, 0);
        }
        return score;
    }

    /** Whether the column's name holds the table's ({@code orders.order_date}). */
    static boolean namedAfterTable(TableInfo t, ColumnInfo c) {
        List<String> tableWords = Text.stems(Text.identifierWords(t.name()));
        return Text.stems(Text.identifierWords(c.name())).containsAll(tableWords);
    }

    /**
     * Whether the column names the table's rows ({@code state.state_name}, {@code customers.name}):
     * a text label column whose name says so, not a fallback such as the key.
     */
    boolean namesRows(TableInfo t, ColumnInfo c) {
        if (!isText(c)) {
            return false;
        }
        List<String> words = Text.identifierWords(c.name());
        boolean labelWord = words.contains("name") || words.contains("title") || words.contains("label");
        return labelWord && labelColumns(t).contains(c);
    }

    /**
     * A column that holds a period as a number or a name rather than a date ({@code year},
     * {@code publication_year}, {@code month}): what "per year" groups by when the table has no date.
     */
    Optional<ColumnInfo> periodColumn(TableInfo t, TimeGrain grain) {
        String wanted = grain.name().toLowerCase(Locale.ROOT);
        return t.columns().stream()
                .filter(c -> !isDate(c) && !isBoolean(c) && !isKey(t, c))
                .filter(c -> {
                    List<String> words = Text.identifierWords(c.name());
                    return !words.isEmpty() && words.getLast().equals(wanted);
                })
                .findFirst();
    }

    /**
     * The columns naming a table's rows, for grouping by "customer" or "product": a name or title,
     * else first and last name, else an e-mail or code, else the key.
     */
    List<ColumnInfo> labelColumns(TableInfo t) {
        List<String> tableWords = tableWords(t);
        for (String wanted : Vocabulary.LABEL_WORDS) {
            for (ColumnInfo c : t.columns()) {
                List<String> words = words(t, c);
                String joined = String.join("_", words);
                boolean prefixed = words.size() > 1
                        && Text.stems(words.subList(0, words.size() - 1)).equals(tableWords)
                        && words.getLast().equals(wanted);
                if (joined.equals(wanted) || prefixed) {
                    return List.of(c);
                }
            }
        }
        Optional<ColumnInfo> first = columnNamed(t, List.of("first", "name"));
        Optional<ColumnInfo> last = columnNamed(t, List.of("last", "name"));
        if (first.isPresent() && last.isPresent()) {
            return List.of(first.get(), last.get());
        }
        for (String wanted : List.of("email", "code", "sku")) {
            for (ColumnInfo c : t.columns()) {
                if (Text.identifierWords(c.name()).contains(wanted) && isText(c)) {
                    return List.of(c);
                }
            }
        }
        List<ColumnInfo> key =
                t.primaryKey().stream().map(t::column).flatMap(Optional::stream).toList();
        return key.isEmpty() ? List.of(t.columns().getFirst()) : key;
    }

    /**
     * The numeric column that the given nouns name, best first ({@code revenue} → {@code
     * line_total}, {@code total_amount}, ...), over all tables.
     */
    List<ColumnTarget> numericColumnsFor(List<String> columnWords) {
        List<ColumnTarget> exact = new ArrayList<>();
        List<ColumnTarget> suffix = new ArrayList<>();
        List<ColumnTarget> contains = new ArrayList<>();
        List<ColumnTarget> modified = new ArrayList<>();
        for (String wanted : columnWords) {
            String joinedWanted = String.join("_", Text.identifierWords(wanted));
            for (TableInfo t : snapshot.tables()) {
                for (ColumnInfo c : t.columns()) {
                    if (!isNumeric(c) || isKey(t, c) || !inScope(t)) {
                        continue;
                    }
                    List<String> words = Text.identifierWords(c.name());
                    String joined = String.join("_", words);
                    List<ColumnTarget> tier = joined.equals(joinedWanted)
                            ? exact
                            : joined.endsWith("_" + joinedWanted)
                                    ? suffix
                                    : joined.contains(joinedWanted)
                                                    || Text.stems(words).contains(Stemmer.singular(joinedWanted))
                                            ? contains
                                            : null;
                    if (tier != null && words.stream().anyMatch(MODIFIERS::contains)) {
                        tier = modified;
                    }
                    ColumnTarget target = new ColumnTarget(t, c);
                    if (tier != null && !tier.contains(target)) {
                        tier.add(target);
                    }
                }
            }
        }
        List<ColumnTarget> out = new ArrayList<>();
        for (List<ColumnTarget> tier : List.of(exact, suffix, contains, modified)) {
            tier.stream().filter(c -> !out.contains(c)).forEach(out::add);
        }
        return out;
    }

    /** The amount a table's rows carry, for "orders over 100" or "largest order". */
    Optional<ColumnInfo> defaultAmountColumn(TableInfo t) {
        for (String wanted : List.of(
                "amount", "total", "revenue", "sales", "value", "price", "cost", "balance", "quantity", "salary")) {
            for (ColumnInfo c : t.columns()) {
                List<String> words = Text.identifierWords(c.name());
                if (isNumeric(c)
                        && !isKey(t, c)
                        && words.contains(wanted)
                        && words.stream().noneMatch(MODIFIERS::contains)) {
                    return Optional.of(c);
                }
            }
        }
        return t.columns().stream().filter(c -> isNumeric(c) && !isKey(t, c)).findFirst();
    }

    Optional<ColumnInfo> priceColumn(TableInfo t) {
        for (String wanted : Vocabulary.MEASURE_NOUNS.get("price")) {
            for (ColumnInfo c : t.columns()) {
                if (isNumeric(c)
                        && String.join("_", Text.identifierWords(c.name())).contains(wanted)) {
                    return Optional.of(c);
                }
            }
        }
        return defaultAmountColumn(t);
    }

    // --- tables by name ---

    /** A plan's table name ({@code schema.table} or {@code table}) to the table. */
    public Optional<TableInfo> table(String planName) {
        if (planName == null) {
            return Optional.empty();
        }
        int dot = planName.lastIndexOf('.');
        Optional<TableInfo> qualified =
                dot > 0 ? snapshot.table(planName.substring(0, dot), planName.substring(dot + 1)) : Optional.empty();
        return qualified.isPresent() ? qualified : snapshot.table(null, planName);
    }

    // --- join graph ---

    private void buildGraph() {
        Set<String> declared = new HashSet<>();
        for (TableInfo t : snapshot.tables()) {
            for (ForeignKey fk : t.foreignKeys()) {
                referencedTable(t, fk).ifPresent(r -> {
                    link(new Edge(t, fk.columns(), r, fk.refColumns(), true, fk.inferred() ? role(fk, r) : List.of()));
                    if (fk.refColumns().size() == 1) {
                        referencedColumns
                                .computeIfAbsent(r, x -> new HashSet<>())
                                .add(fk.refColumns().getFirst().toLowerCase(Locale.ROOT));
                    }
                });
                fk.columns().forEach(col -> declared.add(t.qualifiedName() + "." + col.toLowerCase(Locale.ROOT)));
            }
        }
        for (TableInfo t : snapshot.tables()) {
            for (ColumnInfo c : t.columns()) {
                if (declared.contains(t.qualifiedName() + "." + c.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                inferredTarget(t, c).ifPresent(edge -> link(edge));
            }
        }
    }

    /** The role words of a single-column reference ({@link #roleWords}); empty for any other. */
    private static List<String> role(ForeignKey fk, TableInfo r) {
        return fk.columns().size() == 1 ? roleWords(fk.columns().getFirst(), r) : List.of();
    }

    /**
     * The words before the last of a column named {@code <role>_<table>} for a table of one word
     * ({@code stop_airport} for {@code airport} → {@code stop}, {@code fare_airline} for {@code
     * airline} → {@code fare}), the last compared in the singular; empty for any other name.
     */
    public static List<String> roleWords(String column, TableInfo table) {
        List<String> words = Text.identifierWords(column);
        List<String> name = Text.stems(Text.identifierWords(table.name()));
        if (words.size() < 2
                || name.size() != 1
                || !Stemmer.singular(words.getLast()).equals(name.getFirst())) {
            return List.of();
        }
        return List.copyOf(words.subList(0, words.size() - 1));
    }

    /**
     * {@code orders.customer_id} → {@code customers.customer_id} (or {@code customers.id}) in the
     * same schema; a table's own key points nowhere.
     */
    private Optional<Edge> inferredTarget(TableInfo t, ColumnInfo c) {
        List<String> words = Text.identifierWords(c.name());
        if (words.size() < 2 || !words.getLast().equals("id")) {
            return Optional.empty();
        }
        List<String> entity = Text.stems(words.subList(0, words.size() - 1));
        if (entity.equals(Text.stems(Text.identifierWords(t.name())))) {
            return Optional.empty();
        }
        for (TableInfo r : snapshot.tables()) {
            if (r == t
                    || !schemaKey(r).equals(schemaKey(t))
                    || !Text.stems(Text.identifierWords(r.name())).equals(entity)) {
                continue;
            }
            Optional<ColumnInfo> refColumn = r.column(c.name())
                    .or(() ->
                            r.primaryKey().size() == 1 ? r.column(r.primaryKey().getFirst()) : r.column("id"));
            if (refColumn.isPresent()) {
                return Optional.of(new Edge(
                        t, List.of(c.name()), r, List.of(refColumn.get().name()), true));
            }
        }
        return Optional.empty();
    }

    private void link(Edge edge) {
        graph.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge);
        graph.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge.reversed());
    }

    /** What one join step costs in {@link #path}. */
    private static final int STEP = 2;

    /**
     * What a path pays on top of its steps for climbing to a row two tables both point at and coming
     * down again ({@code flight → airline ← fare}: every fare of the flight's airline): one and a half
     * steps, so that a path through a link table of the same length or one step longer ({@code flight ←
     * flight_fare → fare}) is taken instead; a path two steps longer is not.
     */
    private static final int SIBLING_TURN = 3;

    /** A path under way in {@link #path}: where it is, whether its last step climbed to a referenced row. */
    private record Step(TableInfo table, boolean up, int cost, long order, Step previous, Edge via) {
        boolean passes(TableInfo t) {
            for (Step s = this; s != null; s = s.previous) {
                if (s.table == t) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Cheapest join path from any table of {@code from} to {@code to}: fewest steps, a step down from
     * a row that two sides share counting extra ({@link #SIBLING_TURN}); among equals, the one found
     * first. Empty when already there; null when unreachable.
     */
    List<Edge> path(Collection<TableInfo> from, TableInfo to) {
        return path(from, to, true);
    }

    /**
     * The steps of a path {@link #path} refuses only for a role the question does not say ({@link
     * #saying}): the references whose role is missing; empty when there is no such path.
     */
    List<Edge> unsaidRoles(Collection<TableInfo> from, TableInfo to) {
        List<Edge> any = path(from, to, false);
        return any == null
                ? List.of()
                : any.stream().filter(e -> !usable(e, from)).toList();
    }

    private List<Edge> path(Collection<TableInfo> from, TableInfo to, boolean onlyUsable) {
        if (from.contains(to)) {
            return List.of();
        }
        PriorityQueue<Step> queue =
                new PriorityQueue<>(Comparator.comparingInt(Step::cost).thenComparingLong(Step::order));
        long order = 0;
        for (TableInfo t : from) {
            queue.add(new Step(t, false, 0, order++, null, null));
        }
        Map<TableInfo, Set<Boolean>> settled = new IdentityHashMap<>();
        while (!queue.isEmpty()) {
            Step s = queue.poll();
            if (!settled.computeIfAbsent(s.table(), k -> new HashSet<>()).add(s.up())) {
                continue;
            }
            if (s.table().equals(to)) {
                List<Edge> path = new ArrayList<>();
                for (Step step = s; step.via() != null; step = step.previous()) {
                    path.addFirst(step.via());
                }
                return path;
            }
            for (Edge e : graph.getOrDefault(s.table(), List.of())) {
                if (from.contains(e.to()) || s.passes(e.to()) || (onlyUsable && !usable(e, from))) {
                    continue;
                }
                int cost = s.cost() + STEP + (s.up() && !e.toOne() ? SIBLING_TURN : 0);
                queue.add(new Step(e.to(), e.toOne(), cost, order++, s, e));
            }
        }
        return null;
    }

    /** Join steps between two tables; {@link Integer#MAX_VALUE} when they do not connect. */
    int distance(TableInfo a, TableInfo b) {
        List<Edge> p = path(List.of(a), b);
        return p == null ? Integer.MAX_VALUE : p.size();
    }

    /**
     * Whether joining {@code from} to any of {@code others} can repeat its rows: the path follows
     * a foreign key backwards (one customer, many orders).
     */
    boolean fansOut(TableInfo from, Collection<TableInfo> others) {
        for (TableInfo t : others) {
            List<Edge> p = path(List.of(from), t);
            if (p != null && p.stream().anyMatch(e -> !e.toOne())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one column that identifies a row of {@code t}: its single-column primary key, else — for a
     * table that declares none, as many SQLite and warehouse schemas do — the one column every foreign
     * key into it references (declared, or inferred from the data, which checked it unique). Empty for
     * a composite key, or when nothing or several columns are referenced.
     */
    public Optional<ColumnInfo> key(TableInfo t) {
        if (!t.primaryKey().isEmpty()) {
            return t.primaryKey().size() == 1 ? t.column(t.primaryKey().getFirst()) : Optional.empty();
        }
        Set<String> referenced = referencedColumns.getOrDefault(t, Set.of());
        return referenced.size() == 1 ? t.column(referenced.iterator().next()) : Optional.empty();
    }

    /**
     * Whether a column names the rows of {@code t}: {@code t}'s key, or a column whose foreign key
     * references that key ({@code wallet_transactions.coupon_id} names coupons).
     */
    boolean identifies(ColumnTarget c, TableInfo t) {
        Optional<ColumnInfo> key = key(t);
        if (key.isEmpty()) {
            return false;
        }
        if (c.table().equals(t)) {
            return c.column().equals(key.get());
        }
        return graph.getOrDefault(c.table(), List.of()).stream()
                .anyMatch(e -> e.toOne()
                        && e.to().equals(t)
                        && e.fromColumns().equals(List.of(c.column().name()))
                        && e.toColumns().equals(List.of(key.get().name())));
    }

    /** The table a foreign key of {@code from} references: in the key's schema, else its own, else by name alone. */
    private Optional<TableInfo> referencedTable(TableInfo from, ForeignKey fk) {
        String refSchema = fk.refSchema() != null ? fk.refSchema() : from.schema();
        return snapshot.table(refSchema, fk.refTable()).or(() -> snapshot.table(null, fk.refTable()));
    }

    /** A table whose rows point at other tables: events and lines rather than things. */
    boolean isFact(TableInfo t) {
        return graph.getOrDefault(t, List.of()).stream().anyMatch(Edge::toOne);
    }

    /** Tables whose rows point at {@code t}'s (orders → customers): what its rows can be counted by. */
    List<TableInfo> referencing(TableInfo t) {
        return graph.getOrDefault(t, List.of()).stream()
                .filter(e -> !e.toOne())
                .map(Edge::to)
                .filter(x -> !x.equals(t))
                .distinct()
                .toList();
    }

    /** Tables directly joined to {@code t}. */
    List<TableInfo> neighbours(TableInfo t) {
        return graph.getOrDefault(t, List.of()).stream()
                .map(Edge::to)
                .distinct()
                .toList();
    }
}
