package dev.querent.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Serialised as a plain JSON string. */
public record TurnId(@JsonValue String value) {
    public TurnId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TurnId of(String value) {
        return new TurnId(value);
    }

    public static TurnId random() {
        return new TurnId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
