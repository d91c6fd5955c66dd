package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.llm.LlmSettings.Provider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

    @Test
    void emptyEnvironmentMeansNoLlm() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of());

        assertThat(settings.provider()).isEqualTo(Provider.NONE);
        assertThat(settings.numCandidates()).isEqualTo(1);
        assertThat(LlmClients.create(settings)).isEmpty();
        assertThat(LlmClients.create(LlmSettings.none())).isEmpty();
    }

    @Test
    void ollamaDefaults() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of("QUERENT_LLM_PROVIDER", "Ollama"));

        assertThat(settings.baseUrl()).isEqualTo(LlmSettings.DEFAULT_OLLAMA_URL);
        assertThat(settings.model()).isEqualTo("arctic-text2sql-r1");
        assertThat(settings.timeout()).isEqualTo(LlmSettings.DEFAULT_TIMEOUT);
        assertThat(settings.maxTokens()).isEqualTo(LlmSettings.DEFAULT_MAX_TOKENS);
        assertThat(settings.temperature()).isNull();
        assertThat(settings.promptStyle()).isEqualTo(PromptStyle.ARCTIC);
    }

    @Test
    void readsEveryVariable() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of(
                "QUERENT_LLM_PROVIDER", "openai",
                "QUERENT_LLM_BASE_URL", "http://gpu-box:8000/v1/",
                "QUERENT_LLM_MODEL", "Snowflake/Arctic-Text2SQL-R1-7B",
                "QUERENT_LLM_API_KEY", " secret ",
                "QUERENT_LLM_TEMPERATURE", "0.7",
                "QUERENT_LLM_MAX_TOKENS", "4096",
                "QUERENT_LLM_TIMEOUT", "90s",
                "QUERENT_LLM_CANDIDATES", "4",
                "QUERENT_LLM_PROMPT_STYLE", "plain"));

        assertThat(settings.provider()).isEqualTo(Provider.OPENAI);
        assertThat(settings.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(settings.model()).isEqualTo("Snowflake/Arctic-Text2SQL-R1-7B");
        assertThat(settings.apiKey()).isEqualTo("secret");
        assertThat(settings.temperature()).isEqualTo(0.7);
        assertThat(settings.maxTokens()).isEqualTo(4096);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.numCandidates()).isEqualTo(4);
        assertThat(settings.promptStyle()).isEqualTo(PromptStyle.PLAIN);
    }

    @Test
    void timeoutAcceptsSeveralForms() {
        assertThat(timeout("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(timeout("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(timeout("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(timeout("PT2M30S")).isEqualTo(Duration.ofSeconds(150));
    }

    private static Duration timeout(String value) {
        return LlmSettings.fromEnvironment(Map.of("QUERENT_LLM_PROVIDER", "ollama", "QUERENT_LLM_TIMEOUT", value))
                .timeout();
    }

    @Test
    void invalidValuesNameTheVariable() {
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("QUERENT_LLM_PROVIDER", "bedrock")))
                .hasMessageContaining("bedrock");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(
                        Map.of("QUERENT_LLM_PROVIDER", "ollama", "QUERENT_LLM_CANDIDATES", "many")))
                .hasMessageContaining("QUERENT_LLM_CANDIDATES");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(
                        Map.of("QUERENT_LLM_PROVIDER", "ollama", "QUERENT_LLM_TEMPERATURE", "3")))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(
                        Map.of("QUERENT_LLM_PROVIDER", "ollama", "QUERENT_LLM_CANDIDATES", "0")))
                .hasMessageContaining("numCandidates");
    }

    @Test
    void openAiNeedsAModel() {
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("QUERENT_LLM_PROVIDER", "openai")))
                .hasMessageContaining("model");
    }

    @Test
    void toStringHidesTheKey() {
        LlmSettings settings = new LlmSettings(Provider.OPENAI, null, "gpt", "sk-very-secret", null, null, null, 1);

        assertThat(settings.toString()).doesNotContain("sk-very-secret").contains("apiKey=***");
        assertThat(settings.baseUrl()).isEqualTo(LlmSettings.DEFAULT_OPENAI_URL);
    }
}
