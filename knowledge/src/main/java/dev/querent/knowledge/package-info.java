/**
 * The knowledge base: verified question→SQL patterns, table and column descriptions, custom
 * instructions and a glossary per data source. Storage implementations live in subpackages.
 */
package dev.querent.knowledge;
