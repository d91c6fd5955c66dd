package dev.querent.connectors;

/**
 * Result of a dry run.
 *
 * @param plan the engine's plan text when {@code ok}
 * @param error the engine's message when not {@code ok}
 * @param estimatedRows the largest row estimate in the engine's plan (rows an operator reads or
 *     produces), or null when the engine gives none
 * @param estimatedBytes the bytes the engine estimates the query reads (BigQuery's dry run), or null
 */
public record ExplainResult(boolean ok, String plan, String error, Long estimatedRows, Long estimatedBytes) {
    public ExplainResult(boolean ok, String plan, String error) {
        this(ok, plan, error, null, null);
    }

    public static ExplainResult ok(String plan) {
        return new ExplainResult(true, plan, null, null, null);
    }

    public static ExplainResult ok(String plan, Long estimatedRows) {
        return new ExplainResult(true, plan, null, estimatedRows, null);
    }

    public static ExplainResult okWithBytes(String plan, long estimatedBytes) {
        return new ExplainResult(true, plan, null, null, estimatedBytes);
    }

    public static ExplainResult failed(String error) {
        return new ExplainResult(false, null, error, null, null);
    }
}
