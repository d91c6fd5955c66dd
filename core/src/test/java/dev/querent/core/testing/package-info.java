/**
 * Test fixtures shared through core's test-jar: locating the shared benchmark data, reading its
 * gold queries and turning its Spider/BIRD schema files into {@link
 * dev.querent.core.schema.SchemaSnapshot}s. Other modules' tests and benchmarks depend on {@code
 * querent-core} with {@code <type>test-jar</type>} to reuse them.
 */
package dev.querent.core.testing;
