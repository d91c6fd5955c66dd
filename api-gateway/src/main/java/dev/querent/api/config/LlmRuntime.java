package dev.querent.api.config;

import dev.querent.api.properties.QuerentProperties;
import dev.querent.llm.ChatModelRegistry;
import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmSettings;
import java.util.Optional;

/** The configured model client (empty when the provider is {@code none}) and its settings. */
public record LlmRuntime(Optional<LlmClient> client, LlmSettings settings) {

    /**
     * The client {@code querent.llm.*} describe, with the provider's defaults in its settings.
     *
     * @throws IllegalStateException for an unknown provider, naming the setting and the known names
     * @throws IllegalArgumentException for settings the provider cannot work with
     */
    static LlmRuntime from(QuerentProperties.Llm llm, ChatModelRegistry registry) {
        LlmSettings configured = llm.settings();
        if (!ChatModelRegistry.NONE.equals(configured.provider())) {
            Providers.named(
                    "querent.llm.provider", "QUERENT_LLM_PROVIDER", () -> registry.provider(configured.provider()));
        }
        LlmSettings settings = registry.complete(configured);
        return new LlmRuntime(registry.create(settings), settings);
    }
}
