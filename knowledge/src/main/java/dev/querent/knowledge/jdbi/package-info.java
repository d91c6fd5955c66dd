/** Jdbi implementations of the knowledge stores (SQLite by default, PostgreSQL when configured). */
package dev.querent.knowledge.jdbi;
