package dev.querent.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void schemasStoredBeforeForeignKeysCouldBeInferredReadAsDeclared() {
        String stored = "{\"dialect\":\"SQLITE\",\"defaultSchema\":\"main\",\"takenAt\":\"2026-01-01T00:00:00Z\","
                + "\"tables\":[{\"schema\":\"main\",\"name\":\"orders\",\"kind\":\"TABLE\",\"columns\":[],"
                + "\"foreignKeys\":[{\"columns\":[\"customer_id\"],\"refSchema\":\"main\",\"refTable\":\"customers\","
                + "\"refColumns\":[\"customer_id\"]}],\"rowEstimate\":-1}]}";

        SchemaSnapshot s = Json.read(stored, SchemaSnapshot.class);

        assertThat(s.tables().getFirst().foreignKeys())
                .containsExactly(new ForeignKey(List.of("customer_id"), "main", "customers", List.of("customer_id")));
    }

    @Test
    void anInferredForeignKeyKeepsItsMarkThroughJson() {
        ForeignKey fk = new ForeignKey(List.of("a"), null, "t", List.of("id"), true);

        assertThat(Json.read(Json.write(fk), ForeignKey.class)).isEqualTo(fk);
    }
}
