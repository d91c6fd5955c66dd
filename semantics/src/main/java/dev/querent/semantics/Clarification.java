package dev.querent.semantics;

import java.util.List;
import java.util.Optional;

/**
 * One short question the planner asks instead of guessing, when the question is ambiguous in a way
 * it can tell: a word linked to two columns about equally well, a value found in several columns,
 * tables of several domains, a time word with several date columns to choose from, a ranking with no
 * measure. Each choice binds the ambiguous words to one meaning; the first is the planner's own
 * guess. The plan is built again with the chosen {@link Binding}.
 *
 * @param question what to ask, e.g. "Which date should 'per month' use?"
 * @param phrase the words of the question that are ambiguous (null when the question as a whole is)
 */
public record Clarification(String question, Ambiguity kind, String phrase, List<Choice> choices) {

    public Clarification {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** An answer to offer: an id to send back, a label to show, and what choosing it binds. */
    public record Choice(String id, String label, Binding binding) {}

    public Optional<Choice> choice(String id) {
        return choices.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
