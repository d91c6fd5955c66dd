package dev.querent.api.web;

import java.util.function.Supplier;

/** What the settings screen shows about the language model. */
public final class LlmStatus {
    private final String provider;
    private final String model;
    private final String baseUrl;
    private final Supplier<String> probe;

    /**
     * @param probe returns null when the model answers, else a message saying what is wrong; null
     *     probe when no model is configured
     */
    public LlmStatus(String provider, String model, String baseUrl, Supplier<String> probe) {
        this.provider = provider;
        this.model = model;
        this.baseUrl = baseUrl;
        this.probe = probe;
    }

    public record View(String provider, String model, String baseUrl, String status, String detail) {}

    public View view() {
        if (probe == null) {
            return new View("none", null, null, "NONE", "No language model configured: the offline generator answers.");
        }
        String problem = probe.get();
        return new View(provider, model, baseUrl, problem == null ? "UP" : "DOWN", problem);
    }
}
