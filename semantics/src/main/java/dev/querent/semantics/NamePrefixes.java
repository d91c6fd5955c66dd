package dev.querent.semantics;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names written with a prefix that says nothing about what they hold, as some schemas do for every
 * table and column: {@code sbCustomer}, {@code sbTransaction}, their columns {@code sbCustName},
 * {@code sbTxAmount}. Read without it, {@code sbCustomer} is "customer" and {@code sbCustName} its
 * "name".
 *
 * <p>A schema prefix is recognised only with evidence: two to four letters that begin every table
 * name and every column name of the schema (two tables at least). Only then is each table's own
 * column prefix stripped too — the longest start its columns (three at least) share, such as {@code
 * sbcust} or {@code sbtx}. Any other schema is read exactly as named.
 */
public final class NamePrefixes {
    private static final int MIN_TABLES = 2;
    private static final int MIN_COLUMNS = 3;
    private static final int MIN_PREFIX = 2;
    private static final int MAX_PREFIX = 4;
    /** What a table's name must keep after its prefix. */
    private static final int MIN_TABLE_REST = 3;
    /** What a column's name must keep after its table's prefix. */
    private static final int MIN_COLUMN_REST = 2;

    private static final NamePrefixes NONE = new NamePrefixes("", Map.of());

    private final String schemaPrefix;
    private final Map<TableInfo, String> columnPrefixes;

    private NamePrefixes(String schemaPrefix, Map<TableInfo, String> columnPrefixes) {
        this.schemaPrefix = schemaPrefix;
        this.columnPrefixes = columnPrefixes;
    }

    /** The prefixes of these tables' names; none when they show no shared prefix. */
    public static NamePrefixes of(Collection<TableInfo> tables) {
        if (tables.size() < MIN_TABLES) {
            return NONE;
        }
        String shared = null;
        for (TableInfo t : tables) {
            String name = lower(t.name());
            shared = shared == null ? name : commonStart(shared, name);
        }
        for (int length = Math.min(MAX_PREFIX, shared.length()); length >= MIN_PREFIX; length--) {
            String prefix = shared.substring(0, length);
            if (prefix.chars().allMatch(Character::isLetter) && beginsEverything(prefix, tables)) {
                Map<TableInfo, String> columns = new IdentityHashMap<>();
                tables.forEach(t -> columns.put(t, columnPrefix(prefix, t)));
                return new NamePrefixes(prefix, columns);
            }
        }
        return NONE;
    }

    /** The schema's prefix in lower case; empty when there is none. */
    public String schemaPrefix() {
        return schemaPrefix;
    }

    /** The table's name without the schema's prefix ({@code sbCustomer} → {@code Customer}). */
    public String tableName(TableInfo t) {
        return strip(t.name(), schemaPrefix);
    }

    /** The column's name without its table's prefix ({@code sbCustName} → {@code Name}). */
    public String columnName(TableInfo t, ColumnInfo c) {
        return strip(c.name(), columnPrefixes.getOrDefault(t, schemaPrefix));
    }

    /** The column's name without the schema's prefix only ({@code sbCustId} → {@code CustId}). */
    public String withoutSchemaPrefix(String name) {
        return strip(name, schemaPrefix);
    }

    private static boolean beginsEverything(String prefix, Collection<TableInfo> tables) {
        for (TableInfo t : tables) {
            if (!lower(t.name()).startsWith(prefix) || rest(t.name(), prefix) < MIN_TABLE_REST) {
                return false;
            }
            for (ColumnInfo c : t.columns()) {
                if (!lower(c.name()).startsWith(prefix) || rest(c.name(), prefix) < MIN_COLUMN_REST) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The longest start the table's columns share that leaves each column a name; at least the schema's. */
    private static String columnPrefix(String schemaPrefix, TableInfo t) {
        List<ColumnInfo> columns = t.columns();
        if (columns.size() < MIN_COLUMNS) {
            return schemaPrefix;
        }
        String shared = null;
        for (ColumnInfo c : columns) {
            shared = shared == null ? lower(c.name()) : commonStart(shared, lower(c.name()));
        }
        int length = shared.length();
        for (ColumnInfo c : columns) {
            length = Math.min(length, c.name().length() - MIN_COLUMN_REST);
        }
        return length > schemaPrefix.length() ? shared.substring(0, length) : schemaPrefix;
    }

    private static String strip(String name, String prefix) {
        if (prefix.isEmpty() || !lower(name).startsWith(prefix)) {
            return name;
        }
        String rest = name.substring(prefix.length());
        int i = 0;
        while (i < rest.length() && !Character.isLetterOrDigit(rest.charAt(i))) {
            i++;
        }
        return rest.length() - i >= MIN_COLUMN_REST ? rest.substring(i) : name;
    }

    /** How much of the name is left without the prefix; 0 when it does not carry it. */
    private static int rest(String name, String prefix) {
        String stripped = strip(name, prefix);
        return stripped.equals(name) ? 0 : stripped.length();
    }

    private static String commonStart(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
