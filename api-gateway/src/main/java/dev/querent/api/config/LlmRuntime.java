package dev.querent.api.config;

import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmSettings;
import java.util.Optional;

/** The configured model client (empty when the provider is {@code none}) and its settings. */
public record LlmRuntime(Optional<LlmClient> client, LlmSettings settings) {}
