package dev.querent.semantics;

/** A question answered by known-good SQL (a verified pattern of the knowledge base). */
public record Example(String question, String sql) {}
