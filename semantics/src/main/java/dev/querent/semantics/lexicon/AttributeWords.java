package dev.querent.semantics.lexicon;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Question words that ask for what a column holds without naming it: "how old" asks for an age, "how
 * much does it weigh" for a weight, "the nation" for a country, "how often" for a frequency. Keys and
 * values are stems ({@link Stemmer#stem}).
 */
public final class AttributeWords {

    private static final Map<String, List<String>> ASKED_AS = Map.ofEntries(
            Map.entry("age", List.of("old", "young", "aged")),
            Map.entry("weight", List.of("weigh", "heavy")),
            Map.entry("height", List.of("tall")),
            Map.entry("country", List.of("nation")),
            Map.entry("nationality", List.of("nation", "country")),
            Map.entry("phone", List.of("telephone")),
            Map.entry("frequency", List.of("often")),
            Map.entry("birth", List.of("born")));

    private static final Map<String, Set<String>> STEMS = ASKED_AS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(
                    e -> Stemmer.stem(e.getKey()),
                    e -> e.getValue().stream().map(Stemmer::stem).collect(Collectors.toUnmodifiableSet())));

    /** The stems of question words that ask for a column named by {@code columnWordStem}; empty if none. */
    public static Set<String> askedAs(String columnWordStem) {
        return STEMS.getOrDefault(columnWordStem, Set.of());
    }

    private AttributeWords() {}
}
