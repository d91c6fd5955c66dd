/**
 * Readers of the public benchmark formats (RFC 4180 CSV, defog's gold-query cells, Spider/BIRD
 * question and schema files), shared by the {@code querent eval} command and the tests that read
 * {@code ../shared/bench}.
 */
package dev.querent.core.bench;
