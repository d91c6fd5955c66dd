package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.llm.ollama.OllamaChatModelProvider;
import dev.querent.llm.ollama.OllamaLlmClient;
import dev.querent.llm.openai.OpenAiChatModelProvider;
import dev.querent.llm.openai.OpenAiCompatibleLlmClient;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings to client to prompt to completion to SQL, for both providers, against the fixture server. */
class ArcticRoundTripIT {
    private static final String EXPECTED_SQL =
            "SELECT country, COUNT(*) AS customer_count\nFROM customers\nGROUP BY country\nORDER BY customer_count DESC";

    private static final String EXPECTED_SQL_2 =
            "SELECT c.country, COUNT(c.customer_id) AS customer_count\nFROM customers AS c\nGROUP BY c.country\n"
                    + "ORDER BY customer_count DESC";

    private static final ChatModelRegistry REGISTRY =
            new ChatModelRegistry(List.of(new OllamaChatModelProvider(), new OpenAiChatModelProvider()));

    private FakeLlmServer server;

    @BeforeEach
    void start() {
        server = FakeLlmServer.start().models("arctic-text2sql-r1:latest", "arctic");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ollamaFromSettings() {
        LlmClient client = REGISTRY.create(
                        new LlmSettings("ollama", server.baseUrl(), null, null, null, null, Duration.ofSeconds(5), 2))
                .orElseThrow();
        assertThat(client).isInstanceOf(OllamaLlmClient.class);
        assertThat(client.providerName()).isEqualTo("Ollama");
        assertThat(client.model()).isEqualTo("arctic-text2sql-r1");
        assertThat(client.health().healthy()).isTrue();

        roundTrip(client, "/api/chat");
    }

    @Test
    void openAiFromSettings() {
        LlmClient client = REGISTRY.create(new LlmSettings(
                        "openai", server.openAiUrl(), "arctic", null, null, null, Duration.ofSeconds(5), 2))
                .orElseThrow();
        assertThat(client).isInstanceOf(OpenAiCompatibleLlmClient.class);
        assertThat(client.health().healthy()).isTrue();

        roundTrip(client, "/v1/chat/completions");
    }

    @Test
    void plainStyleWithAGeneralInstructModel() {
        LlmClient client = REGISTRY.create(new LlmSettings(
                        "ollama",
                        server.baseUrl(),
                        "qwen2.5-coder:7b",
                        null,
                        null,
                        null,
                        Duration.ofSeconds(5),
                        1,
                        PromptStyle.PLAIN))
                .orElseThrow();
        server.enqueue(Reply.fixture("plain-answer.txt"));
        ChatPrompt prompt = new SqlPromptBuilder()
                .build(
                        SampleSchema.snapshot(Dialect.SQLITE),
                        "How many customers per country?",
                        PromptOptions.of(PromptStyle.PLAIN));

        String answer = client.complete(prompt.toRequest()).text();

        assertThat(SqlExtractor.extract(answer))
                .contains("SELECT country, COUNT(*) AS customer_count FROM customers GROUP BY country ORDER BY"
                        + " customer_count DESC");
        assertThat(server.requests("/api/chat")
                        .getFirst()
                        .json()
                        .path("messages")
                        .size())
                .isEqualTo(2);
    }

    private void roundTrip(LlmClient client, String path) {
        server.enqueue(Reply.fixture("arctic-answer.txt"), Reply.fixture("arctic-answer-2.txt"));
        ChatPrompt prompt = new SqlPromptBuilder()
                .build(SampleSchema.snapshot(Dialect.SQLITE), "How many customers per country?", null);

        LlmResponse response = client.complete(prompt.toRequest(null, null, 2));

        List<String> sql = response.candidates().stream()
                .map(c -> SqlExtractor.extract(c).orElseThrow())
                .toList();
        // OpenAI-compatible candidates are requested concurrently, so their order is not fixed.
        assertThat(sql).containsExactlyInAnyOrder(EXPECTED_SQL, EXPECTED_SQL_2);
        assertThat(server.requests(path)).hasSize(2).allSatisfy(r -> assertThat(
                        r.json().toString())
                .contains("Database Engine:\\nSQLite")
                .contains(SqlPromptBuilder.ARCTIC_PREFILL.replace("\n", "\\n")));
    }
}
