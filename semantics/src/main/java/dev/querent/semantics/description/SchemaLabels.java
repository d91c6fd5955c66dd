package dev.querent.semantics.description;

import dev.querent.core.dialect.TypeFamily;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.NamePrefixes;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What the validator needs from an optional schema: labels for names, and words to link questions to. */
public final class SchemaLabels {
    /** Comments longer than this read badly inside a sentence, so the name is used instead. */
    static final int MAX_LABEL_WORDS = 4;

    static final int MAX_LABEL_CHARS = 40;

    private static final SchemaLabels EMPTY = new SchemaLabels(null);

    private final SchemaSnapshot schema;
    private final Set<String> tableStems = new HashSet<>();
    private final Set<String> columnStems = new HashSet<>();
    private final Set<String> quantityColumnStems = new HashSet<>();
    private final List<String> sampleValues;
    private final Map<String, Set<String>> sampleTables = new HashMap<>();
    private final Map<String, Set<String>> abbreviatedKeys = new HashMap<>();
    /** A prefix every name of the schema carries ({@code sbCustomer}), read without. */
    private final NamePrefixes prefixes;

    private SchemaLabels(SchemaSnapshot schema) {
        this.schema = schema;
        Set<String> samples = new TreeSet<>();
        this.prefixes = NamePrefixes.of(schema == null ? List.of() : schema.tables());
        if (schema != null) {
            for (TableInfo t : schema.tables()) {
                addStems(tableStems, t.name());
                // sbCustomer is a customer table, sbCustName its name.
                addStems(tableStems, prefixes.tableName(t));
                shortComment(t.comment()).ifPresent(c -> addStems(tableStems, c));
                for (ColumnInfo c : t.columns()) {
                    addStems(columnStems, c.name());
                    addStems(columnStems, prefixes.columnName(t, c));
                    if (abbreviatesKeyOf(c.name(), t.name())) {
                        abbreviatedKeys
                                .computeIfAbsent(c.name().toLowerCase(Locale.ROOT), k -> new TreeSet<>())
                                .add(t.name());
                    }
                    if (isQuantity(c)) {
                        // The head noun names what is counted: stops, total_credit, year_of_work; not pet_age.
                        quantityColumnStems.add(Stemmer.stem(headNoun(Words.split(c.name()))));
                    }
                    shortComment(c.comment()).ifPresent(cm -> addStems(columnStems, cm));
                    for (String v : c.sampleValues()) {
                        if (v != null && !v.isBlank()) {
                            String value = v.strip().toLowerCase(Locale.ROOT);
                            samples.add(value);
                            sampleTables
                                    .computeIfAbsent(value, k -> new TreeSet<>())
                                    .add(t.name());
                        }
                    }
                }
            }
        }
        // Longest first, so "new york city" links before "new york".
        List<String> ordered = new ArrayList<>(samples);
        ordered.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        this.sampleValues = List.copyOf(ordered);
    }

    /** Indexes of the schemas described lately, by identity: a snapshot is immutable and reused per source. */
    private static final int CACHED_SCHEMAS = 16;

