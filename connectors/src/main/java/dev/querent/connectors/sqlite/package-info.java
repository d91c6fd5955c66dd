/** SQLite connector: a database file opened read-only, one short-lived connection per session. */
package dev.querent.connectors.sqlite;
