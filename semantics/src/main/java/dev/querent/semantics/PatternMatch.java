package dev.querent.agents.offline;

import dev.querent.knowledge.QueryPattern;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified pattern that answers a question once its literals are swapped.
 *
 * @param similarity 0..1 similarity of the questions with literals masked
 * @param adaptedSql the pattern's SQL with the question's literals substituted
 * @param substitutions each pattern literal (as written in its question) → the question's literal, in
 *     question order
 */
public record PatternMatch(
        QueryPattern pattern, double similarity, String adaptedSql, Map<String, String> substitutions) {
    public PatternMatch {
        substitutions = Collections.unmodifiableMap(new LinkedHashMap<>(substitutions));
    }
}
