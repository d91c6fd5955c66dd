/**
 * Machinery shared by the provider clients: the Spring AI {@code ChatModel} adapter, failure
 * classification, bounded retries and token estimation. Not an API: other modules use {@code
 * dev.querent.llm}.
 */
package dev.querent.llm.internal;
