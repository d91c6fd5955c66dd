/**
 * Schema linking: {@link dev.querent.knowledge.schema.SchemaIndexer} turns introspected schemas into
 * table and column documents, {@link dev.querent.knowledge.schema.SchemaRetriever} finds the tables a
 * question needs (hybrid search, foreign-key closure, token budget).
 */
package dev.querent.knowledge.schema;
