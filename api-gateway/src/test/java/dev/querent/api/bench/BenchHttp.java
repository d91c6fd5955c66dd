package dev.querent.api.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP for the benchmarks that drive the running application as a client would. */
final class BenchHttp {
    private BenchHttp() {}

    /** POSTs {@code body} (JSON) with the API key and reads the JSON response. */
    static JsonNode post(HttpClient http, JsonMapper json, String uri, String body, String apiKey) throws Exception {
        HttpResponse<String> res = http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Content-Type", "application/json")
                        .header("X-Api-Key", apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(res.body());
    }
}
