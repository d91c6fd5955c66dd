/** The knowledge index over a Spring AI vector store: schemas, patterns, instructions and glossary. */
package dev.querent.knowledge.index;
