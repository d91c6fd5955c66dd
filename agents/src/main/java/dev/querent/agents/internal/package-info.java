/** Helpers private to the agents module. */
package dev.querent.agents.internal;
