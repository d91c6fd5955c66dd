/**
 * A server-backed vector store on Chroma: Spring AI's {@code VectorStore} over Chroma's v2 REST API,
 * written here because Spring AI 2.0 ships no Chroma store. Cosine scores, Spring AI filter
 * expressions as Chroma {@code where} clauses, and the embedding model recorded with the collection.
 */
package dev.querent.knowledge.chroma;
