/**
 * {@link dev.querent.llm.LlmClient} for servers speaking OpenAI's chat-completions API (OpenAI,
 * Groq, vLLM, llama.cpp's server, Ollama's {@code /v1}), on Spring AI's {@code OpenAiChatModel}.
 */
package dev.querent.llm.openai;
