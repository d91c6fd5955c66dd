/**
 * Who may do what: local accounts and externally signed-in users with a role, API keys for
 * programmatic clients (only a hash of each secret is kept), and the append-only audit log. The
 * gateway authenticates requests with these; password hashing is given by the caller.
 */
package dev.querent.agents.access;
