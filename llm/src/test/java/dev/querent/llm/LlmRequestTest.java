package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LlmRequestTest {

    @Test
    void defaultsToOneCandidateAndNoPrefill() {
        LlmRequest request = new LlmRequest(null, "q", "", null, null, null);

        assertThat(request.n()).isEqualTo(1);
        assertThat(request.hasPrefill()).isFalse();
        assertThat(request.withPrefill("<think>").hasPrefill()).isTrue();
        assertThat(request.withSampling(0.5, 100, 3).n()).isEqualTo(3);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> LlmRequest.of(null, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LlmRequest(null, "q", null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LlmRequest(null, "q", null, null, null, 17))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LlmRequest(null, "q", null, -0.1, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LlmRequest(null, "q", null, null, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usageAddsUp() {
        TokenUsage total = new TokenUsage(10, 5, false).plus(new TokenUsage(1, 2, true));

        assertThat(total).isEqualTo(new TokenUsage(11, 7, true));
        assertThat(total.totalTokens()).isEqualTo(18);
    }

    @Test
    void responseAndChunkShapes() {
        LlmResponse response = new LlmResponse(List.of("a", "b"), TokenUsage.NONE, 3, "m");

        assertThat(response.text()).isEqualTo("a");
        assertThatThrownBy(() -> new LlmResponse(List.of(), TokenUsage.NONE, 0, "m"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LlmChunk.delta("x").isLast()).isFalse();
        assertThat(LlmChunk.last(TokenUsage.NONE).isLast()).isTrue();
    }
}
