package dev.querent.connectors;

/**
 * Result of a dry run.
 *
 * @param plan the engine's plan text when {@code ok}
 * @param error the engine's message when not {@code ok}
 */
public record ExplainResult(boolean ok, String plan, String error) {
    public static ExplainResult ok(String plan) {
        return new ExplainResult(true, plan, null);
    }

    public static ExplainResult failed(String error) {
        return new ExplainResult(false, null, error);
    }
}
