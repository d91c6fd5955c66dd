package dev.querent.core.sql;

/** One reason a statement was refused, with a message fit to show a user. */
public record Rejection(RejectionCode code, String message) {}
