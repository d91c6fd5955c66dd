/**
 * Relationships a database does not declare: join keys inferred from column names and types and
 * confirmed by sampling the data (bounded, read-only, guarded queries), kept per data source in the
 * metadata store, reviewed by an administrator (confirm, remove), and merged into the schema snapshot
 * that the planner, the validator and the model prompt see as foreign keys marked {@code inferred}.
 */
package dev.querent.agents.relationships;
