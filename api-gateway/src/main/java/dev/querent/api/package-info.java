/** The runnable application: WebFlux REST, the chat WebSocket, OpenAPI docs, health and metrics. */
package dev.querent.api;
