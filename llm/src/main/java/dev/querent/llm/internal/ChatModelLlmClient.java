package dev.querent.llm.internal;

import dev.querent.core.QuerentException;
import dev.querent.llm.LlmChunk;
import dev.querent.llm.LlmClient;
import dev.querent.llm.LlmRequest;
import dev.querent.llm.LlmResponse;
import dev.querent.llm.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An {@link LlmClient} over a Spring AI {@link ChatModel}: message assembly with the assistant
 * prefill, candidates, retries, timeouts, usage accounting and error translation. Providers supply
 * the model, per-request options and the classification of their own exceptions.
 */
public abstract class ChatModelLlmClient implements LlmClient {
    private static final double SINGLE_CANDIDATE_TEMPERATURE = 0.2;
    private static final double MULTI_CANDIDATE_TEMPERATURE = 1.0;

    private final String providerName;
    private final String model;
    private final Double defaultTemperature;
    private final int defaultMaxTokens;
    private final Duration timeout;
    private final BoundedRetry retry;
    protected final ErrorTranslator errors;

    protected ChatModelLlmClient(
            String providerName,
            String baseUrl,
            String model,
            Double defaultTemperature,
            int defaultMaxTokens,
            Duration timeout,
            BoundedRetry retry) {
        this.providerName = providerName;
        this.model = model;
        this.defaultTemperature = defaultTemperature;
        this.defaultMaxTokens = defaultMaxTokens;
        this.timeout = timeout;
        this.retry = retry;
        this.errors = new ErrorTranslator(providerName, baseUrl, model, timeout);
    }

    protected abstract ChatModel chatModel();

    /** Provider options for one call generating {@code choices} completions of {@code request}. */
    protected abstract ChatOptions options(
            LlmRequest request, double temperature, int maxTokens, int choices, boolean streaming);

    /** Translates a provider-specific failure (never a {@link QuerentException}). */
    protected abstract Failure classify(Throwable error);

    /** How many completions one call may ask for; 1 where the provider has no {@code n}. */
    protected int maxChoicesPerCall() {
        return 1;
    }

    /** Whether separate calls for several candidates may run at the same time. */
    protected boolean concurrentCalls() {
        return false;
    }

    @Override
    public String providerName() {
        return providerName;
    }

    @Override
    public String model() {
        return model;
    }

    protected Duration timeout() {
        return timeout;
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        long start = System.nanoTime();
        double temperature = temperature(request, request.n());
        int maxTokens = request.maxTokens() == null ? defaultMaxTokens : request.maxTokens();
        List<String> candidates = new ArrayList<>();
        TokenUsage usage = TokenUsage.NONE;
        String answeredBy = null;
        while (candidates.size() < request.n()) {
            int missing = request.n() - candidates.size();
            int perCall = Math.min(missing, Math.max(1, maxChoicesPerCall()));
            List<Integer> calls = new ArrayList<>();
            for (int left = missing; left > 0; left -= perCall) {
                calls.add(Math.min(perCall, left));
            }
            for (CallResult result : run(request, temperature, maxTokens, calls)) {
                for (String text : result.texts()) {
                    candidates.add(withPrefill(request, text));
                }
                usage = usage.plus(result.usage());
                answeredBy = answeredBy == null ? result.model() : answeredBy;
            }
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new LlmResponse(candidates.subList(0, request.n()), usage, elapsed, answeredBy);
    }

    @Override
    public Flux<LlmChunk> stream(LlmRequest request) {
        return Flux.defer(() -> {
                    int maxTokens = request.maxTokens() == null ? defaultMaxTokens : request.maxTokens();
                    Prompt prompt = prompt(request, options(request, temperature(request, 1), maxTokens, 1, true));
                    AtomicBoolean modelSpoke = new AtomicBoolean();
                    StringBuilder generated = new StringBuilder();
                    AtomicReference<Usage> reported = new AtomicReference<>();

                    Flux<LlmChunk> deltas = Flux.defer(() -> chatModel().stream(prompt))
                            .timeout(timeout)
                            .retryWhen(retry.reactive(
                                    e -> !modelSpoke.get() && failure(e).transientFailure()))
                            .concatMap(response -> {
                                Usage usage = usageOf(response);
                                if (usage != null) {
                                    reported.set(usage);
                                }
                                String delta = firstText(response);
                                if (delta == null || delta.isEmpty()) {
                                    return Flux.empty();
                                }
                                modelSpoke.set(true);
                                generated.append(delta);
                                return Flux.just(LlmChunk.delta(delta));
                            });
                    Mono<LlmChunk> last = Mono.fromSupplier(() -> {
                        if (generated.toString().isBlank()) {
                            throw errors.badOutput("the completion is empty");
                        }
                        return LlmChunk.last(usage(request, reported.get(), generated.toString()));
                    });
                    Flux<LlmChunk> head =
                            request.hasPrefill() ? Flux.just(LlmChunk.delta(request.assistantPrefill())) : Flux.empty();
                    return head.concatWith(deltas).concatWith(last);
                })
                .onErrorMap(e -> failure(e).error());
    }

    private List<CallResult> run(LlmRequest request, double temperature, int maxTokens, List<Integer> calls) {
        if (calls.size() == 1 || !concurrentCalls()) {
            List<CallResult> results = new ArrayList<>();
            for (int choices : calls) {
                results.add(call(request, temperature, maxTokens, choices));
            }
            return results;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CallResult>> futures = new ArrayList<>();
            for (int choices : calls) {
                futures.add(executor.submit(() -> call(request, temperature, maxTokens, choices)));
            }
            List<CallResult> results = new ArrayList<>();
            for (Future<CallResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    executor.shutdownNow();
                    throw failure(e.getCause()).error();
                } catch (InterruptedException e) {
                    executor.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw errors.unavailable("call was interrupted", false, e).error();
                }
            }
            return results;
        }
    }

