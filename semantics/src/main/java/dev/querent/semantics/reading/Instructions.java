package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.lexicon.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Instructions that come with a question ("Always filter names using LIKE", "Filter strings with an
 * exact match"). They are read apart from the question: a sentence the planner understands changes
 * how text filters are written; any other sentence is ignored, never read as words of the question.
 *
 * <p>Understood: a sentence about filtering or matching text that asks for {@code LIKE}/wildcards
 * (a containment match) or for an exact match, for names, for strings, or for the columns and
 * tables it names ("Filter city and country names using LIKE", "Filter state using exact matches").
 */
public final class Instructions {

    enum TextMatch {
        /** {@code column LIKE '%value%'} */
        CONTAINS,
        /** {@code column = 'value'} */
        EXACT
    }

    /**
     * One understood sentence.
     *
     * @param names whether it is about name columns only
     * @param words other words naming the tables or columns it is about; empty for all
     */
    record Rule(TextMatch match, boolean names, Set<String> words, String sentence) {}

    static final Instructions NONE = new Instructions(List.of());

    /** Words of the instruction forms themselves, which say nothing about which columns. */
    private static final Set<String> FORM_WORDS = Set.of(
            "always",
            "filter",
            "filtering",
            "filters",
            "match",
            "matches",
            "matching",
            "matched",
            "use",
            "using",
            "like",
            "ilike",
            "wildcard",
            "wildcards",
            "percent",
            "sign",
            "signs",
            "operator",
            "operators",
            "exact",
            "exactly",
            "string",
            "strings",
            "text",
            "texts",
            "value",
            "values",
            "name",
            "names",
            "case",
            "insensitive",
            "insensitively",
            "sensitive",
            "upper",
            "lower",
            "partial",
            "equality",
            "equal",
            "all",
            "any",
            "when",
            "should",
            "must",
            "be",
            "eg",
            "e",
            "g",
            "instead",
            "rather",
            "than",
            "compare",
            "comparing",
            "comparisons");

    private final List<Rule> rules;

    private Instructions(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    List<Rule> rules() {
        return rules;
    }

    public static Instructions parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (String sentence : text.split("(?<=[.;!?])\\s+|\\n+")) {
            Rule rule = rule(sentence.strip());
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new Instructions(rules);
    }

    private static Rule rule(String sentence) {
        List<String> words = new ArrayList<>();
        for (String w : sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        boolean aboutText = words.stream()
                .anyMatch(w -> Set.of("filter", "filtering", "filters", "match", "matches", "matching")
                        .contains(w));
        if (!aboutText) {
            return null;
        }
        boolean contains = words.contains("like")
                || words.contains("ilike")
                || words.contains("wildcard")
                || words.contains("wildcards")
                || words.contains("partial");
        boolean exact = words.contains("exact") || words.contains("exactly") || words.contains("equality");
        if (contains == exact) {
            return null; // neither, or both: not a rule we can follow
        }
        // "filter names": name columns; a lone "name" is more likely part of a column ("business.name")
        boolean names = words.contains("names");
        Set<String> scope = new LinkedHashSet<>();
        for (String w : words) {
            if (!FORM_WORDS.contains(w)
                    && !Vocabulary.isStopword(w)
                    && !w.chars().allMatch(Character::isDigit)) {
                scope.addAll(Text.stems(Text.identifierWords(w)));
            }
        }
        return new Rule(contains ? TextMatch.CONTAINS : TextMatch.EXACT, names, scope, sentence);
    }

    /** How text filters on this column are to be written, or null when no instruction says. */
    TextMatch textMatch(TableInfo table, ColumnInfo column) {
        if (!SchemaIndex.isText(column)) {
            return null;
        }
        List<String> columnWords = Text.stems(Text.identifierWords(column.name()));
        List<String> tableWords = Text.stems(Text.identifierWords(table.name()));
        TextMatch general = null;
        TextMatch specific = null;
        boolean nameColumn = columnWords.contains("name");
        for (Rule rule : rules) {
            boolean columnNamed = rule.words().stream().anyMatch(columnWords::contains);
            boolean tableNamed = rule.words().stream().anyMatch(tableWords::contains);
            if (rule.words().isEmpty() && (!rule.names() || nameColumn)) {
                general = rule.match();
            } else if (columnNamed || (tableNamed && (!rule.names() || nameColumn))) {
                // "city names": the city column; "business names": the business table's name column
                specific = rule.match();
            }
        }
        // "Filter state using exact matches" after "Filter strings using LIKE": the named columns win
        return specific != null ? specific : general;
    }

    /**
     * Rewrites the equality filters on text that the question's literals made: a containment match
     * where the instructions ask for LIKE. Patterns the question asked for itself ("containing")
     * stay as they are. Returns what was changed, for the explanation.
     */
    public List<String> apply(Draft d) {
        List<String> applied = new ArrayList<>();
        if (rules.isEmpty()) {
            return applied;
        }
        for (int i = 0; i < d.filters.size(); i++) {
            Draft.Filter f = d.filters.get(i);
            if (f.type() != ValueType.STRING
                    || f.op() != FilterOp.EQ
                    || f.values().size() != 1) {
                continue;
            }
            if (textMatch(f.table(), f.column()) == TextMatch.CONTAINS) {
                String value = f.values().getFirst();
                d.filters.set(
                        i,
                        new Draft.Filter(
                                f.table(), f.column(), FilterOp.LIKE, List.of("%" + value + "%"), ValueType.STRING));
                applied.add(f.table().name() + "." + f.column().name() + " LIKE '%" + value + "%'");
            }
        }
        return applied;
    }
}
