/** The reactive chat WebSocket ({@code /ws/chat}): typed events, resumable by sequence number. */
package dev.querent.api.ws;
