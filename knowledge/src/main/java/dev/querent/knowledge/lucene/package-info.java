/**
 * An embedded, on-disk vector store on Lucene: HNSW vectors and a BM25 text field in one index, so
 * schema retrieval needs no server. Implements Spring AI's {@code VectorStore} like the server-backed
 * stores, and adds reciprocal-rank-fused hybrid search.
 */
package dev.querent.knowledge.lucene;
