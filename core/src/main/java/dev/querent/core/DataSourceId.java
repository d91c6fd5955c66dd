package dev.querent.core;

import java.util.Objects;
import java.util.UUID;

/** Identifier of a registered data source. */
public record DataSourceId(String value) {
    public DataSourceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("data source id must not be blank");
        }
    }

    public static DataSourceId random() {
        return new DataSourceId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
