package dev.querent.semantics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * One thing a question or a query mentions: an aggregate ({@code agg:count}), a grain ({@code
 * grain:month}), a value ({@code value:completed}), a flag such as {@code negation}, ... Made by
 * {@link ConceptKind#of(String)} or, for the kinds that carry no value, {@link ConceptKind#flag()}.
 *
 * <p>Its {@link #toString()} is the form people and the wire see ({@code kind:value}, or just {@code
 * kind} for a flag), and concepts sort by that form, so sets of them list in the same order as their
 * words.
 *
 * @param value what the concept is about; empty for the flag kinds
 */
public record Concept(ConceptKind kind, String value) implements Comparable<Concept> {

    public Concept {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (kind.isFlag() && !value.isEmpty()) {
            throw new IllegalArgumentException(kind + " carries no value: " + value);
        }
    }

    /** {@code kind:value}, or {@code kind} for a flag: how the concept is logged, shown and sent. */
    @JsonValue
    @Override
    public String toString() {
        return kind.isFlag() ? kind.prefix() : kind.prefix() + ":" + value;
    }

    @Override
    public int compareTo(Concept other) {
        return toString().compareTo(other.toString());
    }
}
