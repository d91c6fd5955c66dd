package dev.querent.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifier of a registered data source. */
/** Serialised as a plain JSON string. */
public record DataSourceId(@JsonValue String value) {
    public DataSourceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("data source id must not be blank");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DataSourceId of(String value) {
        return new DataSourceId(value);
    }

    public static DataSourceId random() {
        return new DataSourceId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
