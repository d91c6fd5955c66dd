package dev.querent.agents;

import dev.querent.semantics.Verdict;
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
 * @param trust after execution: {@link #TRUSTED} when the answer's calibrated confidence reaches the
 *     operator's precision target, else {@link #UNVERIFIED} (and it goes to review); null before
 * @param signals after execution: the signals the confidence was estimated from, by name (see
 *     {@code dev.querent.agents.trust.Signals}); empty before
 * @param estimatedRows the cost the engine's plan gives: its largest row estimate, or null when the
 *     engine gives none (SQLite) or the SQL was not planned
 * @param estimatedBytes the bytes the engine's dry run says the query reads (BigQuery), or null
 */
public record ValidationReport(
        boolean safe,
        List<String> rejections,
        List<String> warnings,
        Boolean explainOk,
        String backTranslation,
        double agreement,
        Verdict verdict,
        boolean needsReview,
        String trust,
        java.util.Map<String, Double> signals,
        Long estimatedRows,
        Long estimatedBytes) {
    public static final String TRUSTED = "TRUSTED";
    public static final String UNVERIFIED = "UNVERIFIED";

    public ValidationReport {
        rejections = List.copyOf(rejections);
        warnings = List.copyOf(warnings);
        signals = signals == null
                ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(signals));
    }

    /** A report before the answer ran: no trust label yet. */
    public ValidationReport(
            boolean safe,
            List<String> rejections,
            List<String> warnings,
            Boolean explainOk,
            String backTranslation,
            double agreement,
            Verdict verdict,
            boolean needsReview) {
        this(
                safe,
                rejections,
                warnings,
                explainOk,
                backTranslation,
                agreement,
                verdict,
                needsReview,
                null,
                null,
                null,
                null);
    }

    /** This report with the engine's cost estimates (rows from its plan, bytes from a dry run). */
    public ValidationReport withEstimates(Long rows, Long bytes) {
        return new ValidationReport(
                safe,
                rejections,
                warnings,
                explainOk,
                backTranslation,
                agreement,
                verdict,
                needsReview,
                trust,
                signals,
                rows,
                bytes);
    }

    /** This report with the answer's trust decided: untrusted answers need review. */
    public ValidationReport withTrust(boolean trusted, java.util.Map<String, Double> signals) {
        return new ValidationReport(
                safe,
                rejections,
                warnings,
                explainOk,
                backTranslation,
                agreement,
                verdict,
                !trusted,
                trusted ? TRUSTED : UNVERIFIED,
                signals,
                estimatedRows,
                estimatedBytes);
    }
}
