/**
 * What Querent knows about each SQL dialect, in one place: identifier quoting and case folding,
 * reserved words, the family of a declared column type, date truncation, literals, row limits and
 * the parser's settings. {@link dev.querent.core.dialect.SqlDialect} is the contract; each engine
 * has one class here, reached through {@link dev.querent.core.Dialect#sql()}. Adding a dialect is
 * one class, one {@code Dialect} constant and one contract-test case.
 */
package dev.querent.core.dialect;
