package dev.querent.semantics.description;

import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The concepts a description of one statement collects as it walks it. */
final class Concepts {
    private final Set<Concept> concepts = new TreeSet<>();
    private final Map<String, String> rankings = new HashMap<>();

    void add(Concept concept) {
        concepts.add(concept);
    }

    /** Records the words of a name or label as {@code word:} concepts, singular and lowercase. */
    void addWords(String text) {
        for (String w : Words.tokens(text)) {
            if (!Vocabulary.STOPWORDS.contains(w) && !w.chars().allMatch(Character::isDigit)) {
                concepts.add(ConceptKind.WORD.of(Stemmer.singular(w)));
            }
        }
    }

    /**
     * Records the numbers of a column's name ({@code `Enrollment (K-12)`}, {@code NumGE1500}) as
     * {@code number:} concepts: a number the question names may be the column it asks about ("K-12
     * enrollment", "scoring 1500 or more"), never a restriction of its own.
     */
    void addNameNumbers(String humanisedName) {
        for (String w : Words.tokens(humanisedName)) {
            String n = w.chars().allMatch(Character::isDigit) ? Words.normaliseNumber(w) : null;
            if (n != null) {
                concepts.add(ConceptKind.NUMBER.of(n));
            }
        }
    }

    /**
     * Records that a select item named {@code alias} numbers rows within their groups ({@code
     * ROW_NUMBER() OVER (… ORDER BY d DESC) AS rn}), in the order {@code order} ("asc", "desc", or ""
     * when it names none).
     */
    void ranking(String alias, String order) {
        rankings.put(alias.toLowerCase(Locale.ROOT), order);
    }

    /** The order a column of this name numbers rows in, when it is such a row number seen earlier; else null. */
    String rankingOrder(String column) {
        return column == null ? null : rankings.get(Words.unquote(column).toLowerCase(Locale.ROOT));
    }

    Set<Concept> all() {
        return Collections.unmodifiableSet(concepts);
    }
}
