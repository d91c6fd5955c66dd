/**
 * Embedding models that run inside the JVM, offline, behind Spring AI's {@code EmbeddingModel}, so
 * the knowledge base works on a laptop with no network and no model server.
 */
package dev.querent.knowledge.embedding;
