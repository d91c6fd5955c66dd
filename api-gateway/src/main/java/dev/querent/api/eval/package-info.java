/**
 * {@code querent eval}: runs a question set through the real pipeline (plans auto-confirmed) and
 * judges each answer by the rows it returns, as the public evaluators do.
 */
package dev.querent.api.eval;
