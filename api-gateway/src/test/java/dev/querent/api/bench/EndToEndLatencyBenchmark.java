package dev.querent.api.bench;

import dev.querent.api.QuerentApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end latency of a question on the demo warehouse with the offline generator (no LLM):
 * boots the real application on a fresh data directory, then over HTTP asks each question, confirms
 * the plan and waits for the rows. Prints p50/p95 of planning, of confirm→rows, and of the whole
 * turn. Run with {@code ./querent bench e2e}.
 */
public final class EndToEndLatencyBenchmark {
    private static final List<String> QUESTIONS = List.of(
            "How many orders were placed per month in 2024?",
            "What is the total revenue by product category?",
            "Top 5 customers by number of orders",
            "How many customers are there per country?",
            "Average order value per year",
            "How many orders per status?",
            "How many appointments per department?",
            "Total sales amount per store",
            "How many active subscriptions per plan?",
            "Average loan amount by loan type");

    private EndToEndLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dataDir = Files.createTempDirectory("querent-bench");
        ConfigurableApplicationContext ctx = new SpringApplication(QuerentApplication.class)
                .run("--server.port=0", "--querent.data-dir=" + dataDir, "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            dev.querent.agents.access.Accounts accounts = ctx.getBean(dev.querent.agents.access.Accounts.class);
            apiKey = accounts.issueKey(accounts.find("admin").orElseThrow(), "bench", null, null)
                    .key();
            System.out.println("== as the administrator (no data scope)");
            run("http://127.0.0.1:" + port, rounds);
            // The same questions as an analyst whose data scope filters and masks two tables: the
            // scope is resolved and applied on the SQL tree for every plan, answer and schema.
            var scopes = ctx.getBean(dev.querent.agents.access.DataScopes.class);
            var ds = ctx.getBean(dev.querent.agents.DataSourceService.class)
                    .defaultId()
                    .orElseThrow();
            scopes.setRules(
                    ds,
                    List.of(new dev.querent.agents.access.DataScopes.Rule(
                            "role:ANALYST",
                            null,
                            java.util.Map.of(
                                    "ecommerce.customers",
                                    new dev.querent.agents.access.DataScopes.TableRule(
                                            null,
                                            java.util.Map.of("email", dev.querent.core.sql.ColumnMask.REDACTED),
                                            List.of("country = :user.country")),
                                    "ecommerce.orders",
                                    new dev.querent.agents.access.DataScopes.TableRule(
                                            null, java.util.Map.of(), List.of("status <> :user.hidden_status"))))));
            var analyst = accounts.create(
                    "bench-analyst",
                    "bench-analyst-password",
                    null,
                    dev.querent.agents.access.Role.ANALYST,
                    java.util.Map.of("country", "Germany", "hidden_status", "cancelled"));
            apiKey = accounts.issueKey(analyst, "bench", null, null).key();
            System.out.println("== as an analyst with a data scope (row filters on customers and orders, a mask)");
            run("http://127.0.0.1:" + port, rounds);
            authCost("http://127.0.0.1:" + port, rounds * 20);
        } finally {
            ctx.close();
        }
    }

    private static String apiKey;

    /**
     * What signing a request in costs: the same cheap read with an API key (a key lookup per
     * request) and without credentials (refused before any handler runs), and an anonymous health
     * probe for the transport alone.
     */
    private static void authCost(String base, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Double> keyed = new ArrayList<>();
        List<Double> refused = new ArrayList<>();
        List<Double> health = new ArrayList<>();
        for (int i = -50; i < n; i++) {
            double a = time(http, base + "/api/auth/me", apiKey);
            double b = time(http, base + "/api/auth/me", null);
            double c = time(http, base + "/actuator/health", null);
            if (i >= 0) {
                keyed.add(a);
                refused.add(b);
                health.add(c);
            }
        }
        print("GET /api/auth/me, API key", keyed);
        print("GET /api/auth/me, no key (401)", refused);
        print("GET /actuator/health", health);
    }

    private static double time(HttpClient http, String uri, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri));
        if (key != null) {
            b.header("X-Api-Key", key);
        }
        long t0 = System.nanoTime();
        http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void run(String base, int rounds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        List<Double> plan = new ArrayList<>();
        List<Double> answer = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        int answered = 0;
        int unanswered = 0;
        for (int r = -2; r < rounds; r++) { // two warm-up rounds are not recorded
            for (String q : QUESTIONS) {
                String chat =
                        post(http, json, base + "/api/chats", "{}").get("id").asString();
                long t0 = System.nanoTime();
                JsonNode turn = post(
                        http,
                        json,
                        base + "/api/chats/" + chat + "/messages",
                        json.writeValueAsString(java.util.Map.of("question", q)));
                long t1 = System.nanoTime();
                if (!"AWAITING_CONFIRMATION".equals(turn.get("state").asString())) {
                    if (r == 0) {
                        unanswered++;
                    }
                    continue;
                }
                JsonNode done =
                        post(http, json, base + "/api/turns/" + turn.get("id").asString() + "/confirm", "{}");
                long t2 = System.nanoTime();
                if (r < 0) {
                    continue;
                }
                if ("ANSWERED".equals(done.get("state").asString())) {
                    answered++;
                    plan.add((t1 - t0) / 1e6);
                    answer.add((t2 - t1) / 1e6);
                    total.add((t2 - t0) / 1e6);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "questions: %d, rounds: %d, answered turns: %d, not planned per round: %d%n",
                QUESTIONS.size(),
                rounds,
                answered,
                unanswered);
        print("plan (ask → plan proposed)", plan);
        print("answer (confirm → rows)", answer);
        print("whole turn", total);
    }

    private static JsonNode post(HttpClient http, JsonMapper json, String uri, String body) throws Exception {
        return BenchHttp.post(http, json, uri, body, apiKey);
    }

    private static void print(String label, List<Double> ms) {
        Latencies.print(label, ms, false);
    }
}
