package dev.querent.api;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON requests against the running app, checking the status and returning the parsed body. */
public record JsonApi(WebTestClient http, JsonMapper json) {

    public JsonNode get(String uri) {
        return json.readTree(http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    public JsonNode post(String uri, Object body, int status) {
        return send(http.post().uri(uri), body, status);
    }

    public JsonNode put(String uri, Object body, int status) {
        return send(http.put().uri(uri), body, status);
    }

    private JsonNode send(WebTestClient.RequestBodySpec request, Object body, int status) {
        return json.readTree(request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody());
    }
}
