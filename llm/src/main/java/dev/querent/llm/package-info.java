/**
 * The LLM boundary of Querent: a provider-neutral {@link dev.querent.llm.LlmClient}, its settings and
 * factory, the Arctic-Text2SQL-R1 prompt builders and the extraction of SQL from model output.
 * Provider implementations live in {@code dev.querent.llm.ollama} and {@code dev.querent.llm.openai}.
 */
package dev.querent.llm;
