package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Binding;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.reading.SchemaIndex.Candidate;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.SchemaIndex.Target;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The choices an interpretation left to a guess a person could make instead: each is recorded
 * where the guess is made, with the guess first. {@link #clarifications()} turns them into questions
 * in the order a person should answer them (the domain first, the ranking last).
 */
final class Ambiguities {

    /** One option: what to show and what it binds. */
    record Option(String label, Binding binding) {}

    private record Pending(Ambiguity kind, String phrase, String question, List<Option> options) {}

    private static final List<Ambiguity> PRIORITY =
            List.of(Ambiguity.TABLE, Ambiguity.COLUMN, Ambiguity.VALUE, Ambiguity.TIME_COLUMN, Ambiguity.RANK_MEASURE);

    /** Choices beyond this many are left out: a question with many answers is not short. */
    static final int MAX_OPTIONS = 4;

    private final Map<String, Pending> pending = new LinkedHashMap<>();

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** A word whose meanings (the guess first) are columns or values of different columns. */
    void link(String phrase, Target chosen, List<Candidate> rivals) {
        List<Option> options = new ArrayList<>();
        options.add(option(phrase, chosen));
        for (Candidate c : rivals) {
            options.add(option(phrase, c.target()));
        }
        boolean value = chosen instanceof ValueTarget;
        String question = value
                ? "Where should \"" + phrase + "\" be looked for?"
                : "Which column do you mean by \"" + phrase + "\"?";
        add(value ? Ambiguity.VALUE : Ambiguity.COLUMN, phrase, question, options);
    }

    /** A measure word ("amount") that fits several columns about equally well, the guess first. */
    void measure(String phrase, List<ColumnTarget> columns) {
        add(
                Ambiguity.COLUMN,
                phrase,
                "Which column do you mean by \"" + phrase + "\"?",
                columnOptions(Ambiguity.COLUMN, phrase, columns));
    }

    private List<Option> columnOptions(Ambiguity kind, String phrase, List<ColumnTarget> columns) {
        return columns.stream()
                .map(c -> new Option(
                        name(c.table(), c.column()),
                        new Binding(
                                kind,
                                phrase,
                                c.table().qualifiedName(),
                                c.column().name(),
                                null,
                                null)))
                .toList();
    }

    /** A word naming tables (or columns) in several domains, the chosen domain's first. */
    void domain(String phrase, List<Candidate> perSchema) {
        List<Option> options = new ArrayList<>();
        for (Candidate c : perSchema) {
            TableInfo t = c.target().table();
            String column =
                    switch (c.target()) {
                        case ColumnTarget ct -> ct.column().name();
                        case ValueTarget v -> v.column().name();
                        default -> null;
                    };
            String value = c.target() instanceof ValueTarget v ? v.value() : null;
            String label = (column == null ? t.name() : t.name() + "." + column)
                    + (t.schema() == null || t.schema().isEmpty() ? "" : " (" + t.schema() + ")");
            options.add(
                    new Option(label, new Binding(Ambiguity.TABLE, phrase, t.qualifiedName(), column, value, null)));
        }
        add(Ambiguity.TABLE, phrase, "Which \"" + phrase + "\" do you mean?", options);
    }

    /** A time word with several date columns to use, the guess first. */
    void time(String phrase, List<ColumnTarget> columns) {
        add(
                Ambiguity.TIME_COLUMN,
                null,
                "Which date should \"" + phrase + "\" use?",
                columnOptions(Ambiguity.TIME_COLUMN, null, columns));
    }

    /** A ranking with no measure: the options are what the rows could be ranked by, the guess first. */
    void rank(String phrase, TableInfo entity, List<Option> options) {
        add(Ambiguity.RANK_MEASURE, null, "Rank " + entity.name() + " by what?", options);
    }

    static Option rankOption(TableInfo table, ColumnInfo column, Aggregate function) {
        String label = function == null
                ? name(table, column)
                : function == Aggregate.COUNT && column == null
                        ? "number of " + table.name()
                        : "total " + name(table, column);
        return new Option(
                label,
                new Binding(
                        Ambiguity.RANK_MEASURE,
                        null,
                        table.qualifiedName(),
                        column == null ? null : column.name(),
                        null,
                        function));
    }

    private void add(Ambiguity kind, String phrase, String question, List<Option> options) {
        String key = kind + ":" + phrase;
        List<Option> distinct = new ArrayList<>();
        for (Option o : options) {
            if (distinct.stream().noneMatch(x -> x.binding().equals(o.binding())) && distinct.size() < MAX_OPTIONS) {
                distinct.add(o);
            }
        }
        if (distinct.size() > 1 && !pending.containsKey(key)) {
            pending.put(key, new Pending(kind, phrase, question, List.copyOf(distinct)));
        }
    }

    /** The questions, the one to ask first first; choice ids are {@code c1}, {@code c2}, … */
    List<Clarification> clarifications() {
        return pending.values().stream()
                .sorted(Comparator.comparingInt(p -> PRIORITY.indexOf(p.kind())))
                .map(p -> {
                    List<Clarification.Choice> choices = new ArrayList<>();
                    for (Option o : p.options()) {
                        choices.add(new Clarification.Choice("c" + (choices.size() + 1), o.label(), o.binding()));
                    }
                    return new Clarification(p.question(), p.kind(), p.phrase(), choices);
                })
                .toList();
    }

    private static Option option(String phrase, Target t) {
        return switch (t) {
            case ValueTarget v ->
                new Option(
                        name(v.table(), v.column()),
                        new Binding(
                                Ambiguity.VALUE,
                                phrase,
                                v.table().qualifiedName(),
                                v.column().name(),
                                v.value(),
                                null));
            case ColumnTarget c ->
                new Option(
                        name(c.table(), c.column()),
                        new Binding(
                                Ambiguity.COLUMN,
                                phrase,
                                c.table().qualifiedName(),
                                c.column().name(),
                                null,
                                null));
            case TableTarget tt ->
                new Option(
                        tt.table().name(),
                        new Binding(Ambiguity.COLUMN, phrase, tt.table().qualifiedName(), null, null, null));
            case SchemaIndex.SchemaTarget s -> throw new IllegalArgumentException("a schema is not a column");
        };
    }

    static String name(TableInfo t, ColumnInfo c) {
        return t.name() + "." + c.name();
    }
}
