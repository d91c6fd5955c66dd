package dev.querent.semantics.reading;

import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Binding;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.reading.Reading.FollowCue;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.ListVerb;
import dev.querent.semantics.reading.Reading.Neutral;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.SchemaTarget;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the items of a {@link Reading} their roles in a plan. A first walk pairs markers with the
 * words they govern ("average" → "order value", "per" → "month", "top 5" → "products"); then
 * literals attach to the columns next to them; then the shape is decided (aggregate, ranking or
 * listing) and whatever the question left open gets a default (the main table's date column, its
 * label column, COUNT(*)).
 */
public final class Interpreter {
    private final Interpretation st;
    private final ColumnChoice columns;
    private final Ranking ranking;
    private final Pairing pairing;
    private final Shaping shaping;
    private final Refinement refinement;

    public Interpreter(SchemaIndex index, Reading reading, Draft start) {
        this.st = new Interpretation(index, reading, start);
        this.columns = new ColumnChoice(st);
        this.ranking = new Ranking(st, columns);
        this.pairing = new Pairing(st, columns);
        this.shaping = new Shaping(st, columns, ranking);
        this.refinement = new Refinement(st, columns, ranking, pairing, shaping);
    }

    public Draft draft() {
        return st.d;
    }

    public double penalty() {
        return st.penalty;
    }

    /** What each understood phrase was taken to mean, in question order. */
    public List<String> understood() {
        List<String> out = new ArrayList<>();
        for (Item it : st.items) {
            String m = st.meanings.get(it);
            if (m == null && it instanceof Link l && l.target() instanceof TableTarget(TableInfo t)) {
                m = "table " + t.qualifiedName();
            } else if (m == null && it instanceof Link l && l.target() instanceof SchemaTarget(String schema)) {
                m = "schema " + schema;
            }
            if (m != null && understoodItem(it)) {
                out.add("'" + st.r.text(it) + "' → " + m);
            }
        }
        return out;
    }

    /** Content words that no used item explains. */
    public List<String> notUnderstood() {
        boolean[] ok = new boolean[st.r.tokens.size()];
        for (Item it : st.items) {
            if (understoodItem(it)) {
                for (int k = it.start(); k < it.end(); k++) {
                    ok[k] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < ok.length; k++) {
            if (!ok[k] && st.r.content(k)) {
                out.add(st.r.tokens.get(k).raw());
            }
        }
        return out;
    }

    /**
     * Whether the plan answers with the words at token {@code k}: an item the plan used covers it, or a
     * link to a table the plan reads (its own, one of its columns or values).
     */
    public boolean inPlan(int k) {
        return st.items.stream()
                .filter(it -> it.start() <= k && k < it.end())
                .anyMatch(it -> st.used.contains(it)
                        || (it instanceof Link l
                                && switch (l.target()) {
                                    case TableTarget(TableInfo t) ->
                                        st.d.tables().contains(t);
                                    case ColumnTarget c -> st.d.tables().contains(c.table());
                                    case ValueTarget v -> st.d.tables().contains(v.table());
                                    default -> false;
                                }));
    }

    /** Share of content words understood. */
    public double coverage() {
        int content = 0;
        for (int k = 0; k < st.r.tokens.size(); k++) {
            if (st.r.content(k)) {
                content++;
            }
        }
        return content == 0 ? 0 : (content - notUnderstood().size()) / (double) content;
    }

    private boolean understoodItem(Item it) {
        return st.used.contains(it)
                || it instanceof ListVerb
                || it instanceof Neutral
                || it instanceof FollowCue
                || (it instanceof Link l && (l.target() instanceof SchemaTarget || l.weak()))
                || (it instanceof Link l2
                        && l2.target() instanceof TableTarget(TableInfo t)
                        && (!st.refining || st.d.tables().contains(t)));
    }

    /** Builds a complete draft; false when the question names nothing to read from. */
    public boolean interpret() {
        applyTimeBinding();
        pairing.walk();
        pairing.attach();
        boolean shaped = shaping.shape();
        if (shaped) {
            linkAmbiguities();
        }
        return shaped;
    }

    /**
     * What the question left to a guess a person could make instead, the one to ask first first (a
     * fresh question only; a follow-up refines a plan already confirmed).
     */
    public List<Clarification> clarifications() {
        return st.ambiguities.clarifications();
    }

    /** A date column the user chose is the one every time word uses. */
    private void applyTimeBinding() {
        Binding b = st.binding(Ambiguity.TIME_COLUMN);
        if (b == null || b.column() == null) {
            return;
        }
        st.index
                .table(b.table())
                .flatMap(t -> t.column(b.column()).map(c -> new ColumnTarget(t, c)))
                .filter(c -> SchemaIndex.isDate(c.column()))
                .ifPresent(st.dateColumnsUsed::add);
    }

    /** Words whose meaning was a close call between domains, columns or values. */
    private void linkAmbiguities() {
        if (!st.r.schemaRivals.isEmpty()) {
            st.ambiguities.domain(st.r.schemaWord, st.r.schemaRivals);
        }
        for (Item it : st.items) {
            if (it instanceof Link l
                    && st.used.contains(l)
                    && (l.target() instanceof ColumnTarget || l.target() instanceof ValueTarget)
                    && st.r.rivals.containsKey(l.start())) {
                st.ambiguities.link(st.r.text(l), l.target(), st.r.rivals.get(l.start()));
            }
        }
    }

    public List<String> issues() {
        return st.issues;
    }

    /**
     * Applies a follow-up to the previous plan (see {@link Refinement}); the number of changes made,
     * 0 when the follow-up changed nothing.
     */
    public int refine() {
        return refinement.refine();
    }
}
