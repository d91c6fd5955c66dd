package dev.querent.llm.openai;

import dev.querent.llm.ChatModelProvider;
import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmSettings;

/**
 * {@code openai}: any server speaking OpenAI's chat-completions API, by default OpenAI's own
 * ({@value OpenAiCompatibleLlmClient#DEFAULT_URL}); the model must be named.
 */
public final class OpenAiChatModelProvider implements ChatModelProvider {
    public static final String NAME = "openai";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LlmSettings complete(LlmSettings settings) {
        LlmSettings s = settings.withDefaults(OpenAiCompatibleLlmClient.DEFAULT_URL, null);
        if (s.model() == null) {
            throw new IllegalArgumentException("an OpenAI-compatible provider needs a model name");
        }
        return s;
    }

    @Override
    public LlmClient create(LlmSettings settings) {
        LlmSettings s = complete(settings);
        return OpenAiCompatibleLlmClient.builder()
                .baseUrl(s.baseUrl())
                .apiKey(s.apiKey())
                .model(s.model())
                .temperature(s.temperature())
                .maxTokens(s.maxTokens())
                .timeout(s.timeout())
                .build();
    }
}
