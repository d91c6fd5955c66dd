package dev.querent.knowledge;

public enum PatternStatus {
    CANDIDATE,
    VERIFIED,
    REJECTED,
    BROKEN
}
