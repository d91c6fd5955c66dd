/**
 * The metadata store (Jdbi + Flyway): data sources with encrypted credentials, chats, turns, the
 * per-chat event log that lets a WebSocket client resume, feedback, the review queue and settings.
 * One schema for SQLite (embedded default) and PostgreSQL.
 */
package dev.querent.agents.store;
