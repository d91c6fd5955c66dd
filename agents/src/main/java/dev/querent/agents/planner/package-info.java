/** The Planner agent: turns a question (and the conversation so far) into a plan for the user to confirm. */
package dev.querent.agents.planner;
