package dev.querent.agents;

import java.util.List;

/**
 * What the Validator found.
 *
 * @param safe the AST guard accepted the SQL
 * @param rejections guard rejection codes and messages ({@code CODE: message})
 * @param explainOk the engine's dry run planned the query (null when not run)
 * @param backTranslation the SQL described in English
 * @param agreement 0..1, how well the back-translation matches the question
 * @param needsReview the answer was routed to the human validation queue
 */
public record ValidationReport(
        boolean safe,
        List<String> rejections,
        List<String> warnings,
        Boolean explainOk,
        String backTranslation,
        double agreement,
        String verdict,
        boolean needsReview) {
    public ValidationReport {
        rejections = List.copyOf(rejections);
        warnings = List.copyOf(warnings);
    }
}
