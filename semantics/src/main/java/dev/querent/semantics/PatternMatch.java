package dev.querent.semantics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example (a verified pattern) that answers a question once its literals are swapped.
 *
 * @param similarity 0..1 similarity of the questions with literals masked
 * @param adaptedSql the example's SQL with the question's literals substituted
 * @param substitutions each example literal (as written in its question) → the question's literal, in
 *     question order
 */
public record PatternMatch(Example example, double similarity, String adaptedSql, Map<String, String> substitutions) {
    public PatternMatch {
        substitutions = Collections.unmodifiableMap(new LinkedHashMap<>(substitutions));
    }
}
