/**
 * Test fixtures shared through core's test-jar: locating the shared benchmark data and reading its
 * gold queries. Other modules' tests and benchmarks depend on {@code querent-core} with {@code
 * <type>test-jar</type>} to reuse them; the readers the product itself needs live in {@link
 * dev.querent.core.bench}.
 */
package dev.querent.core.testing;
