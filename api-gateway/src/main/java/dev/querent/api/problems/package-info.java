/** Every error as RFC 9457 problem details with a stable code, for REST, security refusals and the socket. */
package dev.querent.api.problems;
