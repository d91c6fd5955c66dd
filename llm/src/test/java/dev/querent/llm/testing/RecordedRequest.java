package dev.querent.llm.testing;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request {@link FakeLlmServer} received.
 *
 * @param headers header names in lower case, first value only
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body) {

    /** The body parsed as JSON; a missing node when the body is empty. */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return JsonMapper.shared().missingNode();
        }
        return JsonMapper.shared().readTree(body);
    }
}
