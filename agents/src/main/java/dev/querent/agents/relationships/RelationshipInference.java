package dev.querent.agents.relationships;

import dev.querent.agents.relationships.JoinKeyCandidates.Candidate;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms {@link JoinKeyCandidates} with the data. A candidate {@code A.a → B.b} is kept when
 *
 * <ol>
 *   <li>{@code B.b} is unique: its declared single-column primary key, or all distinct among its
 *       first {@link Settings#uniquenessRows} non-null values;
 *   <li>the direction is clear: when {@code A.a} is unique too (one-to-one), {@code B} must own the
 *       name ({@link JoinKeyCandidates#ownsName}) and {@code A} must not;
 *   <li>at least {@link Settings#minContainment} of up to {@link Settings#sampleValues} distinct
 *       non-null values of {@code A.a} occur in {@code B.b}.
 * </ol>
 *
 * When one column is confirmed towards several tables, the tables that own the name win (a
 * {@code state_name} points at {@code state}, not at every other table where it is unique).
 *
 * <p>Cost is bounded whatever the schema's size: at most {@link Settings#maxCandidates}
 * candidates and {@link Settings#maxQueries} queries, each with {@link Settings#queryTimeout}, all
 * within {@link Settings#budget}; what is left over is reported as incomplete, not guessed.
 */
public final class RelationshipInference {
    private static final Logger log = LoggerFactory.getLogger(RelationshipInference.class);

    /** Bounds and thresholds. */
    public record Settings(
            int maxCandidates,
            int maxQueries,
            Duration budget,
            Duration queryTimeout,
            int sampleValues,
            int uniquenessRows,
            double minContainment) {
        public static Settings defaults() {
            return new Settings(300, 600, Duration.ofSeconds(20), Duration.ofSeconds(5), 200, 10_000, 0.9);
        }
    }

    /** A confirmed candidate and the evidence. */
    public record Found(Candidate candidate, double containment, int sampled) {}

    /**
     * @param candidates how many candidates the names and types proposed (before the cap)
     * @param queries queries run
     * @param unchecked keys ({@link Candidate#key()}) of the candidates whose answer is unknown: past
     *     the candidate cap, not reached within the query or time bound, or whose query failed
     */
    public record Outcome(List<Found> found, int candidates, int queries, Set<String> unchecked) {
        public Outcome {
            found = List.copyOf(found);
            unchecked = Set.copyOf(unchecked);
        }

        /** Whether every candidate got an answer. */
        public boolean complete() {
            return unchecked.isEmpty();
        }
    }

    private final Settings settings;
    private final Clock clock;

    public RelationshipInference(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Infers the relationships of {@code schema}, skipping the pairs whose {@link Candidate#key()} is
     * in {@code skip} (those an administrator removed, or already known).
     */
    public Outcome infer(SchemaSnapshot schema, ValueProbe probe, Set<String> skip) {
        List<Candidate> all = JoinKeyCandidates.of(schema).stream()
                .filter(c -> !skip.contains(c.key()))
                .toList();
        Run run = new Run(probe, clock.instant().plus(settings.budget()));
        List<Found> found = new ArrayList<>();
        Set<String> unchecked = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Candidate c = all.get(i);
            if (i >= settings.maxCandidates()) {
                unchecked.add(c.key());
                continue;
            }
            try {
                Optional<Boolean> kept = check(c, run);
                if (kept.isEmpty()) {
                    unchecked.add(c.key());
                } else if (kept.get()) {
                    found.add(run.evidence.get(c.key()));
                }
            } catch (RuntimeException e) {
                // A column the engine cannot compare or a query that timed out: that pair stays unknown.
                log.debug("relationship candidate {} not checked: {}", c, e.getMessage());
                unchecked.add(c.key());
            }
        }
        return new Outcome(preferOwners(found), all.size(), run.queries, unchecked);
    }

    /** Kept or not; empty when the bounds were reached before the answer. */
    private Optional<Boolean> check(Candidate c, Run run) {
        Optional<Boolean> toUnique = run.unique(c.to(), c.toColumn().name());
        if (toUnique.isEmpty() || !toUnique.get()) {
            return toUnique;
        }
        if (c.rule() == JoinKeyCandidates.Rule.SAME_NAME) {
            Optional<Boolean> fromUnique = run.unique(c.from(), c.fromColumn().name());
            if (fromUnique.isEmpty()) {
                return fromUnique;
            }
            boolean toOwns = JoinKeyCandidates.ownsName(c.to(), c.toColumn().name());
            boolean fromOwns =
                    JoinKeyCandidates.ownsName(c.from(), c.fromColumn().name());
            if (fromUnique.get() && (!toOwns || fromOwns)) {
                return Optional.of(false);
            }
        }
        if (run.exhausted()) {
            return Optional.empty();
        }
        run.queries++;
        ValueProbe.Containment containment = run.probe.containment(
                c.from(), c.fromColumn().name(), c.to(), c.toColumn().name(), settings.sampleValues(), run.timeout());
        if (containment.sampled() == 0 || containment.fraction() < settings.minContainment()) {
            return Optional.of(false);
        }
        run.evidence.put(c.key(), new Found(c, containment.fraction(), containment.sampled()));
        return Optional.of(true);
    }

    /** Per referencing column: when some confirmed targets own the name, only those. */
    private static List<Found> preferOwners(List<Found> found) {
        Map<String, List<Found>> byColumn = new LinkedHashMap<>();
        for (Found f : found) {
            String key = (f.candidate().from().qualifiedName() + "."
                            + f.candidate().fromColumn().name())
                    .toLowerCase(Locale.ROOT);
            byColumn.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<Found> out = new ArrayList<>();
        for (List<Found> targets : byColumn.values()) {
            List<Found> owners = targets.stream()
                    .filter(f -> JoinKeyCandidates.ownsName(
                            f.candidate().to(), f.candidate().toColumn().name()))
                    .toList();
            out.addAll(owners.isEmpty() ? targets : owners);
        }
        return out;
    }

    /** One inference's query count, deadline and uniqueness answers. */
    private final class Run {
        final ValueProbe probe;
        final Instant deadline;
        /** Column → unique or not; a failed check is remembered as a failure and not repeated. */
        final Map<String, Boolean> unique = new HashMap<>();

        final Set<String> failed = new HashSet<>();
        final Map<String, Found> evidence = new HashMap<>();
        int queries;

        Run(ValueProbe probe, Instant deadline) {
            this.probe = probe;
            this.deadline = deadline;
        }

        boolean exhausted() {
            return queries >= settings.maxQueries() || !clock.instant().isBefore(deadline);
        }

        Duration timeout() {
            Duration left = Duration.between(clock.instant(), deadline);
            Duration t = left.compareTo(settings.queryTimeout()) < 0 ? left : settings.queryTimeout();
            return t.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : t;
        }

        /** Empty when the bounds were reached first; throws when the check failed (now or before). */
        Optional<Boolean> unique(TableInfo t, String column) {
            if (t.primaryKey().size() == 1 && t.primaryKey().getFirst().equalsIgnoreCase(column)) {
                return Optional.of(true);
            }
            String key = (t.qualifiedName() + "." + column).toLowerCase(Locale.ROOT);
            if (failed.contains(key)) {
                throw new IllegalStateException("uniqueness of " + key + " could not be read");
            }
            Boolean known = unique.get(key);
            if (known != null) {
                return Optional.of(known);
            }
            if (exhausted()) {
                return Optional.empty();
            }
            queries++;
            try {
                boolean u = probe.unique(t, column, settings.uniquenessRows(), timeout());
                unique.put(key, u);
                return Optional.of(u);
            } catch (RuntimeException e) {
                failed.add(key);
                throw e;
            }
        }
    }
}
