package dev.querent.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The enumerations the OpenAPI document publishes, rendered as the TypeScript module the frontend's
 * schemas take their enum values from ({@code frontend/lib/api/generated/enums.ts}), so the UI never
 * copies a Java enum by hand.
 */
final class ApiEnums {
    static final String FILE = "lib/api/generated/enums.ts";
    static final String REGENERATE =
            "QUERENT_WRITE_API_ENUMS=1 ./mvnw -q -B test -pl api-gateway -am -Dtest=QuerentApiIT#theFrontendEnumsAreTheApiDocumentsEnums -Dsurefire.failIfNoSpecifiedTests=false";

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
