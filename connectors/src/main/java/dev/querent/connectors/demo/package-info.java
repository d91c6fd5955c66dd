/**
 * The demo warehouse: one DuckDB file with five business domains (e-commerce, finance,
 * healthcare, SaaS, retail), generated deterministically from fixed seeds, with sample questions.
 * It gives a fresh install something real to ask questions about.
 */
package dev.querent.connectors.demo;
