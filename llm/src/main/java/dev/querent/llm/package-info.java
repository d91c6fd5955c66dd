/**
 * The LLM boundary of Querent: a provider-neutral {@link dev.querent.llm.LlmClient}, its settings and
 * provider registries, the Arctic-Text2SQL-R1 prompt builders and the extraction of SQL from model output.
 * Provider implementations live in {@code dev.querent.llm.ollama} and {@code dev.querent.llm.openai}, each with its
 * {@link dev.querent.llm.ChatModelProvider} and {@link dev.querent.llm.EmbeddingModelProvider}.
 */
package dev.querent.llm;
