package dev.querent.connectors;

/**
 * A field a connector type asks for, so UIs can render a form per type.
 *
 * @param secret stored encrypted, never shown back
 */
public record ConfigField(String key, String label, boolean required, boolean secret, String defaultValue) {}
