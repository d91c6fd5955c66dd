/** {@link dev.querent.llm.LlmClient} for an Ollama server, on Spring AI's {@code OllamaChatModel}. */
package dev.querent.llm.ollama;
