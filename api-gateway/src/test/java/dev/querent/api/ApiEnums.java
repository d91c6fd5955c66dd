package dev.querent.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the frontend takes from the OpenAPI document: the enumerations it publishes, rendered as the
 * TypeScript module the frontend's schemas take their enum values from ({@code
 * frontend/lib/api/generated/enums.ts}), and the document itself ({@code openapi.json}, from which
 * the frontend's build generates its API types with openapi-typescript), so the UI never copies a
 * Java type by hand.
 */
final class ApiEnums {
    static final String FILE = "lib/api/generated/enums.ts";
    static final String DOCUMENT = "lib/api/generated/openapi.json";
    static final String REGENERATE =
            "QUERENT_WRITE_API_ENUMS=1 ./mvnw -q -B test -pl api-gateway -am -Dtest=QuerentApiIT#theFrontendEnumsAreTheApiDocumentsEnums -Dsurefire.failIfNoSpecifiedTests=false"
                    + " && (cd frontend && npm run api:types)";

    private ApiEnums() {}

    /** Every {@code Schema.property} of the document's components whose values are an enumeration. */
    static Map<String, List<String>> of(JsonNode openApi) {
        Map<String, List<String>> enums = new TreeMap<>();
        JsonNode schemas = openApi.path("components").path("schemas");
        for (String schema : schemas.propertyNames()) {
            JsonNode properties = schemas.path(schema).path("properties");
            for (String property : properties.propertyNames()) {
                JsonNode p = properties.path(property);
                JsonNode values =
                        p.has("enum") ? p.get("enum") : p.path("items").path("enum");
                if (values.isArray() && !values.isEmpty()) {
                    List<String> list = new ArrayList<>();
                    values.forEach(v -> list.add(v.asString()));
                    enums.put(schema + "." + property, list);
                }
            }
        }
        return enums;
    }

    /**
     * The document as the frontend keeps it: without {@code servers} (the test server's random port),
     * keys sorted, indented, so that it changes only when the API does.
     */
    static String document(JsonNode openApi) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = mapper.treeToValue(openApi, Map.class);
        doc.remove("servers");
        return mapper.writeValueAsString(doc) + "\n";
    }

    static String typescript(Map<String, List<String>> enums) {
        StringBuilder ts = new StringBuilder();
        ts.append("// Generated from the OpenAPI document (/v3/api-docs) by QuerentApiIT; do not edit.\n")
                .append("// Regenerate after changing an enum of the API:\n")
                .append("//   ")
                .append(REGENERATE)
                .append("\n")
                .append("export const API_ENUMS = {\n");
        enums.forEach((name, values) -> {
            ts.append("  \"").append(name).append("\": [");
            for (int i = 0; i < values.size(); i++) {
                ts.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
            }
            ts.append("],\n");
        });
        return ts.append("} as const;\n").toString();
    }
}
