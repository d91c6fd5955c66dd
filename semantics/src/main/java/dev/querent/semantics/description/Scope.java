package dev.querent.semantics.description;

import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.schema.Column;

/** The row sources of one SELECT, for resolving column qualifiers to tables. */
final class Scope {

    /**
     * One table, CTE or subquery in a FROM clause.
     *
     * @param label how the source reads in a sentence ("orders", "a subquery")
     * @param table the schema table, when known
     */
    record Source(String alias, String name, String label, TableInfo table) {
        /** The singular word(s) naming one row of this source, for qualifying column labels. */
        String rowNoun() {
            List<String> words = List.of(label.split(" "));
            return String.join(" ", words.subList(0, words.size() - 1))
                    + (words.size() > 1 ? " " : "")
                    + Stemmer.singular(words.getLast());
        }

        boolean matches(String qualifier) {
            String q = qualifier.toLowerCase(Locale.ROOT);
            return (alias != null && alias.toLowerCase(Locale.ROOT).equals(q))
                    || (name != null && name.toLowerCase(Locale.ROOT).equals(q));
        }
    }

    private final Scope parent;
    private final List<Source> sources = new ArrayList<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    Scope parent() {
        return parent;
    }

    void add(Source source) {
        sources.add(source);
    }

    List<Source> sources() {
        return sources;
    }

    boolean multiple() {
        return sources.size() > 1;
    }

    Source main() {
        return sources.isEmpty() ? null : sources.getFirst();
    }

    /**
     * The source a column belongs to, or null when it cannot be told (an unqualified column in a
     * join with no schema to say which table has it). Falls back to enclosing queries so correlated
     * subqueries resolve.
     */
    Source resolve(Column column) {
        String qualifier = column.getTable() == null
                ? null
                : Words.unquote(column.getTable().getName());
        String columnName = Words.unquote(column.getColumnName());
        for (Scope s = this; s != null; s = s.parent) {
            Source found = s.find(qualifier, columnName);
            if (found != null) {
                return found;
            }
        }
        return qualifier == null && sources.size() == 1 ? sources.getFirst() : null;
    }

    private Source find(String qualifier, String columnName) {
        if (qualifier != null && !qualifier.isEmpty()) {
            return sources.stream()
                    .filter(s -> s.matches(qualifier))
                    .findFirst()
                    .orElse(null);
        }
        List<Source> having = sources.stream()
                .filter(s -> s.table() != null && s.table().column(columnName).isPresent())
                .toList();
        if (having.size() == 1) {
            return having.getFirst();
        }
        if (sources.size() == 1) {
            Source only = sources.getFirst();
            return only.table() == null || only.table().column(columnName).isPresent() ? only : null;
        }
        return null;
    }

    /** True when some source of this scope or an enclosing one has the column (schema known). */
    boolean knowsColumn(String columnName) {
        for (Scope s = this; s != null; s = s.parent) {
            for (Source src : s.sources) {
                if (src.table() != null && src.table().column(columnName).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
