package dev.querent.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Serialised as a plain JSON string. */
public record ChatId(@JsonValue String value) {
    public ChatId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChatId of(String value) {
        return new ChatId(value);
    }

    public static ChatId random() {
        return new ChatId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
