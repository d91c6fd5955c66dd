package dev.querent.llm.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback HTTP server on a random port that answers like Ollama ({@code POST /api/chat} as JSON
 * or NDJSON stream, {@code GET /api/tags}, {@code POST /api/show}, {@code GET /api/version}) and like
 * an OpenAI-compatible server ({@code POST /v1/chat/completions} as JSON or SSE stream, {@code GET
 * /v1/models}). Chat requests take scripted {@link Reply replies} in order, then the default reply;
 * every request is recorded.
 *
 * <p>It also embeds, like Ollama ({@code POST /api/embed}) and OpenAI ({@code POST /v1/embeddings},
 * with float or base64 encoding): each text becomes its {@link #embedding hashed bag of words}, so
 * texts that share words are closer than texts that do not.
 *
 * <pre>{@code
 * try (FakeLlmServer server = FakeLlmServer.start()) {
 *     server.enqueue(Reply.fixture("arctic-answer.txt"));
 *     LlmClient client = OllamaLlmClient.builder().baseUrl(server.baseUrl()).build();
 *     ...
 *     assertThat(server.requests("/api/chat")).hasSize(1);
 * }
 * }</pre>
 */
public final class FakeLlmServer implements AutoCloseable {
    public static final String DEFAULT_MODEL = "arctic-text2sql-r1";
    public static final int DEFAULT_EMBEDDING_DIMENSIONS = 64;

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final Queue<Reply> embeddingScript = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Reply defaultReply = Reply.text("SELECT 1");
    private volatile List<String> models = List.of(DEFAULT_MODEL + ":latest");
    private volatile int embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;

    private FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-llm-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeLlmServer start() {
        try {
            return new FakeLlmServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake LLM server", e);
        }
    }

    /** Reads {@code /fixtures/<name>} from the classpath. */
    public static String fixture(String name) {
        return Reply.read("/fixtures/" + name);
    }

    /** The root URL, e.g. {@code http://127.0.0.1:41234}: Ollama's base URL. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    /** The OpenAI-compatible base URL: {@link #baseUrl()} + {@code /v1}. */
    public String openAiUrl() {
        return baseUrl() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Replies for the next chat requests, in order. */
    public FakeLlmServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply once the script is used up. */
    public FakeLlmServer defaultReply(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** The model names {@code /api/tags} and {@code /v1/models} list. */
    public FakeLlmServer models(String... names) {
        this.models = List.of(names);
        return this;
    }

    /**
     * Replies for the next embedding requests, in order, for their status, body, delay or dropped
     * connection; their texts are not used. A plain 200 reply, and every request once they are used
     * up, gets the computed embeddings.
     */
    public FakeLlmServer enqueueEmbeddings(Reply... replies) {
        embeddingScript.addAll(List.of(replies));
        return this;
    }

    /** The size of the vectors embedding requests get; {@value #DEFAULT_EMBEDDING_DIMENSIONS} by default. */
    public FakeLlmServer embeddingDimensions(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + dimensions);
        }
        this.embeddingDimensions = dimensions;
        return this;
    }

    /**
     * The vector this server answers for {@code text}: one count per word (lower-cased runs of
     * letters and digits) in a slot picked by the word's hash, L2-normalised. A text without words
     * gets the first unit vector.
     */
    public static float[] embedding(String text, int dimensions) {
        float[] vector = new float[dimensions];
        for (String word : words(text)) {
            int h = word.hashCode() * 0x9E3779B9;
            vector[Math.floorMod(h ^ (h >>> 16), dimensions)] += 1;
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            vector[0] = 1;
            return vector;
        }
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return vector;
    }

    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * Waits until at least {@code count} requests to {@code path} arrived or {@code max} passed, and
     * returns those recorded by then: for clients that give up before the server got to answer.
     */
    public List<RecordedRequest> awaitRequests(String path, int count, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (requests(path).size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return requests(path);
    }

    /** Forgets recorded requests and scripted replies. */
    public void reset() {
        requests.clear();
        script.clear();
        embeddingScript.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            requests.add(new RecordedRequest(method, path, headers, body));
            switch (method + " " + path) {
                case "POST /api/chat" -> chat(exchange, body, false);
                case "POST /v1/chat/completions" -> chat(exchange, body, true);
                case "POST /api/embed" -> embed(exchange, body, false);
                case "POST /v1/embeddings" -> embed(exchange, body, true);
                case "GET /api/tags" -> send(exchange, 200, "application/json", ollamaTags());
                case "POST /api/show" -> send(exchange, 200, "application/json", ollamaShow());
                case "GET /api/version" -> send(exchange, 200, "application/json", "{\"version\":\"0.0.0-fixture\"}");
                case "GET /v1/models" -> send(exchange, 200, "application/json", openAiModels());
                default -> send(exchange, 404, "application/json", "{\"error\":\"not found: " + path + "\"}");
            }
        } catch (Disconnect e) {
            // Escaping the handler makes the JDK server drop the connection without a response.
            throw e;
        } catch (IOException | RuntimeException e) {
            // The client gave up, as timeout tests make it do.
        }
    }

    private static final class Disconnect extends RuntimeException {
        Disconnect() {
            super("scripted disconnect", null, false, false);
        }
    }

    private void chat(HttpExchange exchange, String body, boolean openAi) throws IOException {
        Reply reply = script.poll();
        if (reply == null) {
            reply = defaultReply;
        }
        if (answeredAsScripted(exchange, reply)) {
            return;
        }
        JsonNode request = JSON.readTree(body);
        String model =
                reply.model() != null ? reply.model() : request.path("model").asString(DEFAULT_MODEL);
        if (openAi) {
            openAiChat(exchange, request, reply, model);
        } else {
            ollamaChat(exchange, request, reply, model);
        }
    }

    /** Waits, drops the connection or sends the raw body or error status as {@code reply} says. */
    private static boolean answeredAsScripted(HttpExchange exchange, Reply reply) throws IOException {
        pause(reply.delay());
        if (reply.dropConnection()) {
            throw new Disconnect();
        }
        if (reply.rawBody() != null || reply.status() != 200) {
            send(exchange, reply.status(), "application/json", reply.rawBody() == null ? "" : reply.rawBody());
            return true;
        }
        return false;
    }

    private void embed(HttpExchange exchange, String body, boolean openAi) throws IOException {
        Reply reply = embeddingScript.poll();
        if (reply != null && answeredAsScripted(exchange, reply)) {
            return;
        }
        JsonNode request = JSON.readTree(body);
        String model = request.path("model").asString("");
        // Both APIs take one string or an array of strings.
        JsonNode input = request.path("input");
        List<String> texts =
                input.isArray() ? input.valueStream().map(JsonNode::asString).toList() : List.of(input.asString(""));
        int dimensions = embeddingDimensions;
        int tokens = texts.stream().mapToInt(t -> words(t).size()).sum();
        ObjectNode response = JSON.createObjectNode();
        if (openAi) {
            boolean base64 = request.path("encoding_format").asString("float").equals("base64");
            response.put("object", "list");
            ArrayNode data = response.putArray("data");
            for (int i = 0; i < texts.size(); i++) {
                float[] vector = embedding(texts.get(i), dimensions);
                ObjectNode item = data.addObject();
                item.put("object", "embedding");
                item.put("index", i);
                if (base64) {
                    item.put("embedding", base64(vector));
                } else {
                    putFloats(item.putArray("embedding"), vector);
                }
            }
            response.put("model", model);
            ObjectNode usage = response.putObject("usage");
            usage.put("prompt_tokens", tokens);
            usage.put("total_tokens", tokens);
        } else {
            response.put("model", model);
            ArrayNode embeddings = response.putArray("embeddings");
            for (String text : texts) {
                putFloats(embeddings.addArray(), embedding(text, dimensions));
            }
            response.put("total_duration", 20_000_000L);
            response.put("load_duration", 1_000_000L);
            response.put("prompt_eval_count", tokens);
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(response));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    private static void putFloats(ArrayNode array, float[] vector) {
        for (float v : vector) {
            array.add(v);
        }
    }

    /** OpenAI's base64 encoding: the little-endian float32 bytes. */
    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private void ollamaChat(HttpExchange exchange, JsonNode request, Reply reply, String model) throws IOException {
        String text = reply.texts().getFirst();
        // Ollama streams unless the request says otherwise.
        boolean stream = request.path("stream").asBoolean(true);
        if (!stream) {
            ObjectNode response = ollamaChunk(model, text, true, reply, text);
            send(exchange, 200, "application/json", JSON.writeValueAsString(response));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String piece : split(text, reply.chunkSize())) {
            write(out, JSON.writeValueAsString(ollamaChunk(model, piece, false, reply, text)) + "\n");
            pause(reply.chunkDelay());
        }
        write(out, JSON.writeValueAsString(ollamaChunk(model, "", true, reply, text)) + "\n");
    }

    private ObjectNode ollamaChunk(String model, String content, boolean done, Reply reply, String fullText) {
        ObjectNode node = JSON.createObjectNode();
        node.put("model", model);
        node.put("created_at", Instant.now().toString());
        ObjectNode message = node.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        node.put("done", done);
        if (done) {
            node.put("done_reason", "stop");
            node.put("total_duration", 1_500_000_000L);
            node.put("load_duration", 1_000_000L);
            if (reply.reportsUsage()) {
                node.put("prompt_eval_count", reply.promptTokens());
                node.put("prompt_eval_duration", 100_000_000L);
                node.put("eval_count", reply.completionTokensFor(fullText));
                node.put("eval_duration", 1_200_000_000L);
            }
        }
        return node;
    }

    private void openAiChat(HttpExchange exchange, JsonNode request, Reply reply, String model) throws IOException {
        int n = request.path("n").asInt(1);
        String id = "chatcmpl-fixture-" + ids.incrementAndGet();
        long created = Instant.now().getEpochSecond();
        if (!request.path("stream").asBoolean(false)) {
            ObjectNode response = JSON.createObjectNode();
            response.put("id", id);
            response.put("object", "chat.completion");
            response.put("created", created);
            response.put("model", model);
            ArrayNode choices = response.putArray("choices");
            int completion = 0;
            for (int i = 0; i < n; i++) {
                String text = reply.texts().get(i % reply.texts().size());
                completion += reply.completionTokensFor(text);
                ObjectNode choice = choices.addObject();
                choice.put("index", i);
                ObjectNode message = choice.putObject("message");
                message.put("role", "assistant");
                message.put("content", text);
                message.putNull("refusal");
                choice.putNull("logprobs");
                choice.put("finish_reason", "stop");
            }
            if (reply.reportsUsage()) {
                putUsage(response, reply.promptTokens(), completion);
            }
            send(exchange, 200, "application/json", JSON.writeValueAsString(response));
            return;
        }
        String text = reply.texts().getFirst();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        boolean first = true;
        for (String piece : split(text, reply.chunkSize())) {
            ObjectNode delta = JSON.createObjectNode();
            if (first) {
                delta.put("role", "assistant");
                first = false;
            }
            delta.put("content", piece);
            write(out, sse(openAiChunk(id, created, model, delta, null)));
            pause(reply.chunkDelay());
        }
        write(out, sse(openAiChunk(id, created, model, JSON.createObjectNode(), "stop")));
        boolean wantsUsage =
                request.path("stream_options").path("include_usage").asBoolean(false);
        if (wantsUsage && reply.reportsUsage()) {
            ObjectNode usage = JSON.createObjectNode();
            usage.put("id", id);
            usage.put("object", "chat.completion.chunk");
            usage.put("created", created);
            usage.put("model", model);
            usage.putArray("choices");
            putUsage(usage, reply.promptTokens(), reply.completionTokensFor(text));
            write(out, sse(usage));
        }
        write(out, "data: [DONE]\n\n");
    }

    private static ObjectNode openAiChunk(String id, long created, String model, ObjectNode delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return chunk;
    }

    private static void putUsage(ObjectNode node, int prompt, int completion) {
        ObjectNode usage = node.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
    }

    private String ollamaTags() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("models");
        for (String name : models) {
            ObjectNode m = list.addObject();
            m.put("name", name);
            m.put("model", name);
            m.put("modified_at", "2025-06-01T12:00:00Z");
            m.put("size", 4_683_087_332L);
            m.put("digest", "sha256:fixture");
            ObjectNode details = m.putObject("details");
            details.put("format", "gguf");
            details.put("family", "qwen2");
            details.put("parameter_size", "7.6B");
            details.put("quantization_level", "Q4_K_M");
        }
        return JSON.writeValueAsString(root);
    }

    private static String ollamaShow() {
        ObjectNode root = JSON.createObjectNode();
        root.put("modelfile", "FROM ./arctic-text2sql-r1-7b.Q4_K_M.gguf");
        root.put("parameters", "stop \"<|im_end|>\"\nnum_ctx 8192");
        root.put("template", "{{ .Prompt }}");
        ObjectNode details = root.putObject("details");
        details.put("format", "gguf");
        details.put("family", "qwen2");
        root.putObject("model_info");
        root.putArray("capabilities").add("completion");
        return JSON.writeValueAsString(root);
    }

    private String openAiModels() {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String name : models) {
            ObjectNode m = data.addObject();
            m.put("id", name);
            m.put("object", "model");
            m.put("created", 1_700_000_000L);
            m.put("owned_by", "fixture");
        }
        return JSON.writeValueAsString(root);
    }

    private static String sse(ObjectNode node) {
        return "data: " + JSON.writeValueAsString(node) + "\n\n";
    }

    private static List<String> split(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i += size) {
            pieces.add(new String(cps, i, Math.min(size, cps.length - i)));
        }
        return pieces;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pause(Duration d) throws IOException {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
