package dev.querent.core;

/**
 * One result column.
 *
 * @param type the engine's type name as reported by the driver (e.g. {@code BIGINT}, {@code VARCHAR})
 */
public record ResultColumn(String name, String type) {}
