package dev.querent.llm;

/**
 * What a probe of the provider endpoint found.
 *
 * @param reachable the endpoint answered
 * @param modelPresent the endpoint knows the configured model
 * @param detail a short human-readable explanation, safe to show to operators
 */
public record LlmHealth(
        String provider, String baseUrl, String model, boolean reachable, boolean modelPresent, String detail) {

    public boolean healthy() {
        return reachable && modelPresent;
    }
}
