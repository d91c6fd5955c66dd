/**
 * MySQL / MariaDB connector: a small HikariCP pool whose sessions only run {@code READ ONLY}
 * transactions, results streamed row by row and a server-side statement timeout per execution.
 */
package dev.querent.connectors.mysql;
