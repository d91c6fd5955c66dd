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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instructions that come with a question ("Always filter names using LIKE", "Filter strings with an
 * exact match"). They are read apart from the question: a sentence the planner understands changes
 * how text filters are written; any other sentence is ignored, never read as words of the question.
 *
 * <p>Understood: a sentence about filtering or matching text that asks for {@code LIKE}/wildcards
 * (a containment match) or for an exact match, for names, for strings, or for the columns and
 * tables it names ("Filter city and country names using LIKE", "Filter state using exact matches").
 *
 * <p>Also understood: a sentence defining a term the question may use, an abbreviation written with
 * capitals ("ASP = Average Sale Price in the first quarter of 2023", "GPM (gross profit margin) =
 * (total revenue - total cost) / total cost * 100"). A term defined in words is read as those words,
 * up to where a restriction starts (the question states its own restrictions); a term defined by a
 * formula is one the rules cannot compute, and a question using it is refused rather than answered
 * without it.
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

    /**
     * A term the instructions define.
     *
     * @param term the abbreviation, as written ("ASP", "MoMC")
     * @param meaning the words it stands for, without restrictions ("Average Sale Price"); for a
     *     formula, the formula
     * @param formula whether it is defined by arithmetic on other quantities, which the rules compute
     *     only when it divides one quantity named in words by another ({@link #quotient()})
     */
    public record Definition(String term, String meaning, boolean formula) {

        /**
         * The two quantities of a formula dividing one named in words by another: "number of
         * successful transactions / total number of transactions", in parentheses or not, and times 100
         * or not ({@link #percentage()}); empty for any other formula (a difference, nested arithmetic)
         * and for words.
         */
        public List<String> quotient() {
            String formula = percentOf(meaning);
            if (!this.formula || formula.startsWith("(") != formula.endsWith(")")) {
                return List.of();
            }
            String body = formula.startsWith("(") ? formula.substring(1, formula.length() - 1) : formula;
            String[] sides = body.split("/", -1);
            if (sides.length != 2) {
                return List.of();
            }
            List<String> quantities = new ArrayList<>();
            for (String side : sides) {
                String words = side.strip();
                if (words.isEmpty() || ARITHMETIC.matcher(" " + words + " ").find() || !words.matches(".*[A-Za-z].*")) {
                    return List.of();
                }
                quantities.add(words);
            }
            return List.copyOf(quantities);
        }

        /** Whether the formula is a quotient given as a percentage: "(A / B) * 100", "A / B * 100". */
        public boolean percentage() {
            return !percentOf(meaning).equals(meaning) && !quotient().isEmpty();
        }

        /**
         * The formula without a closing "* 100" that makes it a percentage. Read from its last "*" on,
         * without a pattern, so that its cost stays linear in the text's length whatever the text.
         */
        private static String percentOf(String formula) {
            int star = formula.lastIndexOf('*');
            if (star <= 0) {
                return formula;
            }
            String factor = formula.substring(star + 1).strip();
            return factor.equals("100") || factor.matches("100\\.0+")
                    ? formula.substring(0, star).strip()
                    : formula;
        }

        /** The question with this term, wherever it stands as a word, read as {@code words}. */
        public String readAs(String question, String words) {
            return wholeWord(term).matcher(question).replaceAll(Matcher.quoteReplacement(words));
        }
    }

    static final Instructions NONE = new Instructions(List.of(), List.of());

    /**
     * "TERM = …" or "TERM (its name) = …"; the term must have at least two capitals. Written without
     * nested or lazy repetition, so that its cost stays linear in the sentence's length.
     */
    private static final Pattern DEFINITION = Pattern.compile("^([A-Z][A-Za-z0-9]*)\\s*(?:\\([^)]*\\))?\\s*=\\s*(.+)$");

    /** Arithmetic: an operator, parentheses, or a second "=" giving the formula of the words before it. */
    private static final Pattern ARITHMETIC = Pattern.compile("[/*+()=]|\\s-\\s");

    /** Where a definition's restriction starts: "Total Active Customers | who joined on or after …". */
    private static final Pattern RESTRICTION = Pattern.compile(
            "\\s+(?:in|who|which|that|for|from|during|within|ordered|sorted|over|on|since|between|before|after)\\s+|,");

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
    private final List<Definition> definitions;

    private Instructions(List<Rule> rules, List<Definition> definitions) {
        this.rules = List.copyOf(rules);
        this.definitions = List.copyOf(definitions);
    }

    List<Rule> rules() {
        return rules;
    }

    public List<Definition> definitions() {
        return definitions;
    }

    /** The first term the question uses whose definition is a formula, or null. */
    public Definition formulaIn(String question) {
        return formulasIn(question).stream().findFirst().orElse(null);
    }

    /** The terms the question uses that are defined by a formula. */
    public List<Definition> formulasIn(String question) {
        return definitions.stream()
                .filter(d -> d.formula() && uses(question, d))
                .toList();
    }

    /** The terms the question uses that are defined in words. */
    public List<Definition> wordsIn(String question) {
        return definitions.stream()
                .filter(d -> !d.formula() && uses(question, d))
                .toList();
    }

    /** The question with each term defined in words replaced by those words. */
    public String expand(String question) {
        String expanded = question;
        for (Definition d : wordsIn(question)) {
            expanded = d.readAs(expanded, d.meaning());
        }
        return expanded;
    }

    private static boolean uses(String question, Definition d) {
        return wholeWord(d.term()).matcher(question).find();
    }

    /** The term as a whole word, written as defined ("ASP", not "asp" or "ASPs"). */
    private static Pattern wholeWord(String term) {
        return Pattern.compile("\\b" + Pattern.quote(term) + "\\b");
    }

    private static Definition definition(String sentence) {
        Matcher m = DEFINITION.matcher(sentence);
        if (!m.matches()) {
            return null;
        }
        String term = m.group(1);
        if (term.chars().filter(Character::isUpperCase).count() < 2) {
            return null; // "Revenue = …" is a sentence, not an abbreviation
        }
        String body = m.group(2).strip();
        while (body.endsWith(".")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        if (ARITHMETIC.matcher(body).find()) {
            return new Definition(term, body, true);
        }
        String meaning = spelledOut(term, RESTRICTION.split(body, 2)[0].strip());
        boolean circular = wholeWord(term).matcher(meaning).find();
        return meaning.isEmpty() || circular ? null : new Definition(term, meaning, false);
    }

    /**
     * "TSC = Total Sales Count": the capitalised words whose initials spell the abbreviation are
     * ordinary words written in capitals for the spelling, not a name ("Total Sales" is no value to
     * look for), so they are read in lower case. Any other meaning ("CA = California") is kept as
     * written.
     */
    static String spelledOut(String term, String meaning) {
        String letters = term.replaceAll("[^A-Za-z]", "");
        String[] words = meaning.split(" ", -1);
        if (letters.length() < 2 || words.length < letters.length()) {
            return meaning;
        }
        for (int i = 0; i < letters.length(); i++) {
            String w = words[i];
            if (w.isEmpty()
                    || !Character.isUpperCase(w.charAt(0))
                    || Character.toUpperCase(letters.charAt(i)) != w.charAt(0)) {
                return meaning;
            }
        }
        for (int i = 0; i < letters.length(); i++) {
            words[i] = words[i].toLowerCase(Locale.ROOT);
        }
        return String.join(" ", words);
    }

    public static Instructions parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        List<Definition> definitions = new ArrayList<>();
        for (String sentence : text.split("(?<=[.;!?])\\s+|\\n+")) {
            Definition definition = definition(sentence.strip());
            if (definition != null) {
                // the first definition of a term wins: the turn's own before a glossary's
                if (definitions.stream().noneMatch(d -> d.term().equals(definition.term()))) {
                    definitions.add(definition);
                }
                continue;
            }
            Rule rule = rule(sentence.strip());
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new Instructions(rules, definitions);
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
