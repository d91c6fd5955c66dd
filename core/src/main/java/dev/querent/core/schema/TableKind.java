package dev.querent.core.schema;

public enum TableKind {
    TABLE,
    VIEW
}
