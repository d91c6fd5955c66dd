package dev.querent.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.api.properties.QuerentProperties;
import dev.querent.llm.LlmSettings;
import dev.querent.llm.PromptStyle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The one path from {@code QUERENT_LLM_*} variables to the model client's settings. */
class LlmPropertiesTest {

    /** The settings as the application resolves them: bound, then completed by the provider's registry. */
    private static LlmSettings settings(Map<String, String> env) {
        return LlmRuntime.from(props(env).llm(), Providers.chatModels()).settings();
    }

    private static QuerentProperties props(Map<String, String> env) {
        Map<String, Object> source = new HashMap<>(env);
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source)));
        return binder.bindOrCreate("querent", QuerentProperties.class);
    }

    @Test
    void nothingSetMeansNoModel() {
        LlmSettings settings = settings(Map.of());

        assertThat(settings.provider()).isEqualTo("none");
        assertThat(settings.numCandidates()).isEqualTo(1);
        assertThat(settings.promptStyle()).isEqualTo(PromptStyle.ARCTIC);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void emptyVariablesMeanTheDefaults() {
        Map<String, Object> source = new HashMap<>(Map.of(
                "QUERENT_LLM_PROVIDER", "", "QUERENT_KNOWLEDGE_STORE", "", "QUERENT_KNOWLEDGE_EMBEDDING_PROVIDER", ""));
        QuerentProperties props = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source)))
                .bindOrCreate("querent", QuerentProperties.class);

        assertThat(props.llm().settings().provider()).isEqualTo("none");
        assertThat(props.knowledge().store()).isEqualTo("lucene");
        assertThat(props.knowledge().embedding().provider()).isEqualTo("onnx");
    }

    @Test
    void readsEveryVariable() {
        LlmSettings settings = settings(Map.of(
                "QUERENT_LLM_PROVIDER", "openai",
                "QUERENT_LLM_BASE_URL", "http://gpu-box:8000/v1/",
                "QUERENT_LLM_MODEL", "Snowflake/Arctic-Text2SQL-R1-7B",
                "QUERENT_LLM_API_KEY", " secret ",
                "QUERENT_LLM_TEMPERATURE", "0.7",
                "QUERENT_LLM_MAX_TOKENS", "4096",
                "QUERENT_LLM_TIMEOUT", "90s",
                "QUERENT_LLM_CANDIDATES", "4",
                "QUERENT_LLM_PROMPT_STYLE", "plain"));

        assertThat(settings.provider()).isEqualTo("openai");
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
    void providerNamesKeepTheirValuesInAnyCaseAndOllamaGetsItsDefaults() {
        LlmSettings ollama = settings(Map.of("QUERENT_LLM_PROVIDER", " OLLAMA "));

        assertThat(ollama.provider()).isEqualTo("ollama");
        assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(ollama.model()).isEqualTo("arctic-text2sql-r1");
        assertThat(settings(Map.of("QUERENT_LLM_PROVIDER", "NONE")).provider()).isEqualTo("none");
        assertThat(settings(Map.of("QUERENT_LLM_PROVIDER", "OpenAI", "QUERENT_LLM_MODEL", "m"))
                        .baseUrl())
                .isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void unsetTemperatureLeavesTheClientToChooseByCandidates() {
        assertThat(settings(Map.of("QUERENT_LLM_PROVIDER", "Ollama")).temperature())
                .isNull();
    }

    @Test
    void timeoutAcceptsSeveralFormsAndABareNumberIsSeconds() {
        assertThat(timeout("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(timeout("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(timeout("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(timeout("PT2M30S")).isEqualTo(Duration.ofSeconds(150));
    }

    private static Duration timeout(String value) {
        return settings(Map.of("QUERENT_LLM_PROVIDER", "ollama", "QUERENT_LLM_TIMEOUT", value))
                .timeout();
    }

    @Test
    void invalidValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> settings(Map.of("QUERENT_LLM_PROVIDER", "bedrock")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("querent.llm.provider (QUERENT_LLM_PROVIDER): unknown chat model provider 'bedrock'"
                        + " (known: none, ollama, openai)");
        assertThatThrownBy(() -> settings(Map.of("QUERENT_LLM_PROVIDER", "ollama", "QUERENT_LLM_CANDIDATES", "many")))
                .hasMessageContaining("querent.llm.candidates");
        assertThatThrownBy(() -> settings(Map.of("QUERENT_LLM_PROVIDER", "ollama", "QUERENT_LLM_TEMPERATURE", "3")))
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> settings(Map.of("QUERENT_LLM_PROVIDER", "openai")))
                .hasMessageContaining("model");
        assertThatThrownBy(() -> settings(Map.of("QUERENT_LLM_PROMPT_STYLE", "chatml")))
                .hasMessageContaining("querent.llm.prompt-style");
    }
}
