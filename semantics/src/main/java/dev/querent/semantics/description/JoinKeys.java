package dev.querent.semantics.description;

import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether an equi-join pairs columns that look like a key and a reference to it. A join on the
 * wrong column (an order's customer_id against a customer's region_id) returns plausible-looking
 * rows that answer nothing; schemas rarely join that way on purpose.
 */
final class JoinKeys {
    private static final Set<String> KEY_SUFFIXES = Set.of("id", "code", "key", "no", "num", "number");

    private JoinKeys() {}

    /** True when the pair is a declared foreign key, shares a name, or is a reference to an identifying column. */
    static boolean plausible(TableInfo a, String columnA, TableInfo b, String columnB) {
        if (declared(a, columnA, b, columnB) || declared(b, columnB, a, columnA)) {
            return true;
        }
        if (withoutKeySuffix(normal(columnA)).equals(withoutKeySuffix(normal(columnB)))) {
            return true;
        }
        return (identifying(b, columnB) && refersTo(columnA, b)) || (identifying(a, columnA) && refersTo(columnB, a));
    }

    /**
     * Whether a column is named as a reference to the table: it names the table and is key-like
     * ({@code customer_id}) or ends with the table's name ({@code from_airport}).
     */
    static boolean refersTo(String column, TableInfo table) {
        if (!mentions(column, table)) {
            return false;
        }
        List<String> words = Words.split(column);
        if (keyLike(column)) {
            return true;
        }
        String last = words.isEmpty() ? "" : Stemmer.stem(words.getLast());
        return Words.split(table.name()).stream().map(Stemmer::stem).anyMatch(last::equals);
    }

    private static boolean keyLike(String column) {
        String c = normal(column);
        List<String> words = Words.split(column);
        return !words.isEmpty() && KEY_SUFFIXES.contains(words.getLast())
                || KEY_SUFFIXES.stream().anyMatch(c::endsWith);
    }

    private static boolean declared(TableInfo from, String column, TableInfo to, String refColumn) {
        for (ForeignKey fk : from.foreignKeys()) {
            if (fk.refTable() != null
                    && fk.refTable().equalsIgnoreCase(to.name())
                    && fk.columns().stream().anyMatch(column::equalsIgnoreCase)
                    && (fk.refColumns().isEmpty() || fk.refColumns().stream().anyMatch(refColumn::equalsIgnoreCase))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A column that identifies its table's rows: the primary key, {@code id}, the table's name with a
     * key suffix ({@code student_id}, {@code airport_code}, {@code paperid}), or the table's initial
     * with {@code id} ({@code aid} in {@code author}).
     */
    static boolean identifying(TableInfo table, String column) {
        String c = normal(column);
        if (table.primaryKey().stream().anyMatch(column::equalsIgnoreCase)
                || c.equals("id")
                || KEY_SUFFIXES.contains(c)) {
            return true;
        }
        if (!keyLike(column)) {
            return false;
        }
        String t = normal(Stemmer.singular(table.name()));
        return (!t.isEmpty() && c.equals(t.charAt(0) + "id")) || mentions(column, table);
    }

    /** Whether a column's name names the table ({@code customer_id} names {@code customers}). */
    static boolean mentions(String column, TableInfo table) {
        String c = normal(column);
        for (String w : Words.split(table.name())) {
            String stem = Stemmer.stem(w);
            if (stem.length() >= 3 && c.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    /** "cdscode" and "cds", "customerid" and "customer" name the same key. */
    private static String withoutKeySuffix(String normal) {
        for (String suffix : KEY_SUFFIXES) {
            if (normal.length() > suffix.length() + 1 && normal.endsWith(suffix)) {
                return normal.substring(0, normal.length() - suffix.length());
            }
        }
        return normal;
    }

    private static String normal(String name) {
        return Words.unquote(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
