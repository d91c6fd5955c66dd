package dev.querent.agents;

import dev.querent.semantics.Binding;

/**
 * How a clarifying question of a turn was answered: by one of its choices, or by free text taken as
 * a refinement of the question.
 *
 * @param question the question that was asked
 * @param choiceId the choice taken, or null for free text
 * @param label the choice's label, or null for free text
 * @param binding what the choice binds, or null for free text
 * @param text the words typed instead of a choice, or null
 */
public record ClarificationAnswer(String question, String choiceId, String label, Binding binding, String text) {

    /** What the answer tells a language model writing the SQL. */
    public String instruction() {
        return binding != null ? binding.instruction() : "Asked \"" + question + "\", the user answered: " + text;
    }
}
