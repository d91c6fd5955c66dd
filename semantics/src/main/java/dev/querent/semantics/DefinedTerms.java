package dev.querent.semantics;

import dev.querent.semantics.reading.Instructions;

/**
 * Terms a question's instructions define ("ASP = Average Sale Price"): the question as the planner
 * reads it, each term defined in words replaced by those words, so that the Validator compares SQL
 * with what the question means rather than with an abbreviation it cannot read.
 */
public final class DefinedTerms {

    private DefinedTerms() {}

    /**
     * {@code question} with the terms {@code instructions} define in words written out, and each term
     * they define by a formula moved out of the question into a definition after it ("What was the
     * STR last month?" → "What was the last month? STR = number of successful transactions / total
     * number of transactions."): the term is no word the SQL must show, and what its formula
     * mentions — aggregates included — may justify the SQL without being required. As is without any.
     */
    public static String expanded(String question, String instructions) {
        if (question == null) {
            return null;
        }
        Instructions parsed = Instructions.parse(instructions);
        String expanded = parsed.expand(question);
        StringBuilder definitions = new StringBuilder();
        for (Instructions.Definition formula : parsed.formulasIn(expanded)) {
            expanded = formula.readAs(expanded, "");
            definitions
                    .append(' ')
                    .append(formula.term())
                    .append(" = ")
                    .append(formula.meaning())
                    .append('.');
        }
        if (definitions.isEmpty()) {
            return expanded;
        }
        String asked = expanded.replaceAll("\\s{2,}", " ").strip();
        // the definitions are a clause of their own, also after a question written without a full stop
        return (asked.matches(".*[.?!;]$") ? asked : asked + ".") + definitions;
    }
}
