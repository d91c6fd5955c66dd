package dev.querent.semantics.lexicon;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Adjectives of places: "European" for Europe, "Korean" for Korea by their regular endings, and the
 * common irregular ones ("French" for France, "Dutch" for the Netherlands) from a short table.
 */
public final class Demonyms {

    private static final Map<String, Set<String>> IRREGULAR = Map.ofEntries(
            Map.entry("french", Set.of("france")),
            Map.entry("english", Set.of("england", "united kingdom", "uk")),
            Map.entry("british", Set.of("united kingdom", "uk", "great britain", "britain")),
            Map.entry("dutch", Set.of("netherlands", "the netherlands", "holland")),
            Map.entry("spanish", Set.of("spain")),
            Map.entry("german", Set.of("germany")),
            Map.entry("greek", Set.of("greece")),
            Map.entry("swiss", Set.of("switzerland")),
            Map.entry("polish", Set.of("poland")),
            Map.entry("swedish", Set.of("sweden")),
            Map.entry("danish", Set.of("denmark")),
            Map.entry("finnish", Set.of("finland")),
            Map.entry("irish", Set.of("ireland")),
            Map.entry("scottish", Set.of("scotland")),
            Map.entry("welsh", Set.of("wales")),
            Map.entry("turkish", Set.of("turkey")),
            Map.entry("thai", Set.of("thailand")),
            Map.entry("chinese", Set.of("china")),
            Map.entry("japanese", Set.of("japan")),
            Map.entry("vietnamese", Set.of("vietnam", "viet nam")),
            Map.entry("portuguese", Set.of("portugal")),
            Map.entry("italian", Set.of("italy")),
            Map.entry("american", Set.of("usa", "us", "united states", "united states of america", "america")),
            Map.entry("peruvian", Set.of("peru")),
            Map.entry("czech", Set.of("czech republic", "czechia")),
            Map.entry("filipino", Set.of("philippines")),
            Map.entry("argentine", Set.of("argentina")),
            Map.entry("argentinian", Set.of("argentina")));

    private Demonyms() {}

    /** Whether {@code adjective} is the adjective of {@code place} ("European" of "Europe", "French" of "France"). */
    public static boolean of(String adjective, String place) {
        String a = adjective.strip().toLowerCase(Locale.ROOT);
        String p = place.strip().toLowerCase(Locale.ROOT);
        if (IRREGULAR.getOrDefault(a, Set.of()).contains(p)) {
            return true;
        }
        return a.matches("[a-z]{5,}")
                && p.matches("[a-z]{4,}")
                && a.endsWith("an")
                && a.startsWith(p)
                && a.length() - p.length() <= 3;
    }
}
