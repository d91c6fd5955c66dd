package dev.querent.api.bench;

import dev.querent.api.QuerentApplication;
import dev.querent.llm.testing.FakeLlmServer;
import dev.querent.llm.testing.Reply;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency from a question to its plan card when a model drafts the SQL, and where a turn's time
 * goes. The model is a local stand-in speaking the Ollama protocol that answers after a fixed delay
 * (the only part replaced); everything else is the real application on the demo warehouse. Each
 * question is asked twice per round, with the model's delay at 0 and at the given delay: the first
 * measures planning and checks (retrieval, prompt, guard, schema check, {@code EXPLAIN},
 * back-translation, plan read from the SQL), the difference the model. Confirm → rows measures the
 * last validation and the execution. Run with {@code ./querent bench model [delayMs] [rounds]}.
 */
public final class ModelLatencyBenchmark {
    /** Questions the offline rules leave to the model, with the SQL the stand-in drafts for each. */
    private static final Map<String, String> QUESTIONS = Map.of(
            "What share of the orders were cancelled?",
            "SELECT AVG(CASE WHEN status = 'cancelled' THEN 1.0 ELSE 0 END) AS cancelled_share FROM ecommerce.orders",
            "Which customers ordered in two different years?",
            "SELECT c.customer_id, c.first_name, c.last_name FROM ecommerce.customers c"
                    + " JOIN ecommerce.orders o ON o.customer_id = c.customer_id GROUP BY c.customer_id,"
                    + " c.first_name, c.last_name HAVING COUNT(DISTINCT EXTRACT(YEAR FROM o.order_date)) >= 2",
            "Which products have never been ordered?",
            "SELECT p.product_id, p.name FROM ecommerce.products p WHERE NOT EXISTS"
                    + " (SELECT 1 FROM ecommerce.order_items oi WHERE oi.product_id = p.product_id)");

    private static String apiKey;

    private ModelLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        long delayMs = args.length > 0 ? Long.parseLong(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dataDir = Files.createTempDirectory("querent-bench-model");
        try (FakeLlmServer model = FakeLlmServer.start()) {
            ConfigurableApplicationContext ctx = new SpringApplication(QuerentApplication.class)
                    .run(
                            "--server.port=0",
                            "--querent.data-dir=" + dataDir,
                            "--logging.level.root=WARN",
                            "--querent.llm.provider=ollama",
                            "--querent.llm.base-url=" + model.baseUrl(),
                            "--querent.llm.model=" + FakeLlmServer.DEFAULT_MODEL,
                            "--querent.llm.timeout=60s");
            try {
                int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
                var accounts = ctx.getBean(dev.querent.agents.access.Accounts.class);
                apiKey = accounts.issueKey(accounts.find("admin").orElseThrow(), "bench", null, null)
                        .key();
                run(model, "http://127.0.0.1:" + port, delayMs, rounds);
            } finally {
                ctx.close();
            }
        }
    }

    private static void run(FakeLlmServer model, String base, long delayMs, int rounds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        List<Double> planNoDelay = new ArrayList<>();
        List<Double> planDelayed = new ArrayList<>();
        List<Double> answer = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        int drafted = 0;
        for (int r = -1; r < rounds; r++) { // one warm-up round is not recorded
            for (Map.Entry<String, String> q : QUESTIONS.entrySet()) {
                double fast = ask(http, json, model, base, q, Duration.ZERO)[0];
                double[] slow = ask(http, json, model, base, q, Duration.ofMillis(delayMs));
                if (r < 0 || Double.isNaN(fast) || Double.isNaN(slow[0])) {
                    continue;
                }
                drafted++;
                planNoDelay.add(fast);
                planDelayed.add(slow[0]);
                answer.add(slow[1]);
                whole.add(slow[0] + slow[1]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "model delay %d ms, questions %d, rounds %d, drafted and answered turns %d%n",
                delayMs,
                QUESTIONS.size(),
                rounds,
                drafted);
        Latencies.print("question → plan card, model 0 ms", planNoDelay, false);
        Latencies.print("question → plan card, model " + delayMs + " ms", planDelayed, false);
        Latencies.print("confirm → rows", answer, false);
        Latencies.print("whole turn", whole, false);
        double p = median(planNoDelay);
        double m = median(planDelayed) - p;
        double e = median(answer);
        double t = p + m + e;
        System.out.printf(
                Locale.ROOT,
                "share of a turn (medians): model %.1f %%, planning and checks %.1f %%, last check and execution %.1f %%%n",
                100 * m / t,
                100 * p / t,
                100 * e / t);
    }

    /** {ask → plan card ms, confirm → rows ms}, NaN when the turn was not drafted and answered. */
    private static double[] ask(
            HttpClient http,
            JsonMapper json,
            FakeLlmServer model,
            String base,
            Map.Entry<String, String> q,
            Duration delay)
            throws Exception {
        model.enqueue(Reply.text("<answer>\n```sql\n" + q.getValue() + "\n```\n</answer>")
                .withDelay(delay));
        String chat = post(http, json, base + "/api/chats", "{}").get("id").asString();
        long t0 = System.nanoTime();
        JsonNode turn = post(
                http,
                json,
                base + "/api/chats/" + chat + "/messages",
                json.writeValueAsString(Map.of("question", q.getKey())));
        long t1 = System.nanoTime();
        if (!"AWAITING_CONFIRMATION".equals(turn.get("state").asString())
                || turn.path("draftSql").isNull()
                || turn.path("draftSql").isMissingNode()) {
            model.reset();
            return new double[] {Double.NaN, Double.NaN};
        }
        JsonNode done = post(http, json, base + "/api/turns/" + turn.get("id").asString() + "/confirm", "{}");
        long t2 = System.nanoTime();
        if (!"ANSWERED".equals(done.get("state").asString())) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6};
    }

    private static double median(List<Double> ms) {
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    private static JsonNode post(HttpClient http, JsonMapper json, String uri, String body) throws Exception {
        return BenchHttp.post(http, json, uri, body, apiKey);
    }
}
