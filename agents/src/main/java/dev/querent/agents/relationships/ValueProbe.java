package dev.querent.agents.relationships;

import dev.querent.core.schema.TableInfo;
import java.time.Duration;

/** Reads what the inference needs from the data: one bounded, read-only query per call. */
public interface ValueProbe {

    /**
     * Whether the first {@code rows} non-null values of the column are all distinct (a sample, so
     * that a huge table costs no more than a small one); {@code false} when it holds no value.
     */
    boolean unique(TableInfo table, String column, int rows, Duration timeout);

    /**
     * How many of up to {@code sample} distinct non-null values of {@code from.fromColumn} occur in
     * {@code to.toColumn}.
     */
    Containment containment(
            TableInfo from, String fromColumn, TableInfo to, String toColumn, int sample, Duration timeout);

    /** {@code found} of {@code sampled} distinct values occur on the referenced side. */
    record Containment(int sampled, int found) {
        public double fraction() {
            return sampled == 0 ? 0 : (double) found / sampled;
        }
    }
}
