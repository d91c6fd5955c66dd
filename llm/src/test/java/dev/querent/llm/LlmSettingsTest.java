package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.llm.ollama.OllamaChatModelProvider;
import dev.querent.llm.ollama.OllamaLlmClient;
import dev.querent.llm.openai.OpenAiChatModelProvider;
import dev.querent.llm.openai.OpenAiCompatibleLlmClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
    private static final ChatModelRegistry REGISTRY =
            new ChatModelRegistry(List.of(new OllamaChatModelProvider(), new OpenAiChatModelProvider()));

    @Test
    void noneBuildsNoClient() {
        assertThat(LlmSettings.none().provider()).isEqualTo(ChatModelRegistry.NONE);
        assertThat(LlmSettings.none().numCandidates()).isEqualTo(1);
        assertThat(REGISTRY.create(LlmSettings.none())).isEmpty();
        LlmSettings unset = new LlmSettings(null, null, null, null, null, null, null, 1);
        assertThat(unset.provider()).isEqualTo("none");
        assertThat(REGISTRY.create(unset)).isEmpty();
        assertThat(REGISTRY.create(new LlmSettings(" ", null, null, null, null, null, null, 1)))
                .isEmpty();
        assertThat(REGISTRY.complete(unset)).isEqualTo(unset);
    }

    @Test
    void ollamaDefaults() {
        LlmSettings settings = REGISTRY.complete(new LlmSettings("ollama", " ", null, "", null, null, null, 1));

        assertThat(settings.baseUrl()).isEqualTo(OllamaLlmClient.DEFAULT_URL);
        assertThat(settings.model()).isEqualTo("arctic-text2sql-r1");
        assertThat(settings.apiKey()).isNull();
        assertThat(settings.timeout()).isEqualTo(LlmSettings.DEFAULT_TIMEOUT);
        assertThat(settings.maxTokens()).isEqualTo(LlmSettings.DEFAULT_MAX_TOKENS);
        assertThat(settings.temperature()).isNull();
        assertThat(settings.promptStyle()).isEqualTo(PromptStyle.ARCTIC);
    }

    @Test
    void trailingSlashAndBlanksAreTrimmedAndExplicitValuesWin() {
        LlmSettings settings = new LlmSettings(
                "openai", "http://gpu-box:8000/v1/", " m ", " secret ", 0.7, 4096, null, 4, PromptStyle.PLAIN);

        assertThat(settings.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(settings.model()).isEqualTo("m");
        assertThat(settings.apiKey()).isEqualTo("secret");
        assertThat(REGISTRY.complete(settings)).isEqualTo(settings);
    }

    @Test
    void providerNamesResolveIgnoringCaseAndUnknownOnesAreNamedWithTheKnownOnes() {
        assertThat(new LlmSettings(" Ollama ", null, null, null, null, null, null, 1).provider())
                .isEqualTo("ollama");
        assertThat(REGISTRY.create(new LlmSettings("OLLAMA", null, null, null, null, null, null, 1)))
                .get()
                .isInstanceOf(OllamaLlmClient.class);
        assertThat(REGISTRY.names()).containsExactly("none", "ollama", "openai");
        LlmSettings bedrock = new LlmSettings("bedrock", null, null, null, null, null, null, 1);
        assertThatThrownBy(() -> REGISTRY.create(bedrock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown chat model provider 'bedrock' (known: none, ollama, openai)");
        assertThatThrownBy(() -> REGISTRY.complete(bedrock)).hasMessageContaining("bedrock");
    }

    @Test
    void theRegistryRejectsTwoProvidersOfOneNameAndTheReservedNone() {
        assertThatThrownBy(() ->
                        new ChatModelRegistry(List.of(new OllamaChatModelProvider(), new OllamaChatModelProvider())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two chat model providers registered as 'ollama'");
        ChatModelProvider none = new ChatModelProvider() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public LlmClient create(LlmSettings settings) {
                throw new AssertionError();
            }
        };
        assertThatThrownBy(() -> new ChatModelRegistry(List.of(none)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'none' is reserved");
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> new LlmSettings("ollama", null, null, null, 3.0, null, null, 1))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> new LlmSettings("ollama", null, null, null, null, null, null, 0))
                .hasMessageContaining("numCandidates");
        assertThatThrownBy(() -> new LlmSettings("ollama", null, null, null, null, 0, null, 1))
                .hasMessageContaining("maxTokens");
    }

    @Test
    void openAiNeedsAModel() {
        LlmSettings noModel = new LlmSettings("openai", null, null, null, null, null, null, 1);
        assertThatThrownBy(() -> REGISTRY.complete(noModel)).hasMessageContaining("model");
        assertThatThrownBy(() -> REGISTRY.create(noModel)).hasMessageContaining("model");
    }

    @Test
    void toStringHidesTheKey() {
        LlmSettings settings =
                REGISTRY.complete(new LlmSettings("openai", null, "gpt", "sk-very-secret", null, null, null, 1));

        assertThat(settings.toString()).doesNotContain("sk-very-secret").contains("apiKey=***");
        assertThat(settings.baseUrl()).isEqualTo(OpenAiCompatibleLlmClient.DEFAULT_URL);
    }
}
