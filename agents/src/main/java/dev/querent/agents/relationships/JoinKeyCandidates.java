package dev.querent.agents.relationships;

import dev.querent.agents.InferredRelationship;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.semantics.NamePrefixes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proposes join keys a schema does not declare, from names and types alone (the data decides later,
 * in {@link RelationshipInference}). Three rules, all between base tables of one schema whose column
 * types are compatible (numbers with numbers, text with text; booleans, binaries and dates never):
 *
 * <ul>
 *   <li>{@link Rule#SAME_NAME}: a key-like column name that two tables share — a qualified
 *       identifier such as {@code customer_id}, {@code state_code}, {@code city_name}, or one word
 *       ending in {@code id} such as {@code authorid} or {@code aid}. A bare {@code id}, {@code name}
 *       or {@code code} is every table's own and never pairs. Both directions are proposed; the data
 *       decides which side is unique.
 *   <li>{@link Rule#TABLE_KEY}: a column named after another table plus {@code id}
 *       ({@code restaurant_id}, {@code pre_course_id}, {@code citingpaperid}), or after the table alone
 *       ({@code course_offering.semester}), to that table's key:
 *       its single-column primary key, else its {@code id} column, else its {@code <table>_id}.
 *   <li>{@link Rule#PREFIXED_KEY}: where every name of the schema carries one prefix
 *       ({@code sbCustomer.sbCustId}, {@code sbTransaction.sbTxCustId}), a column that without its
 *       table's prefix is another table's key without the schema's ("custid").
 *   <li>{@link Rule#ROLE_KEY}: a column named for the part a row of another table plays
 *       ({@code fare.fare_airline}, {@code flight_stop.stop_airport}): a text column of two words or
 *       more, the last another table's name in the singular, to each column that table owns by name
 *       ({@code airline.airline_code}, {@code airline.airline_name}; the data decides). Where one
 *       table has two such columns for the same table ({@code flight.from_airport},
 *       {@code flight.to_airport}) none is proposed: a name cannot say which of the two a question
 *       means, so an administrator adds the one wanted.
 * </ul>
 *
 * Pairs that a declared foreign key already covers are skipped, and so are columns that a declared
 * foreign key already uses to reference something. On a large schema a name shared by
 * more than {@link #MAX_SHARED_BY} tables only pairs with the tables that own it (see
 * {@link #ownsName}), so the number of candidates stays linear in the number of columns.
 */
public final class JoinKeyCandidates {
    /** Beyond this many tables sharing one column name, only pairs towards owners are proposed. */
    static final int MAX_SHARED_BY = 20;

    /** A prefixed key must say whose it is: "custid", not "id". */
    private static final int MIN_PREFIXED_KEY = 4;

    private static final Set<String> KEY_WORDS = Set.of("id", "code", "key", "name", "no", "num", "number", "uuid");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

    /** Which naming rule proposed a pair. */
    public enum Rule {
        SAME_NAME,
        TABLE_KEY,
        PREFIXED_KEY,
        ROLE_KEY
    }

    /** {@code from.fromColumn} may hold values of {@code to.toColumn}. */
    public record Candidate(TableInfo from, ColumnInfo fromColumn, TableInfo to, ColumnInfo toColumn, Rule rule) {
        public String key() {
            return InferredRelationship.key(
                    from.schema(), from.name(), fromColumn.name(), to.schema(), to.name(), toColumn.name());
        }

        @Override
        public String toString() {
            return from.qualifiedName() + "." + fromColumn.name() + " -> " + to.qualifiedName() + "." + toColumn.name()
                    + " (" + rule + ")";
        }
    }

    private JoinKeyCandidates() {}

    /** Every candidate of {@code schema}, in a stable order: table-key pairs first, then shared names. */
    public static List<Candidate> of(SchemaSnapshot schema) {
        List<TableInfo> tables = schema.tables().stream()
                .filter(t -> t.kind() == TableKind.TABLE)
                .toList();
        Set<String> declared = declaredPairs(schema);
        Set<String> referencing = declaredReferencingColumns(schema);
        Map<String, Candidate> out = new LinkedHashMap<>();
        List<Candidate> all = new ArrayList<>(tableKeyPairs(tables));
        all.addAll(prefixedKeyPairs(tables));
        all.addAll(roleKeyPairs(tables));
        all.addAll(sameNamePairs(tables));
        for (Candidate c : all) {
            // A column that already references another table through a declared key needs no
            // inferred one, and is no key others could reference.
            if (!declared.contains(pairKey(c))
                    && !referencing.contains(columnKey(c.from(), c.fromColumn().name()))
                    && !referencing.contains(columnKey(c.to(), c.toColumn().name()))) {
                out.putIfAbsent(c.key(), c);
            }
        }
        return List.copyOf(out.values());
    }

    private static Set<String> declaredReferencingColumns(SchemaSnapshot schema) {
        Set<String> out = new HashSet<>();
        for (TableInfo t : schema.tables()) {
            for (ForeignKey fk : t.foreignKeys()) {
                if (!fk.inferred()) {
                    fk.columns().forEach(c -> out.add(columnKey(t, c)));
                }
            }
        }
        return out;
    }

    private static String columnKey(TableInfo t, String column) {
        return (t.qualifiedName() + "." + column).toLowerCase(Locale.ROOT);
    }

    private static List<Candidate> sameNamePairs(List<TableInfo> tables) {
        Map<String, List<Hit>> byName = new LinkedHashMap<>();
        for (TableInfo t : tables) {
            for (ColumnInfo c : t.columns()) {
                if (keyLike(c.name(), tables) && keyType(c.type())) {
                    byName.computeIfAbsent(c.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(new Hit(t, c));
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        byName.values().forEach(hits -> {
            if (hits.size() < 2) {
                return;
            }
            boolean crowded = hits.size() > MAX_SHARED_BY;
            for (Hit to : hits) {
                if (crowded && !ownsName(to.table(), to.column().name())) {
                    continue;
                }
                for (Hit from : hits) {
                    if (from.table() != to.table()
                            && sameSchema(from.table(), to.table())
                            && compatible(from.column().type(), to.column().type())) {
                        out.add(new Candidate(from.table(), from.column(), to.table(), to.column(), Rule.SAME_NAME));
                    }
                }
            }
        });
        return out;
    }

    private static List<Candidate> tableKeyPairs(List<TableInfo> tables) {
        Map<String, List<TableInfo>> byEntity = new LinkedHashMap<>();
        for (TableInfo t : tables) {
            String entity = String.join("", singular(words(t.name())));
            if (entity.length() >= 3) {
                byEntity.computeIfAbsent(entity, k -> new ArrayList<>()).add(t);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (TableInfo from : tables) {
            for (ColumnInfo c : from.columns()) {
                if (!keyType(c.type())) {
                    continue;
                }
                String withId = referencedEntity(c.name());
                String bare = withId == null ? bareEntity(c.name()) : null;
                if (withId == null && bare == null) {
                    continue;
                }
                byEntity.forEach((entity, targets) -> {
                    if (withId != null ? !withId.endsWith(entity) : !bare.equals(entity)) {
                        return;
                    }
                    for (TableInfo to : targets) {
                        if (to == from || !sameSchema(from, to)) {
                            continue;
                        }
                        tableKey(to)
                                .filter(k -> compatible(c.type(), k.type()))
                                .ifPresent(k -> out.add(new Candidate(from, c, to, k, Rule.TABLE_KEY)));
                    }
                });
            }
        }
        return out;
    }

    /**
     * In a schema whose every name carries one prefix ({@link NamePrefixes}): a column that, without
     * its table's prefix, is another table's key without the schema's ({@code sbTransaction.sbTxCustId}
     * → {@code sbCustomer.sbCustId}, both "custid"). Only keys of two words or more ending in {@code id}.
     */
    private static List<Candidate> prefixedKeyPairs(List<TableInfo> tables) {
        NamePrefixes prefixes = NamePrefixes.of(tables);
        if (prefixes.schemaPrefix().isEmpty()) {
            return List.of();
        }
        Map<String, List<Hit>> keys = new LinkedHashMap<>();
        for (TableInfo t : tables) {
            tableKey(t).ifPresent(k -> {
                String name = String.join("", words(prefixes.withoutSchemaPrefix(k.name())));
                if (name.length() >= MIN_PREFIXED_KEY && name.endsWith("id")) {
                    keys.computeIfAbsent(name, n -> new ArrayList<>()).add(new Hit(t, k));
                }
            });
        }
        List<Candidate> out = new ArrayList<>();
        for (TableInfo from : tables) {
            for (ColumnInfo c : from.columns()) {
                String name = String.join("", words(prefixes.columnName(from, c)));
                for (Hit to : keys.getOrDefault(name, List.of())) {
                    if (to.table() != from
                            && sameSchema(from, to.table())
                            && keyType(c.type())
                            && compatible(c.type(), to.column().type())) {
                        out.add(new Candidate(from, c, to.table(), to.column(), Rule.PREFIXED_KEY));
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@link Rule#ROLE_KEY}: {@code fare.fare_airline} → {@code airline.airline_code}. The role's words
     * come first and the table's name last, in the singular; a name ending in a key word
     * ({@code airport_code}) or in {@code id} is left to the other rules, and a table with two role
     * columns for one table proposes neither. Text columns only: a number such as a price or a count
     * ({@code ground_fare}, {@code num_semesters}) falls inside another table's run of numeric keys by
     * chance, which no containment check tells from a reference.
     */
    private static List<Candidate> roleKeyPairs(List<TableInfo> tables) {
        Map<String, TableInfo> byEntity = new LinkedHashMap<>();
        for (TableInfo t : tables) {
            List<String> name = words(t.name());
            if (name.size() == 1 && name.getFirst().length() >= 3) {
                byEntity.putIfAbsent(String.join("", singular(name)), t);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (TableInfo from : tables) {
            Map<TableInfo, List<ColumnInfo>> roles = new LinkedHashMap<>();
            for (ColumnInfo c : from.columns()) {
                List<String> w = words(c.name());
                String last = w.getLast();
                if (w.size() < 2
                        || KEY_WORDS.contains(last)
                        || last.endsWith("id")
                        || !singular(List.of(last)).getFirst().equals(last)
                        || family(c.type()) != TypeFamily.TEXT) {
                    continue;
                }
                TableInfo to = byEntity.get(last);
                if (to != null && to != from && sameSchema(from, to)) {
                    roles.computeIfAbsent(to, k -> new ArrayList<>()).add(c);
                }
            }
            roles.forEach((to, columns) -> {
                if (columns.size() != 1) {
                    return;
                }
                ColumnInfo c = columns.getFirst();
                for (ColumnInfo key : ownedKeys(to)) {
                    if (compatible(c.type(), key.type())) {
                        out.add(new Candidate(from, c, to, key, Rule.ROLE_KEY));
                    }
                }
            });
        }
        return out;
    }

    /** A table's own key ({@link #tableKey}), else the columns it owns by name ({@code airport_code}). */
    private static List<ColumnInfo> ownedKeys(TableInfo t) {
        Optional<ColumnInfo> key = tableKey(t);
        if (key.isPresent()) {
            return List.of(key.get());
        }
        return t.columns().stream()
                .filter(c -> words(c.name()).size() >= 2 && ownsName(t, c.name()))
                .toList();
    }

    /**
     * The entity a column names as {@code <entity>_id} / {@code <entity>id}, as one lower-case word
     * ({@code pre_course_id} → {@code precourse}); {@code null} for anything else.
     */
    static String referencedEntity(String column) {
        List<String> w = words(column);
        if (w.size() >= 2 && w.getLast().equals("id")) {
            return String.join("", singular(w.subList(0, w.size() - 1)));
        }
        if (w.size() == 1 && w.getFirst().length() > 2 && w.getFirst().endsWith("id")) {
            return w.getFirst().substring(0, w.getFirst().length() - 2);
        }
        return null;
    }

    /**
     * The entity a column names by the table's name alone ({@code course_offering.semester} →
     * {@code semester}): one word of four letters or more; {@code null} for anything else. The data
     * decides whether its values are the table's keys.
     */
    static String bareEntity(String column) {
        List<String> w = words(column);
        return w.size() == 1 && w.getFirst().length() >= 4 ? String.join("", singular(w)) : null;
    }

    /** A table's own key: single-column primary key, else {@code id}, else {@code <table>_id}. */
    static Optional<ColumnInfo> tableKey(TableInfo t) {
        if (t.primaryKey().size() == 1) {
            return t.column(t.primaryKey().getFirst());
        }
        if (!t.primaryKey().isEmpty()) {
            return Optional.empty();
        }
        Optional<ColumnInfo> id = t.column("id");
        if (id.isPresent()) {
            return id;
        }
        String own = String.join("", singular(words(t.name()))) + "id";
        return t.columns().stream()
                .filter(c -> String.join("", words(c.name())).equals(own))
                .findFirst();
    }

    /**
     * Whether a column name can be a join key shared by two tables: two or more words ending in a
     * key word ({@code customer_id}, {@code state_code}, {@code city_name}), or one word ending in
     * {@code id} whose stem is a short abbreviation ({@code aid}) or some table's name
     * ({@code authorid}).
     */
    static boolean keyLike(String column, List<TableInfo> tables) {
        List<String> w = words(column);
        if (w.size() >= 2) {
            return KEY_WORDS.contains(w.getLast());
        }
        if (w.size() != 1 || w.getFirst().length() < 3 || !w.getFirst().endsWith("id")) {
            return false;
        }
        String stem = w.getFirst().substring(0, w.getFirst().length() - 2);
        return stem.length() <= 3
                || tables.stream().anyMatch(t -> String.join("", singular(words(t.name())))
                        .equals(stem));
    }

    /**
     * Whether {@code column} is {@code table}'s own key by its name: the table's declared
     * single-column primary key, {@code id}, the table's name (singular) plus a key word
     * ({@code users.user_id}, {@code state.state_name}, {@code paper.paperid}), or the initials of
     * the table's name plus {@code id} ({@code author.aid}, {@code organization.oid}).
     */
    public static boolean ownsName(TableInfo table, String column) {
        if (table.primaryKey().size() == 1 && table.primaryKey().getFirst().equalsIgnoreCase(column)) {
            return true;
        }
        List<String> w = words(column);
        if (w.equals(List.of("id"))) {
            return true;
        }
        List<String> tableWords = singular(words(table.name()));
        String entity = String.join("", tableWords);
        if (w.size() >= 2 && KEY_WORDS.contains(w.getLast())) {
            return String.join("", singular(w.subList(0, w.size() - 1))).equals(entity);
        }
        if (w.size() == 1 && w.getFirst().endsWith("id")) {
            String stem = w.getFirst().substring(0, w.getFirst().length() - 2);
            StringBuilder initials = new StringBuilder();
            tableWords.forEach(tw -> initials.append(tw.charAt(0)));
            return stem.equals(entity) || (!stem.isEmpty() && stem.contentEquals(initials));
        }
        return false;
    }

    /** Lower-case words of an identifier: {@code paperId}, {@code paper_id}, {@code "Paper Id"} → paper, id. */
    static List<String> words(String identifier) {
        List<String> out = new ArrayList<>();
        for (String part : SEPARATORS.split(identifier)) {
            for (String w : CAMEL.split(part)) {
                if (!w.isEmpty()) {
                    out.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    static List<String> singular(List<String> words) {
        if (words.isEmpty()) {
            return words;
        }
        List<String> out = new ArrayList<>(words);
        String last = out.getLast();
        if (last.length() > 4 && last.endsWith("ies")) {
            last = last.substring(0, last.length() - 3) + "y";
        } else if (last.length() > 3 && last.endsWith("s") && !last.endsWith("ss") && !last.endsWith("us")) {
            last = last.substring(0, last.length() - 1);
        }
        out.set(out.size() - 1, last);
        return out;
    }

    enum TypeFamily {
        NUMBER,
        TEXT,
        UNKNOWN,
        NEVER
    }

    static TypeFamily family(String type) {
        if (type == null || type.isBlank()) {
            return TypeFamily.UNKNOWN;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("bool")
                || t.contains("blob")
                || t.contains("bytea")
                || t.contains("binary")
                || t.contains("date")
                || t.contains("time")
                || t.contains("json")
                || t.contains("[]")
                || t.contains("array")
                || t.contains("float")
                || t.contains("double")
                || t.contains("real")) {
            return TypeFamily.NEVER;
        }
        if (t.contains("int")
                || t.contains("serial")
                || t.contains("numeric")
                || t.contains("decimal")
                || t.contains("number")) {
            return TypeFamily.NUMBER;
        }
        if (t.contains("char")
                || t.contains("text")
                || t.contains("string")
                || t.contains("uuid")
                || t.contains("clob")) {
            return TypeFamily.TEXT;
        }
        return TypeFamily.UNKNOWN;
    }

    static boolean keyType(String type) {
        return family(type) != TypeFamily.NEVER;
    }

    static boolean compatible(String a, String b) {
        TypeFamily fa = family(a);
        TypeFamily fb = family(b);
        if (fa == TypeFamily.NEVER || fb == TypeFamily.NEVER) {
            return false;
        }
        return fa == fb || fa == TypeFamily.UNKNOWN || fb == TypeFamily.UNKNOWN;
    }

    private static boolean sameSchema(TableInfo a, TableInfo b) {
        return Objects.equals(lower(a.schema()), lower(b.schema()));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Declared foreign keys as unordered column pairs: a candidate on either side of one is not new. */
    private static Set<String> declaredPairs(SchemaSnapshot schema) {
        Set<String> out = new HashSet<>();
        for (TableInfo t : schema.tables()) {
            for (ForeignKey fk : t.foreignKeys()) {
                if (fk.inferred() || fk.columns().size() != 1) {
                    continue;
                }
                String from = t.name() + "." + fk.columns().getFirst();
                String to = fk.refTable() + "." + fk.refColumns().getFirst();
                out.add(unordered(from, to));
            }
        }
        return out;
    }

    private static String pairKey(Candidate c) {
        return unordered(
                c.from().name() + "." + c.fromColumn().name(),
                c.to().name() + "." + c.toColumn().name());
    }

    private static String unordered(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.compareTo(y) <= 0 ? x + "\u0000" + y : y + "\u0000" + x;
    }

    private record Hit(TableInfo table, ColumnInfo column) {}
}