    private CallResult call(LlmRequest request, double temperature, int maxTokens, int choices) {
        Prompt prompt = prompt(request, options(request, temperature, maxTokens, choices, false));
        ChatResponse response = retry.call(() -> chatModel().call(prompt), this::failure);
        List<Generation> generations = response == null ? List.of() : response.getResults();
        if (generations == null || generations.isEmpty()) {
            throw errors.badOutput("it contains no completion");
        }
        List<String> texts = new ArrayList<>();
        for (Generation generation : generations) {
            AssistantMessage output = generation == null ? null : generation.getOutput();
            String text = output == null ? null : output.getText();
            texts.add(text == null ? "" : text);
        }
        if (texts.stream().allMatch(String::isBlank)) {
            throw errors.badOutput("the completion is empty");
        }
        ChatResponseMetadata metadata = response.getMetadata();
        String answeredBy = metadata == null
                        || metadata.getModel() == null
                        || metadata.getModel().isBlank()
                ? model
                : metadata.getModel();
        return new CallResult(texts, usage(request, usageOf(response), String.join("", texts)), answeredBy);
    }

    private Failure failure(Throwable error) {
        return error instanceof QuerentException qe ? new Failure(qe, false) : classify(error);
    }

    private Prompt prompt(LlmRequest request, ChatOptions options) {
        List<Message> messages = new ArrayList<>(3);
        if (request.system() != null && !request.system().isBlank()) {
            messages.add(new SystemMessage(request.system()));
        }
        messages.add(new UserMessage(request.user()));
        if (request.hasPrefill()) {
            // A trailing assistant message is how chat servers express "continue this turn".
            messages.add(new AssistantMessage(request.assistantPrefill()));
        }
        return new Prompt(messages, options);
    }

    private double temperature(LlmRequest request, int candidates) {
        if (request.temperature() != null) {
            return request.temperature();
        }
        if (defaultTemperature != null) {
            return defaultTemperature;
        }
        return candidates > 1 ? MULTI_CANDIDATE_TEMPERATURE : SINGLE_CANDIDATE_TEMPERATURE;
    }

    private static String withPrefill(LlmRequest request, String generated) {
        if (!request.hasPrefill()
                || generated.startsWith(request.assistantPrefill().strip())) {
            return generated;
        }
        return request.assistantPrefill() + generated;
    }

    private static Usage usageOf(ChatResponse response) {
        if (response == null || response.getMetadata() == null) {
            return null;
        }
        Usage usage = response.getMetadata().getUsage();
        if (usage == null || (positive(usage.getPromptTokens()) == 0 && positive(usage.getCompletionTokens()) == 0)) {
            return null;
        }
        return usage;
    }

    private static TokenUsage usage(LlmRequest request, Usage reported, String generated) {
        int prompt = reported == null ? 0 : positive(reported.getPromptTokens());
        int completion = reported == null ? 0 : positive(reported.getCompletionTokens());
        boolean estimated = false;
        if (prompt == 0) {
            prompt = TokenEstimator.estimatePrompt(request);
            estimated = true;
        }
        if (completion == 0 && !generated.isEmpty()) {
            completion = TokenEstimator.estimate(generated);
            estimated = true;
        }
        return new TokenUsage(prompt, completion, estimated);
    }

    private static String firstText(ChatResponse response) {
        if (response == null
                || response.getResults() == null
                || response.getResults().isEmpty()) {
            return null;
        }
        Generation generation = response.getResults().getFirst();
        return generation == null || generation.getOutput() == null
                ? null
                : generation.getOutput().getText();
    }

    private static int positive(Integer value) {
        return value == null || value < 0 ? 0 : value;
    }

    private record CallResult(List<String> texts, TokenUsage usage, String model) {}
}
