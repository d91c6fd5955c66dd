package dev.querent.semantics.lexicon;

import dev.querent.semantics.lexicon.Text.Token;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Longest-match lookup of multi-word phrases (space separated, lower case) over tokens. */
public final class PhraseTable<T> {

    public record Match<T>(int start, int end, T value) {}

    private final Map<String, T> phrases;
    private final int maxWords;

    public PhraseTable(Map<String, T> phrases) {
        this.phrases = Map.copyOf(phrases);
        this.maxWords = phrases.keySet().stream()
                .mapToInt(p -> p.split(" ").length)
                .max()
                .orElse(1);
    }

    /** Every phrase and what it stands for. */
    public Map<String, T> phrases() {
        return phrases;
    }

    /** The longest phrase starting at {@code from} over tokens not yet taken, or null. */
    public Match<T> longestAt(List<Token> tokens, int from, boolean[] taken) {
        for (int len = Math.min(maxWords, tokens.size() - from); len >= 1; len--) {
            String[] words = new String[len];
            boolean free = true;
            for (int k = 0; k < len && free; k++) {
                free = !taken[from + k];
                words[k] = tokens.get(from + k).lower();
            }
            if (!free) {
                continue;
            }
            T value = phrases.get(String.join(" ", Arrays.asList(words)));
            if (value != null) {
                return new Match<>(from, from + len, value);
            }
        }
        return null;
    }
}
