/**
 * The server-backed vector store: Spring AI's own {@code PgVectorStore} on PostgreSQL with the
 * pgvector extension, configured the way the knowledge base needs it (its own schema, the embedding
 * model's dimensions, cosine distance, HNSW index).
 */
package dev.querent.knowledge.pgvector;
