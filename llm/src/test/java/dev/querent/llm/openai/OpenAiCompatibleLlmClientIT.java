package dev.querent.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.llm.ChatModelProvider;
import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmClientContract;
import dev.querent.llm.LlmRequest;
import dev.querent.llm.LlmResponse;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.RecordedRequest;
import dev.querent.llm.testing.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@link LlmClientContract} over the OpenAI chat-completions API, plus what is particular to it. */
class OpenAiCompatibleLlmClientIT extends LlmClientContract {

    @Override
    protected ChatModelProvider provider() {
        return new OpenAiChatModelProvider();
    }

    @Override
    protected LlmClient clientAt(String baseUrl, Duration timeout) {
        return builder(baseUrl, timeout).apiKey("sk-test").build();
    }

    private OpenAiCompatibleLlmClient.Builder builder(String baseUrl, Duration timeout) {
        return OpenAiCompatibleLlmClient.builder()
                .baseUrl(baseUrl)
                .model(model())
                .timeout(timeout)
                .retries(3, Duration.ofMillis(20));
    }

    @Override
    protected String baseUrl(FakeLlmServer server) {
        return server.openAiUrl();
    }

    @Override
    protected String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    protected String providerName() {
        return "OpenAI-compatible";
    }

    @Override
    protected String model() {
        return "Snowflake/Arctic-Text2SQL-R1-7B";
    }

    @Override
    protected JsonNode sampling(JsonNode body) {
        return body;
    }

    @Test
    void requestCarriesSamplingMessagesAndKey() {
        server.enqueue(Reply.fixture("arctic-answer.txt"));

        client.complete(REQUEST);

        assertThat(chats()).hasSize(1);
        RecordedRequest recorded = chats().getFirst();
        assertThat(recorded.headers().get("authorization")).isEqualTo("Bearer sk-test");
        JsonNode body = recorded.json();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.has("n")).isFalse();
        assertThat(body.path("stream").asBoolean(false)).isFalse();
        assertThat(body.has("continue_final_message")).isFalse();
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
    void withoutKeyNoAuthorizationHeaderIsSent() {
        builder(server.openAiUrl(), Duration.ofSeconds(5)).build().complete(LlmRequest.of(null, "q"));

        assertThat(chats().getFirst().headers()).doesNotContainKey("authorization");
    }

    @Test
    void vllmContinuationFlagsAreSentOnlyWithAPrefill() {
        OpenAiCompatibleLlmClient vllm = builder(server.openAiUrl(), Duration.ofSeconds(5))
                .continueFinalMessage(true)
                .build();

        vllm.complete(REQUEST);
        vllm.complete(LlmRequest.of(null, "no prefill"));

        List<RecordedRequest> chats = chats();
        assertThat(chats.get(0).json().path("continue_final_message").asBoolean(false))
                .isTrue();
        assertThat(chats.get(0).json().path("add_generation_prompt").asBoolean(true))
                .isFalse();
        assertThat(chats.get(1).json().has("continue_final_message")).isFalse();
    }

    @Test
    void streamAsksForUsage() {
        client.stream(REQUEST).collectList().block(Duration.ofSeconds(10));

        assertThat(chats().getFirst()
                        .json()
                        .path("stream_options")
                        .path("include_usage")
                        .asBoolean(false))
                .isTrue();
    }

    @Test
    void streamWithoutUsageEstimates() {
        server.enqueue(Reply.text("SELECT name FROM customers").withoutUsage());

        var chunks = client.stream(LlmRequest.of(null, "q")).collectList().block(Duration.ofSeconds(10));

        assertThat(chunks.getLast().usage().estimated()).isTrue();
        assertThat(chunks.getLast().usage().completionTokens()).isEqualTo(7);
    }

    @Test
    void separateCandidateRequestsDoNotAskForN() {
        client.complete(new LlmRequest(null, "q", null, null, null, 4));

        assertThat(chats()).hasSize(4).allSatisfy(r -> assertThat(r.json().has("n"))
                .isFalse());
    }

    @Test
    void nativeCandidatesAskForNInOneRequest() {
        OpenAiCompatibleLlmClient nativeN = builder(server.openAiUrl(), Duration.ofSeconds(5))
                .nativeCandidates(true)
                .build();
        server.enqueue(Reply.text("SELECT 1", "SELECT 2", "SELECT 3").withUsage(100, 15));

        LlmResponse response = nativeN.complete(new LlmRequest(null, "q", null, null, null, 3));

        assertThat(response.candidates()).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
        assertThat(response.usage().completionTokens()).isEqualTo(45);
        assertThat(chats()).hasSize(1);
        assertThat(chats().getFirst().json().path("n").asInt()).isEqualTo(3);
    }

    @Test
    void rateLimitIsRetried() {
        server.enqueue(Reply.status(429, "slow down"), Reply.text("SELECT 1"));

        assertThat(client.complete(LlmRequest.of(null, "q")).text()).isEqualTo("SELECT 1");
        assertThat(chats()).hasSize(2);
    }

    @Test
    void rejectedKeyIsUnavailableWithoutRetry() {
        server.enqueue(Reply.status(401, "Invalid API key"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP 401").doesNotContain("sk-test");
        });
        assertThat(chats()).hasSize(1);
    }

    @Test
    void badRequestCarriesTheServerExplanation() {
        server.enqueue(Reply.status(400, "'n' must be 1"));

        assertThatThrownBy(() -> client.complete(REQUEST)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP 400").contains("'n' must be 1");
        });
    }

    @Test
    void jsonWithoutChoicesIsBadOutput() {
        server.enqueue(Reply.raw(
                200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[]}"));

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void choiceWithoutAMessageIsBadOutput() {
        server.enqueue(Reply.raw(
                200,
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}"));

        assertThatThrownBy(() -> client.complete(REQUEST))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_BAD_OUTPUT));
    }

    @Test
    void healthSendsTheKeyAndNamesTheModelsThereAre() {
        server.models("some-other-model");

        assertThat(client.health().detail()).contains("some-other-model");
        assertThat(server.requests("/v1/models").getFirst().headers().get("authorization"))
                .isEqualTo("Bearer sk-test");
    }
}
