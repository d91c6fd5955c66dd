/**
 * Deterministic validation of generated SQL by back-translation: {@link
 * dev.querent.semantics.SqlBackTranslator} turns a query into plain English plus a set of
 * normalised concepts, and {@link dev.querent.semantics.AgreementScorer} compares those
 * concepts with the user's question. Works without an LLM so it can always run; an LLM description,
 * when configured, is an extra opinion on top of this one.
 */
package dev.querent.semantics.description;
