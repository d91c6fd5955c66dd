/**
 * The knowledge base: verified question→SQL patterns, table and column descriptions, custom
 * instructions and a glossary per data source, and the {@link dev.querent.knowledge.VectorStoreProvider}
 * contract with its {@link dev.querent.knowledge.VectorStoreRegistry} (vector stores by name). Storage
 * implementations and their providers live in subpackages.
 */
package dev.querent.knowledge;
