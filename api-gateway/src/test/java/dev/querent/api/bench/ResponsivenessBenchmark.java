package dev.querent.api.bench;

import dev.querent.api.QuerentApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Does a cheap request stay fast while slow queries run? Boots the real application on a fresh
 * data directory (demo warehouse, no LLM), stores a deliberately heavy but guard-accepted query as a
 * verified pattern, asks its question in {@code slow} chats, then confirms all of them at once and,
 * until they have all come back, times {@code GET /api/chats} one request after another. Prints
 * p50/p95 of the cheap request idle and under load, and how the slow confirms ended. Run with
 * {@code ./querent bench responsive [slow]}.
 */
public final class ResponsivenessBenchmark {
    private static final String QUESTION = "Benchmark heavy order pair count";
    /** A cross join of orders with itself: guard-accepted, read-only, about a second on DuckDB. */
    static final String HEAVY_SQL = "SELECT COUNT(*) AS pairs FROM ecommerce.orders a CROSS JOIN ecommerce.orders b"
            + " CROSS JOIN healthcare.departments c"
            + " WHERE c.department_id <= 4 AND (a.order_id * 7 + b.order_id * 3 + c.department_id) % 9973 = 1";

    private ResponsivenessBenchmark() {}

    public static void main(String[] args) throws Exception {
        int slow = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dataDir = Files.createTempDirectory("querent-bench");
        ConfigurableApplicationContext ctx = new SpringApplication(QuerentApplication.class)
                .run(
                        "--server.port=0",
                        "--querent.data-dir=" + dataDir,
                        "--logging.level.root=WARN",
                        // One user sends all 20: measure the per-source bound, not the per-user one.
                        "--querent.limits.max-concurrent-queries-per-user=0");
        try {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            dev.querent.agents.access.Accounts accounts = ctx.getBean(dev.querent.agents.access.Accounts.class);
            apiKey = accounts.issueKey(accounts.find("admin").orElseThrow(), "bench", null, null)
                    .key();
            run("http://127.0.0.1:" + port, slow);
        } finally {
            ctx.close();
        }
    }

    private static void run(String base, int slow) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonMapper json = JsonMapper.builder().build();
        String ds = null;
        for (JsonNode d :
                send(http, json, "GET", base + "/api/datasources", null).body()) {
            if (d.get("isDefault").asBoolean()) {
                ds = d.get("id").asString();
            }
        }
        Reply pattern = send(
                http,
                json,
                "POST",
                base + "/api/knowledge/patterns",
                json.writeValueAsString(Map.of("dataSourceId", ds, "question", QUESTION, "sql", HEAVY_SQL)));
        if (pattern.status() != 201) {
            throw new IllegalStateException("the heavy query was not accepted: " + pattern.body());
        }
        List<String> turns = new ArrayList<>();
        for (int i = 0; i <= slow; i++) {
            String chat = send(http, json, "POST", base + "/api/chats", "{}")
                    .body()
                    .get("id")
                    .asString();
            JsonNode turn = send(
                            http,
                            json,
                            "POST",
                            base + "/api/chats/" + chat + "/messages",
                            json.writeValueAsString(Map.of("question", QUESTION)))
                    .body();
            if (!"PATTERN".equals(turn.get("source").asString())) {
                throw new IllegalStateException("the question was not answered by the pattern: " + turn);
            }
            turns.add(turn.get("id").asString());
        }
        for (int i = 0; i < 20; i++) { // warm-up
            send(http, json, "GET", base + "/api/chats", null);
        }
        List<Double> idle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            idle.add(timed(http, json, base + "/api/chats"));
        }
        long t0 = System.nanoTime();
        Reply single = send(http, json, "POST", base + "/api/turns/" + turns.removeFirst() + "/confirm", "{}");
        double singleMs = (System.nanoTime() - t0) / 1e6;

        List<CompletableFuture<HttpResponse<String>>> confirms = new ArrayList<>();
        long started = System.nanoTime();
        for (String turn : turns) {
            confirms.add(http.sendAsync(
                    request("POST", base + "/api/turns/" + turn + "/confirm", "{}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new));
        List<Double> loaded = new ArrayList<>();
        while (!all.isDone()) {
            loaded.add(timed(http, json, base + "/api/chats"));
            Thread.sleep(50);
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> f : confirms) {
            HttpResponse<String> r = f.join();
            JsonNode body = json.readTree(r.body());
            String what = body.has("state")
                    ? body.get("state").asString()
                            + (body.get("error").isNull()
                                    ? ""
                                    : " " + body.get("error").get("code").asString())
                    : String.valueOf(body.get("code"));
            outcomes.merge(r.statusCode() + " " + what, 1, Integer::sum);
        }
        System.out.printf(
                Locale.ROOT,
                "one heavy confirm alone: %.0f ms (%s, %d)%n",
                singleMs,
                single.body().get("state").asString(),
                single.status());
        System.out.printf(
                Locale.ROOT,
                "%d heavy confirms at once: all back after %.1f s; outcomes %s%n",
                slow,
                loadSeconds,
                outcomes);
        print("GET /api/chats idle", idle);
        print("GET /api/chats during load", loaded);
    }

    private record Reply(int status, JsonNode body) {}

    private static double timed(HttpClient http, JsonMapper json, String uri) throws Exception {
        long t = System.nanoTime();
        Reply r = send(http, json, "GET", uri, null);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + r.status());
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static String apiKey;

    private static HttpRequest request(String method, String uri, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(300))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey);
        return (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build();
    }

    private static Reply send(HttpClient http, JsonMapper json, String method, String uri, String body)
            throws Exception {
        HttpResponse<String> res = http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofString());
        return new Reply(res.statusCode(), json.readTree(res.body()));
    }

    private static void print(String label, List<Double> ms) {
        Latencies.print(label, ms, true);
    }
}
