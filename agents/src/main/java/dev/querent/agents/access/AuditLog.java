package dev.querent.agents.access;

import dev.querent.agents.access.store.AuditStore;
import dev.querent.agents.access.store.AuditStore.Row;
import dev.querent.agents.internal.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit log. Each entry's hash covers the previous entry's hash and its own fields,
 * so {@link #verify()} finds any row changed or removed behind the application's back. Writing
 * never fails the caller's action: a store outage is logged.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final String GENESIS = "0".repeat(64);
    private static final int MAX_DETAIL_CHARS = 8_000;

    /** The result of checking the chain: how many entries, and the first broken one (0 if none). */
    public record Verification(long entries, long firstBrokenSeq) {
        public boolean intact() {
            return firstBrokenSeq == 0;
        }
    }

    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, AuditEntry.Outcome outcome, Map<String, ?> detail) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (detail != null) {
            detail.forEach(
                    (k, v) -> d.put(k, v instanceof String s && s.length() > 2_000 ? s.substring(0, 2_000) + "…" : v));
        }
        String detailJson = Json.write(d);
        if (detailJson.length() > MAX_DETAIL_CHARS) {
            detailJson = Json.write(Map.of("truncated", true));
        }
        try {
            synchronized (this) {
                Row last = store.last().orElse(null);
                long seq = last == null ? 1 : last.entry().seq() + 1;
                String prev = last == null ? GENESIS : last.hash();
                AuditEntry e = new AuditEntry(
                        seq,
                        Instant.ofEpochMilli(clock.millis()),
                        cut(actor == null ? "anonymous" : actor, 200),
                        cut(action, 60),
                        target == null ? null : cut(target, 300),
                        outcome,
                        d);
                store.insert(e, detailJson, prev, hash(prev, e, detailJson));
            }
        } catch (RuntimeException ex) {
            log.error("audit entry {} by {} could not be stored: {}", action, actor, ex.toString());
        }
    }

    public List<AuditEntry> find(String actor, String action, Instant since, Instant until, long beforeSeq, int limit) {
        return store.find(actor, action, since, until, beforeSeq, limit).stream()
                .map(Row::entry)
                .toList();
    }

    public Verification verify() {
        String prev = GENESIS;
        long n = 0;
        for (Row r : store.all()) {
            n++;
            if (!r.prevHash().equals(prev) || !r.hash().equals(hash(prev, r.entry(), r.detailJson()))) {
                return new Verification(n, r.entry().seq());
            }
            prev = r.hash();
        }
        return new Verification(n, 0);
    }

    private static String hash(String prev, AuditEntry e, String detailJson) {
        return Accounts.sha256(String.join(
                "\u001f",
                prev,
                Long.toString(e.seq()),
                Long.toString(e.at().toEpochMilli()),
                e.actor(),
                e.action(),
                e.target() == null ? "" : e.target(),
                e.outcome().name(),
                detailJson));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
