/**
 * Who is calling and what they may do: Spring Security for WebFlux with sessions for the UI, API
 * keys and (optionally) JWTs from an identity provider; Host/Origin checks against DNS rebinding and
 * cross-site use; rate limits; chat ownership.
 */
package dev.querent.api.security;
