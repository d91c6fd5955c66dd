package dev.querent.llm;

import reactor.core.publisher.Flux;

/**
 * A chat model behind one provider endpoint. Implementations are thread-safe and fail only with
 * {@link dev.querent.core.QuerentException}: {@code LLM_UNAVAILABLE} when the endpoint cannot serve
 * the request (down, timing out, 5xx after bounded retries, rejecting the credentials or the model),
 * {@code LLM_BAD_OUTPUT} when it answers with something that is not a usable completion.
 */
public interface LlmClient {

    /**
     * Generates {@code request.n()} candidates. Each candidate is the whole assistant turn: the
     * request's prefill (when there is one) followed by what the model generated after it.
     */
    LlmResponse complete(LlmRequest request);

    /**
     * Streams one candidate as text deltas; {@code request.n()} is not used. When the request has a
     * prefill, the first chunk is the prefill itself, so the concatenated deltas equal the candidate
     * {@link #complete} would return. The last chunk carries the token usage and no text.
     */
    Flux<LlmChunk> stream(LlmRequest request);

    /** A display name such as {@code Ollama} or {@code OpenAI-compatible}. */
    String providerName();

    /** The model requests are sent to. */
    String model();

    /** Probes the endpoint; never throws. */
    LlmHealth health();
}