    private static final Map<IdentityKey, SchemaLabels> CACHE =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<IdentityKey, SchemaLabels> eldest) {
                    return size() > CACHED_SCHEMAS;
                }
            });

    private record IdentityKey(SchemaSnapshot schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    /** The index of {@code schema}, built once per snapshot (the validator describes and scores with it). */
    public static SchemaLabels of(SchemaSnapshot schema) {
        return schema == null
                ? EMPTY
                : CACHE.computeIfAbsent(new IdentityKey(schema), k -> new SchemaLabels(k.schema()));
    }

    private static void addStems(Set<String> into, String text) {
        for (String w : Words.split(text)) {
            if (!Vocabulary.STOPWORDS.contains(w)) {
                into.add(Stemmer.stem(w));
            }
        }
    }

    boolean present() {
        return schema != null;
    }

    Optional<TableInfo> table(String schemaName, String name) {
        if (schema == null || name == null || name.isEmpty()) {
            return Optional.empty();
        }
        Optional<TableInfo> exact = schema.table(schemaName, name);
        return exact.isPresent() || schemaName == null ? exact : schema.table(null, name);
    }

    /** A comment short enough to stand in for a name, or empty. */
    static Optional<String> shortComment(String comment) {
        if (comment == null || comment.isBlank()) {
            return Optional.empty();
        }
        String c = comment.strip();
        if (c.length() > MAX_LABEL_CHARS
                || c.split("\\s+").length > MAX_LABEL_WORDS
                || c.chars().anyMatch(ch -> ".;:()[]".indexOf(ch) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(Words.decapitalise(c));
    }

    /** How a table is named in a description: its short comment, else its name without a shared prefix. */
    String tableLabel(String name, TableInfo table) {
        return table == null
                ? Words.humanise(name)
                : shortComment(table.comment()).orElse(Words.humanise(prefixes.tableName(table)));
    }

    /** A column's name as words, without its table's prefix (not its comment). */
    String columnWords(String name, TableInfo table) {
        return Words.humanise(
                table == null
                        ? name
                        : table.column(Words.unquote(name))
                                .map(c -> prefixes.columnName(table, c))
                                .orElse(name));
    }

    /** How a column is named in a description: its short comment, else its name without its table's prefix. */
    String columnLabel(String name, TableInfo table) {
        if (table == null) {
            return Words.humanise(name);
        }
        return table.column(Words.unquote(name))
                .flatMap(c -> shortComment(c.comment()))
                .orElseGet(() -> columnWords(name, table));
    }

    /** Identifier words: a key column holds no count however it is named. */
    private static final Set<String> KEY_WORDS = Set.of("id", "key", "code", "no", "nr");

    private static boolean isQuantity(ColumnInfo c) {
        // Only a column of a numeric type may hold a count.
        if (TypeFamily.of(c.type()) != TypeFamily.NUMERIC) {
            return false;
        }
        List<String> words = Words.split(c.name());
        String name = c.name().toLowerCase(Locale.ROOT);
        return !words.isEmpty() && !KEY_WORDS.contains(words.getLast()) && !name.endsWith("id");
    }

    /**
     * The word of a column name that says what it measures: the last ("total_credit"), the one
     * before "of" ("year_of_work"), or the last before a participle ("final_table_made").
     */
    static String headNoun(List<String> words) {
        int of = words.indexOf("of");
        if (of > 0) {
            return words.get(of - 1);
        }
        int last = words.size() - 1;
        while (last > 0 && Phrases.isParticiple(words.get(last))) {
            last--;
        }
        return words.get(last);
    }

    /**
     * Whether a numeric, non-key column has this stem as its last word (stops, total_credit): it may
     * hold a count of what the stem names.
     */
    public boolean isQuantityColumnStem(String stem) {
        return quantityColumnStems.contains(stem);
    }

    public boolean isTableStem(String stem) {
        return tableStems.contains(stem);
    }

    boolean isColumnStem(String stem) {
        return columnStems.contains(stem);
    }

    boolean isSchemaStem(String stem) {
        return tableStems.contains(stem) || columnStems.contains(stem);
    }

    private static final Pattern ABBREVIATED_KEY = Pattern.compile("(?i)([a-z]{1,4})id");

    /**
     * Whether a column is its table's key written as the table's initials and "id" ({@code cid} in
     * {@code conference}, {@code rid} in {@code review}, {@code pid} in {@code publication}) or as the
     * start of its name and "id" ({@code ContId} in {@code continents}).
     */
    static boolean abbreviatesKeyOf(String column, String table) {
        var m = ABBREVIATED_KEY.matcher(column);
        if (!m.matches()) {
            return false;
        }
        String prefix = m.group(1).toLowerCase(Locale.ROOT);
        List<String> words = Words.split(table);
        StringBuilder initials = new StringBuilder();
        words.forEach(w -> initials.append(w.charAt(0)));
        String name = String.join("", words);
        // "cid" for conference, "ContId" for continents; two letters ("paid") are too often a word.
        return prefix.contentEquals(initials) || (prefix.length() != 2 && name.startsWith(prefix));
    }

    /**
     * The tables whose key a column named like {@code cid} abbreviates, wherever it appears ({@code
     * publication.cid} refers to {@code conference}); empty for other names.
     */
    public Set<String> tablesKeyedBy(String column) {
        return abbreviatedKeys.getOrDefault(column.toLowerCase(Locale.ROOT), Set.of());
    }

    /** The names of the tables with a column that holds this lowercase sample value; empty if none. */
    public Set<String> tablesHolding(String value) {
        return sampleTables.getOrDefault(value, Set.of());
    }

    /** Lowercase sample values of all columns, longest first. */
    List<String> sampleValues() {
        return sampleValues;
    }
}
