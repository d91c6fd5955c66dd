package dev.querent.agents.relationships;

import dev.querent.agents.InferredRelationship;
import dev.querent.agents.RelationshipStatus;
import dev.querent.agents.store.RelationshipStore;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.SqlGuard;
import java.time.Clock;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inferred relationships of every data source: found on introspection ({@link #refresh}),
 * reviewed by an administrator ({@link #confirm}, {@link #remove}), and merged into the schema
 * snapshot everyone else reads ({@link #merge}). Removed ones are remembered and never inferred
 * again; confirmed ones stay whatever a later inference finds.
 */
public final class Relationships {
    private static final Logger log = LoggerFactory.getLogger(Relationships.class);

    private final RelationshipStore store;
    private final RelationshipInference inference;
    private final SqlGuard guard;
    private final Clock clock;
    private final Map<DataSourceId, Object> locks = new ConcurrentHashMap<>();

    public Relationships(RelationshipStore store, RelationshipInference inference, SqlGuard guard, Clock clock) {
        this.store = store;
        this.inference = inference;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Runs the inference over {@code raw} (the schema as introspected) through {@code connector}
     * and replaces the previous findings; confirmed and removed relationships are left as they are.
     * Never throws for a failing data source: the previous findings then stay (and {@code null} is
     * returned).
     */
    public RelationshipInference.Outcome refresh(DataSourceId ds, SchemaSnapshot raw, DataSourceInterface connector) {
        // Two introspections of one source at once (first use by two questions) must not both insert.
        synchronized (locks.computeIfAbsent(ds, k -> new Object())) {
            return refreshLocked(ds, raw, connector);
        }
    }

    private RelationshipInference.Outcome refreshLocked(
            DataSourceId ds, SchemaSnapshot raw, DataSourceInterface connector) {
        List<InferredRelationship> existing = store.list(ds);
        Set<String> skip = new HashSet<>();
        existing.stream().filter(r -> r.status() != RelationshipStatus.INFERRED).forEach(r -> skip.add(r.key()));
        RelationshipInference.Outcome inferred;
        try {
            inferred = inference.infer(raw, new ConnectorValueProbe(connector, guard, raw), skip);
        } catch (RuntimeException e) {
            log.warn("inferring relationships of {} failed, keeping the previous ones: {}", ds, e.getMessage());
            return null;
        }
        RelationshipInference.Outcome outcome = inferred;
        Map<String, InferredRelationship> previous = new HashMap<>();
        existing.stream().filter(r -> r.status() == RelationshipStatus.INFERRED).forEach(r -> previous.put(r.key(), r));
        Instant now = clock.instant();
        List<InferredRelationship> refreshed = new ArrayList<>();
        List<InferredRelationship> added = new ArrayList<>();
        for (RelationshipInference.Found f : outcome.found()) {
            JoinKeyCandidates.Candidate c = f.candidate();
            InferredRelationship before = previous.remove(c.key());
            InferredRelationship row = new InferredRelationship(
                    before == null ? UUID.randomUUID().toString() : before.id(),
                    ds,
                    c.from().schema(),
                    c.from().name(),
                    c.fromColumn().name(),
                    c.to().schema(),
                    c.to().name(),
                    c.toColumn().name(),
                    RelationshipStatus.INFERRED,
                    f.containment(),
                    f.sampled(),
                    c.rule().name(),
                    before == null ? now : before.createdAt(),
                    now);
            (before == null ? added : refreshed).add(row);
        }
        // What the inference did not answer (bounds, failed queries) keeps its previous finding.
        List<String> stale = previous.values().stream()
                .filter(r -> !outcome.unchecked().contains(r.key()))
                .map(InferredRelationship::id)
                .toList();
        store.replaceInferred(stale, refreshed, added);
        log.info(
                "data source {}: {} relationship(s) inferred from {} candidate(s) with {} quer(ies){}",
                ds,
                outcome.found().size(),
                outcome.candidates(),
                outcome.queries(),
                outcome.complete()
                        ? ""
                        : " (" + outcome.unchecked().size() + " left unanswered by the bounds or failures)");
        return outcome;
    }

    /**
     * {@code raw} with the inferred and confirmed relationships added to their tables as foreign
     * keys marked {@code inferred}; those naming a table or column that no longer exists, or a
     * pair the database now declares, are left out.
     */
    public SchemaSnapshot merge(DataSourceId ds, SchemaSnapshot raw) {
        List<InferredRelationship> live = store.list(ds).stream()
                .filter(r -> r.status() != RelationshipStatus.REMOVED)
                .toList();
        if (live.isEmpty()) {
            return raw;
        }
        Map<TableInfo, List<ForeignKey>> extra = new LinkedHashMap<>();
        Set<String> merged = new HashSet<>();
        for (InferredRelationship r : live) {
            if (!merged.add(r.key())) {
                continue;
            }
            Optional<TableInfo> from = raw.table(r.fromSchema(), r.fromTable());
            Optional<TableInfo> to = raw.table(r.toSchema(), r.toTable());
            if (from.isEmpty()
                    || to.isEmpty()
                    || from.get().column(r.fromColumn()).isEmpty()
                    || to.get().column(r.toColumn()).isEmpty()
                    || declares(from.get(), r)) {
                continue;
            }
            ColumnInfo fromColumn = from.get().column(r.fromColumn()).get();
            ColumnInfo toColumn = to.get().column(r.toColumn()).get();
            extra.computeIfAbsent(from.get(), k -> new ArrayList<>())
                    .add(new ForeignKey(
                            List.of(fromColumn.name()),
                            to.get().schema(),
                            to.get().name(),
                            List.of(toColumn.name()),
                            true));
        }
        if (extra.isEmpty()) {
            return raw;
        }
        List<TableInfo> tables = raw.tables().stream()
                .map(t -> {
                    List<ForeignKey> more = extra.get(t);
                    if (more == null) {
                        return t;
                    }
                    List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
                    fks.addAll(more);
                    return new TableInfo(
                            t.schema(),
                            t.name(),
                            t.kind(),
                            t.comment(),
                            t.columns(),
                            t.primaryKey(),
                            fks,
                            t.rowEstimate());
                })
                .toList();
        return new SchemaSnapshot(raw.dialect(), raw.defaultSchema(), tables, raw.takenAt());
    }

    public List<InferredRelationship> list(DataSourceId ds) {
        return store.list(ds);
    }

    /** Keeps a relationship on every re-sync ({@code NOT_FOUND} for an id of another data source). */
    public InferredRelationship confirm(DataSourceId ds, String id) {
        return setStatus(ds, id, RelationshipStatus.CONFIRMED);
    }

    /** Drops a relationship from the schema and keeps it from being inferred again. */
    public InferredRelationship remove(DataSourceId ds, String id) {
        return setStatus(ds, id, RelationshipStatus.REMOVED);
    }

    public void forget(DataSourceId ds) {
        store.deleteAll(ds);
        locks.remove(ds);
    }

    private InferredRelationship setStatus(DataSourceId ds, String id, RelationshipStatus status) {
        InferredRelationship r = store.find(id)
                .filter(found -> found.dataSourceId().equals(ds))
                .orElseThrow(() -> new QuerentException(
                        ErrorCode.NOT_FOUND, "No inferred relationship " + id + " on data source " + ds));
        store.setStatus(id, status, clock.instant());
        return store.find(id).orElse(r);
    }

    private static boolean declares(TableInfo from, InferredRelationship r) {
        return from.foreignKeys().stream()
                .filter(fk -> !fk.inferred() && fk.columns().size() == 1)
                .anyMatch(fk -> fk.columns().getFirst().equalsIgnoreCase(r.fromColumn())
                        && fk.refTable()
                                .toLowerCase(Locale.ROOT)
                                .equals(r.toTable().toLowerCase(Locale.ROOT)));
    }
}
