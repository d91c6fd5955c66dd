package dev.querent.semantics;

import dev.querent.semantics.reading.Instructions;

/**
 * Terms a question's instructions define ("ASP = Average Sale Price"): the question as the planner
 * reads it, each term defined in words replaced by those words, so that the Validator compares SQL
 * with what the question means rather than with an abbreviation it cannot read.
 */
public final class DefinedTerms {

    private DefinedTerms() {}

    /** {@code question} with the terms {@code instructions} define in words written out; as is without any. */
    public static String expanded(String question, String instructions) {
        return question == null ? null : Instructions.parse(instructions).expand(question);
    }
}
