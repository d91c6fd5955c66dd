package dev.querent.agents.relationships;

import dev.querent.agents.relationships.JoinKeyCandidates.Candidate;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
     * @param complete whether every candidate (up to the cap) was checked within the bounds
     */
    public record Outcome(List<Found> found, int candidates, int queries, boolean complete) {
        public Outcome {
            found = List.copyOf(found);
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
        List<Candidate> candidates =
                all.size() > settings.maxCandidates() ? all.subList(0, settings.maxCandidates()) : all;
        Instant deadline = clock.instant().plus(settings.budget());
        Run run = new Run(probe, deadline);
        List<Found> found = new ArrayList<>();
        boolean complete = all.size() == candidates.size();
        for (Candidate c : candidates) {
            if (run.exhausted()) {
                complete = false;
                break;
            }
            try {
                check(c, run).ifPresent(found::add);
            } catch (RuntimeException e) {
                // A column the engine cannot compare or a query that timed out: that pair stays unknown.
                log.debug("relationship candidate {} not checked: {}", c, e.getMessage());
            }
        }
        return new Outcome(preferOwners(found), all.size(), run.queries, complete);
    }

    private Optional<Found> check(Candidate c, Run run) {
        if (!run.unique(c.to(), c.toColumn().name())) {
            return Optional.empty();
        }
        if (c.rule() == JoinKeyCandidates.Rule.SAME_NAME
                && run.unique(c.from(), c.fromColumn().name())) {
            boolean toOwns = JoinKeyCandidates.ownsName(c.to(), c.toColumn().name());
            boolean fromOwns =
                    JoinKeyCandidates.ownsName(c.from(), c.fromColumn().name());
            if (!toOwns || fromOwns) {
                return Optional.empty();
            }
        }
        if (run.exhausted()) {
            return Optional.empty();
        }
        run.queries++;
        ValueProbe.Containment containment = run.probe.containment(
                c.from(), c.fromColumn().name(), c.to(), c.toColumn().name(), settings.sampleValues(), run.timeout());
        if (containment.sampled() == 0 || containment.fraction() < settings.minContainment()) {
            return Optional.empty();
        }
        return Optional.of(new Found(c, containment.fraction(), containment.sampled()));
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
        final Map<String, Boolean> unique = new HashMap<>();
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

        boolean unique(TableInfo t, String column) {
            if (t.primaryKey().size() == 1 && t.primaryKey().getFirst().equalsIgnoreCase(column)) {
                return true;
            }
            String key = (t.qualifiedName() + "." + column).toLowerCase(Locale.ROOT);
            Boolean known = unique.get(key);
            if (known != null) {
                return known;
            }
            if (exhausted()) {
                return false;
            }
            queries++;
            boolean u;
            try {
                u = probe.unique(t, column, settings.uniquenessRows(), timeout());
            } catch (RuntimeException e) {
                log.debug("uniqueness of {} not checked: {}", key, e.getMessage());
                u = false;
            }
            unique.put(key, u);
            return u;
        }
    }
}
