/** The metadata-store tables of accounts, API keys, projects and the audit log (Jdbi). */
package dev.querent.agents.access.store;
