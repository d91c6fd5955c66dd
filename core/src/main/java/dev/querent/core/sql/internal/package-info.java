/**
 * The guard's machinery: a dialect-aware lexer that cross-checks the parser, the JSqlParser set-up
 * per dialect, the AST walks (safety rules, schema resolution) and the LIMIT rewriting. Not an
 * API: only {@link dev.querent.core.sql.SqlGuard} uses it.
 */
package dev.querent.core.sql.internal;
