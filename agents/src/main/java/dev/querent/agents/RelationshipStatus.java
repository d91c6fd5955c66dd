package dev.querent.agents;

/** Where an inferred relationship stands. */
public enum RelationshipStatus {
    /** Found by the inference; replaced by the next re-sync's findings. */
    INFERRED,
    /** An administrator confirmed it: kept on every re-sync. */
    CONFIRMED,
    /** An administrator removed it: kept as a tombstone so that a re-sync does not infer it again. */
    REMOVED
}
