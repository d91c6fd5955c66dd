package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.llm.LlmSettings.Provider;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

    @Test
    void noneBuildsNoClient() {
        assertThat(LlmSettings.none().provider()).isEqualTo(Provider.NONE);
        assertThat(LlmSettings.none().numCandidates()).isEqualTo(1);
        assertThat(LlmClients.create(LlmSettings.none())).isEmpty();
        assertThat(LlmClients.create(new LlmSettings(null, null, null, null, null, null, null, 1)))
                .isEmpty();
    }

    @Test
    void ollamaDefaults() {
        LlmSettings settings = new LlmSettings(Provider.OLLAMA, " ", null, "", null, null, null, 1);

        assertThat(settings.baseUrl()).isEqualTo(LlmSettings.DEFAULT_OLLAMA_URL);
        assertThat(settings.model()).isEqualTo("arctic-text2sql-r1");
        assertThat(settings.apiKey()).isNull();
        assertThat(settings.timeout()).isEqualTo(LlmSettings.DEFAULT_TIMEOUT);
        assertThat(settings.maxTokens()).isEqualTo(LlmSettings.DEFAULT_MAX_TOKENS);
        assertThat(settings.temperature()).isNull();
        assertThat(settings.promptStyle()).isEqualTo(PromptStyle.ARCTIC);
    }

    @Test
    void trailingSlashAndBlanksAreTrimmed() {
        LlmSettings settings = new LlmSettings(
                Provider.OPENAI, "http://gpu-box:8000/v1/", " m ", " secret ", 0.7, 4096, null, 4, PromptStyle.PLAIN);

        assertThat(settings.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(settings.model()).isEqualTo("m");
        assertThat(settings.apiKey()).isEqualTo("secret");
    }

    @Test
    void providerNamesParseIgnoringCaseAndUnknownOnesAreNamed() {
        assertThat(Provider.parse(" Ollama ")).isEqualTo(Provider.OLLAMA);
        assertThat(Provider.parse("")).isEqualTo(Provider.NONE);
        assertThatThrownBy(() -> Provider.parse("bedrock")).hasMessageContaining("bedrock");
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> new LlmSettings(Provider.OLLAMA, null, null, null, 3.0, null, null, 1))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> new LlmSettings(Provider.OLLAMA, null, null, null, null, null, null, 0))
                .hasMessageContaining("numCandidates");
        assertThatThrownBy(() -> new LlmSettings(Provider.OLLAMA, null, null, null, null, 0, null, 1))
                .hasMessageContaining("maxTokens");
    }

    @Test
    void openAiNeedsAModel() {
        assertThatThrownBy(() -> new LlmSettings(Provider.OPENAI, null, null, null, null, null, null, 1))
                .hasMessageContaining("model");
    }

    @Test
    void toStringHidesTheKey() {
        LlmSettings settings = new LlmSettings(Provider.OPENAI, null, "gpt", "sk-very-secret", null, null, null, 1);

        assertThat(settings.toString()).doesNotContain("sk-very-secret").contains("apiKey=***");
        assertThat(settings.baseUrl()).isEqualTo(LlmSettings.DEFAULT_OPENAI_URL);
    }
}
