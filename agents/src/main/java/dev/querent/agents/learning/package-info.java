/** The Learning agent: feedback and reviews become verified knowledge-base patterns. */
package dev.querent.agents.learning;
