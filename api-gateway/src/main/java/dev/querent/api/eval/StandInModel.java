package dev.querent.api.eval;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * <b>An evaluation tool, never a product feature.</b> A loopback server speaking the
 * OpenAI-compatible chat-completions protocol ({@code POST /v1/chat/completions}, {@code GET
 * /v1/models}) that answers each prompt with the SQL {@code answer} gives for the question the
 * prompt carries. {@code querent eval --model oracle|perturbing} starts one and points the product at
 * it exactly as it would point at a real model, so everything around the model — routing, prompts,
 * extraction, validation, confidence — is measured as it runs for users.
 *
 * <p>The question is read from the prompt's {@code Question:} section (the same in the Arctic and
 * plain prompt styles, and in repair prompts). When {@code answer} knows no SQL for it, the reply has
 * no SQL block, as a model that cannot answer would. A request asking to stream gets the same reply
 * as server-sent events, line by line.
 */
public final class StandInModel implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Function<String, Optional<String>> answer;
    private final String name;
    private final AtomicLong calls = new AtomicLong();
    private final java.util.Deque<String> prompts = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** Prompts kept for {@link #prompts()}: the latest few, enough to see what a turn was told. */
    private static final int KEPT_PROMPTS = 20;

    /**
     * @param name the model name the server serves
     * @param answer SQL for a question (as it appears in the prompt), or empty
     */
    public StandInModel(String name, Function<String, Optional<String>> answer) throws IOException {
        this.name = name;
        this.answer = answer;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stand-in-model");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The OpenAI-compatible base URL, including {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public String name() {
        return name;
    }

    /** Chat completions answered so far. */
    public long calls() {
        return calls.get();
    }

    /** The user messages of the latest chat completions (at most 20), oldest first. */
    public java.util.List<String> prompts() {
        return java.util.List.copyOf(prompts);
    }

    /** The text of the {@code Question:} section of a prompt, or null when it has none. */
    static String questionOf(String prompt) {
        int at = prompt.startsWith("Question:\n") ? 0 : prompt.indexOf("\n\nQuestion:\n");
        if (at < 0) {
            return null;
        }
        int start = prompt.indexOf('\n', at == 0 ? 0 : at + 2) + 1;
        int end = prompt.indexOf("\n\n", start);
        return (end < 0 ? prompt.substring(start) : prompt.substring(start, end)).strip();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /v1/models" ->
                    send(
                            exchange,
                            200,
                            "{\"object\":\"list\",\"data\":[{\"id\":" + JSON.writeValueAsString(name)
                                    + ",\"object\":\"model\",\"created\":0,\"owned_by\":\"querent-eval\"}]}");
                case "POST /v1/chat/completions" -> complete(exchange);
                default -> send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
            }
        }
    }

    private void complete(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String question = null;
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asString())) {
                prompts.addLast(m.path("content").asString());
                while (prompts.size() > KEPT_PROMPTS) {
                    prompts.pollFirst();
                }
                String q = questionOf(m.path("content").asString());
                question = q == null ? question : q;
            }
        }
        Optional<String> sql = question == null ? Optional.empty() : answer.apply(question);
        String text = sql.map(s ->
                        "The stand-in knows this query.\n</think>\n<answer>\n```sql\n" + s.strip() + "\n```\n</answer>")
                .orElse("The stand-in has no query for this question.\n</think>\n<answer>\nNo answer.\n</answer>");
        int promptTokens = request.toString().length() / 4;
        if (request.path("stream").asBoolean(false)) {
            stream(exchange, request, text, promptTokens);
            return;
        }
        int n = Math.max(1, request.path("n").asInt(1));
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-eval-" + calls.get());
        response.put("object", "chat.completion");
        response.put("created", 0);
        response.put("model", name);
        var choices = response.putArray("choices");
        for (int i = 0; i < n; i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", text);
            choice.put("finish_reason", "stop");
        }
        ObjectNode usage = response.putObject("usage");
        int completionTokens = n * text.length() / 4;
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        send(exchange, 200, JSON.writeValueAsString(response));
    }

    /** The same answer as server-sent events, one line per chunk, as a streaming model sends it. */
    private void stream(HttpExchange exchange, JsonNode request, String text, int promptTokens) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            String id = "chatcmpl-eval-" + calls.get();
            List<String> pieces = new ArrayList<>();
            for (String line : text.split("(?<=\n)")) {
                pieces.add(line);
            }
            for (int i = 0; i < pieces.size(); i++) {
                ObjectNode delta = JSON.createObjectNode();
                if (i == 0) {
                    delta.put("role", "assistant");
                }
                delta.put("content", pieces.get(i));
                event(out, chunk(id, delta, null));
            }
            event(out, chunk(id, JSON.createObjectNode(), "stop"));
            if (request.path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode usage = JSON.createObjectNode();
                usage.put("id", id);
                usage.put("object", "chat.completion.chunk");
                usage.put("created", 0);
                usage.put("model", name);
                usage.putArray("choices");
                ObjectNode u = usage.putObject("usage");
                int completionTokens = text.length() / 4;
                u.put("prompt_tokens", promptTokens);
                u.put("completion_tokens", completionTokens);
                u.put("total_tokens", promptTokens + completionTokens);
                event(out, usage);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private ObjectNode chunk(String id, ObjectNode delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 0);
        chunk.put("model", name);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return chunk;
    }

    private static void event(OutputStream out, JsonNode node) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(node) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
