/**
 * Chroma's wire protocol: a minimal client for its v2 REST API and the request and response records,
 * on the JDK's HTTP client and Jackson.
 */
package dev.querent.knowledge.chroma.api;
