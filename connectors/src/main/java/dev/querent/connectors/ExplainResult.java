package dev.querent.connectors;

/**
 * Result of a dry run.
 *
 * @param plan the engine's plan text when {@code ok}
 * @param error the engine's message when not {@code ok}
 * @param estimatedRows the largest row estimate in the engine's plan (rows an operator reads or
 *     produces), or null when the engine gives none
 */
public record ExplainResult(boolean ok, String plan, String error, Long estimatedRows) {
    public ExplainResult(boolean ok, String plan, String error) {
        this(ok, plan, error, null);
    }

    public static ExplainResult ok(String plan) {
        return new ExplainResult(true, plan, null, null);
    }

    public static ExplainResult ok(String plan, Long estimatedRows) {
        return new ExplainResult(true, plan, null, estimatedRows);
    }

    public static ExplainResult failed(String error) {
        return new ExplainResult(false, null, error, null);
    }
}
