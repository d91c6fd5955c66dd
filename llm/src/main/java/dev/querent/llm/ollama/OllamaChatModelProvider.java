package dev.querent.llm.ollama;

import dev.querent.llm.ChatModelProvider;
import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmSettings;

/** {@code ollama}: an Ollama server, by default {@value OllamaLlmClient#DEFAULT_URL} with {@value OllamaLlmClient#DEFAULT_MODEL}. */
public final class OllamaChatModelProvider implements ChatModelProvider {
    public static final String NAME = "ollama";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LlmSettings complete(LlmSettings settings) {
        return settings.withDefaults(OllamaLlmClient.DEFAULT_URL, OllamaLlmClient.DEFAULT_MODEL);
    }

    @Override
    public LlmClient create(LlmSettings settings) {
        LlmSettings s = complete(settings);
        return OllamaLlmClient.builder()
                .baseUrl(s.baseUrl())
                .model(s.model())
                .temperature(s.temperature())
                .maxTokens(s.maxTokens())
                .timeout(s.timeout())
                .build();
    }
}
