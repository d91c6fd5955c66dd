package dev.querent.llm.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.llm.ChatModelProvider;
import dev.querent.llm.LlmChunk;
import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmClientContract;
import dev.querent.llm.LlmHealth;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@link LlmClientContract} over Ollama's native API, plus what is particular to it. */
class OllamaLlmClientIT extends LlmClientContract {

    @Override
    protected ChatModelProvider provider() {
        return new OllamaChatModelProvider();
    }

    @Override
    protected LlmClient clientAt(String baseUrl, Duration timeout) {
        return OllamaLlmClient.builder()
                .baseUrl(baseUrl)
                .model(model())
                .timeout(timeout)
                .retries(3, Duration.ofMillis(20))
                .build();
    }

    @Override
    protected String baseUrl(FakeLlmServer server) {
        return server.baseUrl();
    }

    @Override
    protected String chatPath() {
        return "/api/chat";
    }

    @Override
    protected String providerName() {
        return "Ollama";
    }

    @Override
    protected String model() {
        return "arctic-text2sql-r1";
    }

    @Override
    protected String listedModel() {
        return model() + ":latest";
    }

    @Override
    protected JsonNode sampling(JsonNode body) {
        return body.path("options");
    }

    @Test
    void requestCarriesModelOptionsAndMessagesWithPrefillLast() {
        server.enqueue(Reply.fixture("arctic-answer.txt"));

        client.complete(REQUEST);

        assertThat(chats()).hasSize(1);
        JsonNode body = chats().getFirst().json();
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(512);
        assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(8192);
        assertThat(body.path("options").path("stop").get(0).asString()).isEqualTo("<|im_end|>");
        JsonNode messages = body.path("messages");
        assertThat(messages.size()).isEqualTo(3);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asString()).isEqualTo("You write SQL.");
        assertThat(messages.get(1).path("role").asString()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("How many customers per country?");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.get(2).path("content").asString()).isEqualTo(PREFILL);
    }

    @Test
    void streamOpensWithThePrefill() {
        server.enqueue(Reply.fixture("arctic-answer.txt"));

        List<LlmChunk> chunks = client.stream(REQUEST).collectList().block(Duration.ofSeconds(10));

        assertThat(chunks.getFirst().text()).isEqualTo(PREFILL);
    }

    @Test
    void jsonWithoutAMessageIsBadOutput() {
        server.enqueue(Reply.raw(200, "{\"model\":\"arctic-text2sql-r1\",\"done\":true}"));

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void unknownModelIsUnavailableWithoutRetry() {
        server.enqueue(Reply.raw(404, "{\"error\":\"model 'arctic-text2sql-r1' not found\"}"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("does not know model 'arctic-text2sql-r1'");
        });
        assertThat(chats()).hasSize(1);
    }

    @Test
    void streamOfMalformedLinesIsBadOutput() {
        server.enqueue(
                Reply.raw(
                        200,
                        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"SEL\"},\"done\":false}\nnot json at all\n"));

        assertThatThrownBy(() -> client.stream(REQUEST).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void missingModelHealthSaysHowToCreateIt() {
        server.models("qwen2.5-coder:7b");

        assertThat(client.health().detail()).contains("ollama create arctic-text2sql-r1");
    }

    @Test
    void healthOfSomethingElseIsReachableButNotUsable() {
        try (FakeLlmServer other = FakeLlmServer.start()) {
            // The fixture has no /api/tags under /v1: a server that is up but is not Ollama.
            LlmHealth health =
                    clientAt(other.openAiUrl(), Duration.ofSeconds(5)).health();

            assertThat(health.reachable()).isTrue();
            assertThat(health.modelPresent()).isFalse();
            assertThat(health.detail()).contains("HTTP 404");
        }
    }
}
