package dev.querent.llm;

/**
 * Builds {@link LlmClient}s of one kind. Registered in the {@link ChatModelRegistry} by {@link
 * #name()}, which is what {@code querent.llm.provider} names.
 */
public interface ChatModelProvider {
    /** Stable lower-case name, e.g. {@code ollama}, {@code openai}. */
    String name();

    /**
     * The settings with this provider's defaults where they leave a value blank (endpoint, model).
     *
     * @throws IllegalArgumentException naming what the provider cannot do without
     */
    default LlmSettings complete(LlmSettings settings) {
        return settings;
    }

    /**
     * A client for {@link #complete complete(settings)}. Nothing is sent to the server until the
     * first request.
     *
     * @throws IllegalArgumentException naming what is invalid
     */
    LlmClient create(LlmSettings settings);
}
