/** The SQL agent: writes SQL for a confirmed plan (compiler, verified pattern, or LLM) and repairs it once. */
package dev.querent.agents.sql;
