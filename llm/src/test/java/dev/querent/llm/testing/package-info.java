/**
 * Test support shipped in the llm test-jar: {@link dev.querent.llm.testing.FakeLlmServer}, a local
 * HTTP server speaking the Ollama and OpenAI chat wire formats from scripted {@link
 * dev.querent.llm.testing.Reply replies}, so the real clients can be exercised without a model.
 */
package dev.querent.llm.testing;
