package dev.querent.semantics;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.Draft;
import dev.querent.semantics.reading.Instructions;
import dev.querent.semantics.reading.Interpreter;
import dev.querent.semantics.reading.PlanAssembler;
import dev.querent.semantics.reading.QuestionReader;
import dev.querent.semantics.reading.RatioQuestion;
import dev.querent.semantics.reading.Reading;
import dev.querent.semantics.reading.Reading.Agg;
import dev.querent.semantics.reading.Reading.FollowCue;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.ListVerb;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Rank;
import dev.querent.semantics.reading.SchemaIndex;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.Vocabulary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Plans questions without a language model: links the words of a question to tables, columns and
 * sample values, reads aggregates, groupings, rankings, comparisons and dates around them, and
 * joins the tables along foreign keys. Follow-ups ("now only 2024", "by category instead") edit
 * the previous plan. A plan is returned only when enough of the question was understood.
 */
public final class RuleBasedPlanner {

    /** Below this confidence no plan is returned. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Questions this short that name no new table are follow-ups even without a cue word. */
    private static final int SHORT_FOLLOW_UP_WORDS = 4;

    private static final double SCHEMA_GUESS_PENALTY = 0.1;

    private record Indexed(SchemaSnapshot snapshot, SchemaIndex index) {}

    private final double threshold;
    private final PlanDescriber describer = new PlanDescriber();
    private final PlanSqlCompiler compiler = new PlanSqlCompiler();
    private final AtomicReference<Indexed> lastIndex = new AtomicReference<>();

    public RuleBasedPlanner() {
        this(DEFAULT_THRESHOLD);
    }

    public RuleBasedPlanner(double threshold) {
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * @param previousOrNull the plan of the previous turn, which a follow-up question refines
     * @param today what "this year" and "last 30 days" are relative to
     */
    public PlanAttempt plan(String question, SchemaSnapshot schema, QueryPlan previousOrNull, LocalDate today) {
        return plan(question, null, schema, previousOrNull, today);
    }

    /**
     * @param instructions how to answer, given with the question ("filter names using LIKE"), or
     *     null; what the planner does not understand of them is ignored, never read as question words
     */
    public PlanAttempt plan(
            String question, String instructions, SchemaSnapshot schema, QueryPlan previousOrNull, LocalDate today) {
        return plan(question, instructions, schema, previousOrNull, today, List.of(), true);
    }

    /**
     * @param bindings meanings chosen for words of the question, answers to earlier {@link
     *     Clarification}s; the planner asks no second question of a kind already answered
     * @param mayAsk whether to return a {@link Clarification} when the question is ambiguous in a way
     *     the planner can tell (and two of its meanings give different plans); when false the planner
     *     guesses as it always did
     */
    public PlanAttempt plan(
            String question,
            String instructions,
            SchemaSnapshot schema,
            QueryPlan previousOrNull,
            LocalDate today,
            List<Binding> bindings,
            boolean mayAsk) {
        Objects.requireNonNull(schema, "schema");
        List<Binding> bound = bindings == null ? List.of() : List.copyOf(bindings);
        Instructions how = Instructions.parse(instructions);
        Objects.requireNonNull(today, "today");
        if (question == null || question.isBlank() || schema.tables().isEmpty()) {
            return new PlanAttempt(
                    null,
                    0,
                    List.of(),
                    List.of(),
                    "Ask a question about the data, for example about " + examples(schema) + ".");
        }
        Instructions.Definition formula = how.formulaIn(question);
        if (formula != null) {
            PlanAttempt defined = definedRatio(formula, question, instructions, schema, today, bound);
            if (defined != null) {
                return defined;
            }
            return new PlanAttempt(
                    null,
                    0,
                    List.of(),
                    List.of(formula.term()),
                    "\"" + formula.term() + "\" is defined in the instructions by a formula (" + formula.meaning()
                            + "), which the rules do not compute: a configured language model can, or ask for"
                            + " each of its parts.");
        }
        List<Instructions.Definition> terms = how.wordsIn(question);
        String words = how.expand(question);
        if (!terms.isEmpty() && how.wordsIn(words).isEmpty()) { // terms defined by each other stay as they are
            PlanAttempt expanded = plan(words, instructions, schema, previousOrNull, today, bound, mayAsk);
            List<String> understood = new java.util.ArrayList<>();
            terms.forEach(d -> understood.add("(instructions) " + d.term() + " → " + d.meaning()));
            understood.addAll(expanded.understood());
            return new PlanAttempt(
                    expanded.plan(),
                    expanded.confidence(),
                    understood,
                    expanded.notUnderstood(),
                    expanded.explanationWhenNoPlan(),
                    expanded.clarification());
        }
        SchemaIndex index = index(schema).saying(question);
        PlanAssembler assembler = new PlanAssembler(index);
        if (previousOrNull != null && previousOrNull.ratio() != null) {
            PlanAttempt refined = refinedRatio(question, instructions, schema, previousOrNull, today, bound);
            if (refined != null) {
                return refined;
            }
            previousOrNull = null; // the ratio's holder has no measure of its own to refine
        }
        if (previousOrNull != null) {
            Draft previous = previousDraft(assembler, previousOrNull);
            if (previous != null) {
                Reading reading =
                        QuestionReader.read(question, index, today, new LinkedHashSet<>(previous.tables()), bound);
                if (isFollowUp(reading, previous)) {
                    Interpreter it = new Interpreter(index, reading, previous);
                    if (it.refine() > 0) {
                        return finish(it, reading, assembler, schema, how);
                    }
                }
            }
        }
        RatioQuestion ratio = RatioQuestion.read(question).orElse(null);
        if (ratio != null) {
            PlanAttempt divided = ratio(ratio, instructions, schema, today, bound);
            if (divided != null) {
                return divided;
            }
        }
        Reading reading = QuestionReader.read(question, index, today, Set.of(), bound);
        Interpreter it = new Interpreter(index, reading, new Draft());
        if (!it.interpret()) {
            return new PlanAttempt(
                    null, 0, it.understood(), it.notUnderstood(), noTableExplanation(it.notUnderstood(), schema));
        }
        PlanAttempt attempt = finish(it, reading, assembler, schema, how);
        if (!mayAsk || attempt.plan() == null) {
            // only a guess the planner would propose is worth a question: its first choice is that guess
            return attempt;
        }
        for (Clarification c : it.clarifications()) {
            if (bound.stream().anyMatch(b -> b.kind() == c.kind())) {
                continue; // answered already: one question of each kind at most
            }
            Clarification asked = worthAsking(c, question, instructions, schema, today, bound);
            if (asked != null) {
                return attempt.withClarification(asked);
            }
        }
        return attempt;
    }

    /**
     * A ratio's plan: each side planned as a question of its own ("how many papers published in
     * 2020"), then divided. Null when either side has no plan of a single measure, or the two are
     * grouped differently: the question is then read as a whole, which refuses ratios.
     */
    private PlanAttempt ratio(
            RatioQuestion ratio, String instructions, SchemaSnapshot schema, LocalDate today, List<Binding> bound) {
        PlanAttempt num =
                side(ratio.numeratorQuestion(), ratio.numeratorTotalQuestion(), instructions, schema, today, bound);
        PlanAttempt den =
                side(ratio.denominatorQuestion(), ratio.denominatorTotalQuestion(), instructions, schema, today, bound);
        return divided(
                num,
                den,
                "ratio → (" + ratio.numerator() + ") / (" + ratio.denominator() + ")"
                        + (ratio.percent() ? " × 100" : ""),
                schema,
                ratio,
                ratio.percent());
    }

    /**
     * A term the instructions define as one quantity divided by another ("STR = number of successful
     * transactions / total number of transactions"): each side is the question with the term read as
     * that side's words, planned on its own so it keeps the question's restrictions and groups, then
     * divided. Null for any other formula, or when the sides do not divide.
     */
    private PlanAttempt definedRatio(
            Instructions.Definition term,
            String question,
            String instructions,
            SchemaSnapshot schema,
            LocalDate today,
            List<Binding> bound) {
        List<String> sides = term.quotient();
        if (sides.isEmpty()) {
            return null;
        }
        PlanAttempt num = plan(term.readAs(question, sides.get(0)), instructions, schema, null, today, bound, false);
        PlanAttempt den = plan(term.readAs(question, sides.get(1)), instructions, schema, null, today, bound, false);
        PlanAttempt ratio = divided(
                num,
                den,
                "(instructions) " + term.term() + " → (" + sides.get(0) + ") / (" + sides.get(1) + ")"
                        + (term.percentage() ? " × 100" : ""),
                schema,
                null,
                term.percentage());
        if (ratio == null) {
            return null;
        }
        QueryPlan n = num.plan();
        QueryPlan d = den.plan();
        if (n.orderBy().isEmpty() && n.limit() == null && d.orderBy().isEmpty() && d.limit() == null) {
            return ratio;
        }
        // "the top 3 salespersons by ASP": each side ranked by its own measure, the same way and as
        // far, is the quotient ranked so; any other order of a side is not one the ratio can keep
        if (!rankedByItsMeasure(n)
                || !rankedByItsMeasure(d)
                || n.orderBy().getFirst().direction() != d.orderBy().getFirst().direction()
                || !Objects.equals(n.limit(), d.limit())) {
            return null;
        }
        QueryPlan ranked = ratio.plan()
                .withOrder(
                        List.of(new QueryPlan.Order(
                                ratio.plan().ratio().alias(),
                                n.orderBy().getFirst().direction())),
                        n.limit());
        try {
            compiler.compile(ranked, schema.dialect(), schema);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new PlanAttempt(
                ranked.withSummary(describer.describe(ranked)),
                ratio.confidence(),
                ratio.understood(),
                ratio.notUnderstood(),
                null);
    }

    /** A plan ordered by its one measure alone. */
    private static boolean rankedByItsMeasure(QueryPlan p) {
        return p.orderBy().size() == 1
                && p.measures().size() == 1
                && p.orderBy()
                        .getFirst()
                        .target()
                        .equals(p.measures().getFirst().alias());
    }

    /**
     * A follow-up to a ratio ("now only 2024", "by month instead") refines each side as a follow-up
     * of its own, and the two are divided again. Null when the question is not a follow-up of the
     * sides (a side planned with them as context is the question planned afresh), or the refined
     * sides no longer divide.
     */
    private PlanAttempt refinedRatio(
            String question,
            String instructions,
            SchemaSnapshot schema,
            QueryPlan previous,
            LocalDate today,
            List<Binding> bound) {
        QueryPlan.Ratio r = previous.ratio();
        if (r.numerator() == null || r.denominator() == null) {
            return null;
        }
        PlanAttempt num = plan(question, instructions, schema, r.numerator(), today, bound, false);
        PlanAttempt den = plan(question, instructions, schema, r.denominator(), today, bound, false);
        QueryPlan fresh =
                plan(question, instructions, schema, null, today, bound, false).plan();
        if (fresh != null && (sameQuery(fresh, num.plan()) || sameQuery(fresh, den.plan()))) {
            return null;
        }
        return divided(num, den, "ratio refined → " + question, schema, null, r.percent());
    }

    private static boolean sameQuery(QueryPlan a, QueryPlan b) {
        return b != null && a.withSummary(null).equals(b.withSummary(null));
    }

    /**
     * Two sides' plans divided, with what was understood of each; null when they do not divide.
     *
     * @param asked the ratio as the question worded it, null for a follow-up's refined sides
     * @param percent whether the quotient is asked for as a percentage
     */
    private PlanAttempt divided(
            PlanAttempt num, PlanAttempt den, String how, SchemaSnapshot schema, RatioQuestion asked, boolean percent) {
        QueryPlan n = side(num);
        QueryPlan d = side(den);
        if (n == null || d == null || !n.groupBy().equals(d.groupBy()) || n.equals(d)) {
            // the same plan on both sides: the words that set them apart were not understood
            return null;
        }
        // two columns divided in each row differ by their columns, which were read: words left unread
        // there cost confidence only
        QueryPlan plan = asked == null ? null : rowByRow(n, d, asked, schema, percent);
        if (plan == null && (unrestrictedWithUnreadWords(num, n) || unrestrictedWithUnreadWords(den, d))) {
            // a side over all rows that left words unread most likely dropped the restriction they named
            return null;
        }
        if (plan == null) {
            plan = QueryPlan.dividing(
                    new QueryPlan.Ratio(
                            n.withSummary(describer.describe(n)),
                            d.withSummary(describer.describe(d)),
                            quotientName(percent),
                            percent),
                    n.groupBy());
        }
        try {
            compiler.compile(plan, schema.dialect(), schema);
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<String> understood = new java.util.ArrayList<>();
        understood.add(how);
        understood.addAll(num.understood());
        den.understood().stream().filter(u -> !understood.contains(u)).forEach(understood::add);
        List<String> notUnderstood = new java.util.ArrayList<>(num.notUnderstood());
        den.notUnderstood().stream().filter(u -> !notUnderstood.contains(u)).forEach(notUnderstood::add);
        return new PlanAttempt(
                plan.withSummary(describer.describe(plan)),
                Math.min(num.confidence(), den.confidence()),
                understood,
                notUnderstood,
                null);
    }

    /**
     * "The ratio of one-way costs to round-trip costs for each fare": two totals of columns of the
     * same rows, grouped by the table whose rows "each" names, are a ratio of the two columns in every
     * row of it, listed with the row's key (or, for a table without one, what the groups named them
     * by). Null for any other pair of sides.
     */
    private QueryPlan rowByRow(QueryPlan n, QueryPlan d, RatioQuestion asked, SchemaSnapshot schema, boolean percent) {
        QueryPlan.Measure top = n.measures().getFirst();
        QueryPlan.Measure bottom = d.measures().getFirst();
        boolean columnTotals = top.function() == QueryPlan.Aggregate.SUM
                && bottom.function() == QueryPlan.Aggregate.SUM
                && top.column() != null
                && bottom.column() != null
                && top.column().table().equals(bottom.column().table());
        SchemaIndex index = index(schema);
        Optional<TableInfo> holder = columnTotals ? index.table(top.column().table()) : Optional.empty();
        if (holder.isEmpty()
                || n.groupBy().isEmpty()
                || !n.tables().equals(d.tables())
                || !n.joins().equals(d.joins())
                || !Set.copyOf(n.filters()).equals(Set.copyOf(d.filters()))
                || !asked.perRowOf(holder.get().name())) {
            return null;
        }
        List<QueryPlan.ColumnRef> named = new ArrayList<>();
        for (QueryPlan.Dimension dim : n.groupBy()) {
            if (dim.grain() != null || !dim.column().table().equals(top.column().table())) {
                return null;
            }
            named.add(dim.column());
        }
        // each row is named by what identifies it: a name the groups used may repeat (fare basis codes)
        Optional<QueryPlan.ColumnRef> key = holder.flatMap(index::key)
                .map(k -> new QueryPlan.ColumnRef(top.column().table(), k.name()));
        if (key.isPresent()) {
            named = List.of(key.get());
        }
        QueryPlan numerator = columnOf(n, top.column());
        QueryPlan denominator = columnOf(d, bottom.column());
        return QueryPlan.dividingEachRow(
                new QueryPlan.Ratio(
                        numerator.withSummary(describer.describe(numerator)),
                        denominator.withSummary(describer.describe(denominator)),
                        quotientName(percent),
                        percent),
                named);
    }

    /** The name of a ratio's output: "percentage" when it is one. */
    private static String quotientName(boolean percent) {
        return percent ? "percentage" : "ratio";
    }

    /** A side that lists one column of its rows instead of totalling it. */
    private static QueryPlan columnOf(QueryPlan side, QueryPlan.ColumnRef column) {
        return new QueryPlan(
                side.tables(),
                side.joins(),
                side.filters(),
                List.of(),
                List.of(),
                List.of(column),
                List.of(),
                null,
                false,
                null);
    }

    /**
     * A side's plan: "how many …" of its words, or, when that counts the values of a column (the side
     * names a quantity, "one-way trip costs", not rows), the total of that column.
     */
    private PlanAttempt side(
            String question,
            String totalQuestion,
            String instructions,
            SchemaSnapshot schema,
            LocalDate today,
            List<Binding> bound) {
        PlanAttempt counted = plan(question, instructions, schema, null, today, bound, false);
        QueryPlan p = counted.plan();
        boolean countsAColumn = p != null
                && p.measures().size() == 1
                && p.measures().getFirst().column() != null
                && (p.measures().getFirst().function() == QueryPlan.Aggregate.COUNT
                        || p.measures().getFirst().function() == QueryPlan.Aggregate.COUNT_DISTINCT)
                && !isKey(p.measures().getFirst().column(), schema);
        if (!countsAColumn || question.equals(totalQuestion)) {
            return counted;
        }
        PlanAttempt total = plan(totalQuestion, instructions, schema, null, today, bound, false);
        return total.plan() != null
                        && total.plan().measures().size() == 1
                        && total.plan().measures().getFirst().function() == QueryPlan.Aggregate.SUM
                ? total
                : counted;
    }

    /** A side reading all rows of one table (no filter, no table joined to restrict it) yet leaving words unread. */
    private static boolean unrestrictedWithUnreadWords(PlanAttempt attempt, QueryPlan side) {
        boolean restricted = !side.filters().isEmpty() || side.tables().size() > 1;
        return !restricted && !attempt.notUnderstood().isEmpty();
    }

    /** Whether a column identifies its table's rows: counting it counts rows, not a quantity. */
    private boolean isKey(QueryPlan.ColumnRef ref, SchemaSnapshot schema) {
        SchemaIndex index = index(schema);
        return index.table(ref.table())
                .flatMap(index::key)
                .filter(k -> k.name().equalsIgnoreCase(ref.column()))
                .isPresent();
    }

    /** A side of a ratio: a plan of one measure and no listed columns, without order or limit. */
    private static QueryPlan side(PlanAttempt attempt) {
        QueryPlan p = attempt.plan();
        if (p == null || p.measures().size() != 1 || !p.columns().isEmpty() || p.distinct() || p.hasExpressions()) {
            return null;
        }
        return p.withOrder(List.of(), null).withSummary(null);
    }

    /**
     * The clarification with only the choices that give a plan, each a different one; null when
     * fewer than two are left: then the choice makes no difference the planner can act on, and
     * asking would only slow the person down.
     */
    private Clarification worthAsking(
            Clarification c,
            String question,
            String instructions,
            SchemaSnapshot schema,
            LocalDate today,
            List<Binding> answered) {
        List<Clarification.Choice> kept = new java.util.ArrayList<>();
        Set<String> plans = new java.util.HashSet<>();
        for (Clarification.Choice choice : c.choices()) {
            List<Binding> with = new java.util.ArrayList<>(answered);
            with.add(choice.binding());
            PlanAttempt bound = plan(question, instructions, schema, null, today, with, false);
            if (bound.plan() == null) {
                continue;
            }
            String sql = compiler.compile(bound.plan(), schema.dialect(), schema);
            if (plans.add(sql)) {
                kept.add(new Clarification.Choice("c" + (kept.size() + 1), choice.label(), choice.binding()));
            }
        }
        return kept.size() < 2 ? null : new Clarification(c.question(), c.kind(), c.phrase(), kept);
    }

    private PlanAttempt finish(
            Interpreter it, Reading reading, PlanAssembler assembler, SchemaSnapshot schema, Instructions how) {
        double confidence = it.coverage() - it.penalty();
        if (reading.schemaTossUp) {
            confidence -= SCHEMA_GUESS_PENALTY;
        }
        List<String> notUnderstood = it.notUnderstood();
        if (notUnderstood.stream().anyMatch(RuleBasedPlanner::superlative)) {
            // "Which aircraft is the fastest?": a ranking nobody read leaves every row unranked
            confidence = Math.min(confidence, threshold / 2);
        }
        if (asksForUnusedWord(reading, it)) {
            // "Which cities have an Italian restaurant?": whatever the plan lists, it is not what the
            // question asks for when the plan uses nothing of the word that names it
            confidence = Math.min(confidence, threshold / 2);
            if (!notUnderstood.contains(reading.tokens.get(1).raw())) {
                notUnderstood = new java.util.ArrayList<>(notUnderstood);
                notUnderstood.add(0, reading.tokens.get(1).raw());
            }
        }
        confidence = Math.max(0, Math.min(1, confidence));
        List<String> understood = new java.util.ArrayList<>(it.understood());
        for (String applied : how.apply(it.draft())) {
            understood.add("(instructions) → " + applied);
        }
        QueryPlan plan;
        try {
            for (String local : assembler.groupLocally(it.draft())) {
                understood.add("(the rows' own column) group by " + local);
            }
            plan = assembler.toPlan(it.draft());
            compiler.compile(plan, schema.dialect(), schema);
        } catch (PlanAssembler.UnjoinableException e) {
            return new PlanAttempt(
                    null, Math.min(confidence, threshold / 2), understood, notUnderstood, unjoinable(e, schema));
        } catch (IllegalArgumentException e) {
            return new PlanAttempt(
                    null,
                    Math.min(confidence, threshold / 2),
                    understood,
                    notUnderstood,
                    "I understood the question but could not build a query: " + e.getMessage() + ".");
        }
        if (confidence < threshold) {
            return new PlanAttempt(
                    null,
                    confidence,
                    understood,
                    notUnderstood,
                    lowConfidenceExplanation(it.issues(), notUnderstood, schema));
        }
        return new PlanAttempt(plan.withSummary(describer.describe(plan)), confidence, understood, notUnderstood, null);
    }

    /** Words ending in -est that are no superlative. */
    private static final Set<String> NOT_SUPERLATIVES = Set.of(
            "interest",
            "request",
            "guest",
            "forest",
            "test",
            "west",
            "chest",
            "nest",
            "contest",
            "protest",
            "harvest",
            "suggest",
            "digest",
            "manifest",
            "quest",
            "conquest",
            "arrest",
            "invest",
            "honest",
            "modest",
            "midwest",
            "northwest",
            "southwest",
            "rest",
            "pest",
            "vest",
            "zest",
            "crest",
            "priest",
            "earnest",
            "behest",
            "bequest",
            "inquest",
            "tempest",
            "attest",
            "detest",
            "infest",
            "unrest");

    /**
     * A superlative adjective ("fastest", "busiest"): -est after a stem of three letters or more,
     * written in lower case (a capitalised word may be a name: "Everest").
     */
    static boolean superlative(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals(word)
                && w.length() >= 6
                && w.endsWith("est")
                && !NOT_SUPERLATIVES.contains(w)
                && w.chars().allMatch(Character::isLetter);
    }

    /**
     * Whether a "which"/"what" question names its answer by a word ("Which cities …", "What
     * cities …") that no item of the plan uses.
     */
    private static boolean asksForUnusedWord(Reading reading, Interpreter it) {
        List<Text.Token> t = reading.tokens;
        return t.size() > 2
                && (t.get(0).lower().equals("which") || t.get(0).lower().equals("what"))
                && t.get(1).isWord()
                && reading.content(1)
                && !it.inPlan(1);
    }

    private static Draft previousDraft(PlanAssembler assembler, QueryPlan previous) {
        try {
            Draft d = assembler.fromPlan(previous);
            return d.main == null ? null : d;
        } catch (IllegalArgumentException e) {
            // a plan over tables that are gone cannot be refined; the question is planned afresh
            return null;
        }
    }

    /**
     * A follow-up refines the previous plan: it opens with a cue ("now", "only", "what about",
     * "and"), says "instead"/"ones"/"too", or is short and names no new table. A question with its
     * own aggregate or listing over a named table is a new question.
     */
    private static boolean isFollowUp(Reading reading, Draft previous) {
        String first = reading.tokens.stream()
                .filter(t -> t.kind() != Text.Kind.SYMBOL)
                .map(Text.Token::lower)
                .findFirst()
                .orElse("");
        boolean opener = reading.all(FollowCue.class).stream().anyMatch(c -> c.start() <= 1)
                || Vocabulary.FOLLOW_UP_OPENERS.contains(first);
        boolean cue = reading.has(FollowCue.class);
        boolean marker = reading.tokens.stream().anyMatch(t -> Vocabulary.FOLLOW_UP_MARKERS.contains(t.lower()));
        List<TableInfo> tables = reading.all(Link.class).stream()
                .filter(l -> l.target() instanceof TableTarget)
                .map(l -> l.target().table())
                .toList();
        boolean newTable = tables.stream().anyMatch(t -> !previous.tables().contains(t));
        boolean complete =
                !tables.isEmpty() && (reading.has(Agg.class) || reading.has(ListVerb.class) || reading.has(Rank.class));
        if (complete && !opener) {
            return false;
        }
        if (opener || cue || marker) {
            return true;
        }
        long content = java.util.stream.IntStream.range(0, reading.tokens.size())
                .filter(reading::content)
                .count();
        boolean ownMeasure = reading.has(Agg.class) || reading.has(Noun.class);
        return content <= SHORT_FOLLOW_UP_WORDS && !newTable && !ownMeasure;
    }

    private SchemaIndex index(SchemaSnapshot schema) {
        Indexed last = lastIndex.get();
        if (last != null && last.snapshot() == schema) {
            return last.index();
        }
        SchemaIndex index = new SchemaIndex(schema);
        lastIndex.set(new Indexed(schema, index));
        return index;
    }

    private static String noTableExplanation(List<String> notUnderstood, SchemaSnapshot schema) {
        if (notUnderstood.isEmpty()) {
            return "I could not tell which table the question is about; try naming one, such as " + examples(schema)
                    + ".";
        }
        return "I could not link " + quoted(notUnderstood) + " to the schema; try naming a table or column, such as "
                + examples(schema) + ".";
    }

    private static String lowConfidenceExplanation(
            List<String> issues, List<String> notUnderstood, SchemaSnapshot schema) {
        if (!issues.isEmpty()) {
            return "I cannot answer this without a language model: " + String.join("; ", issues)
                    + ". Try a simpler question, such as a count, total or average per group.";
        }
        if (notUnderstood.isEmpty()) {
            return "The question could mean several things here; try naming the table or column you mean, such as "
                    + examples(schema) + ".";
        }
        return "I could not link " + quoted(notUnderstood) + " to the schema; try naming a table or column, such as "
                + examples(schema) + ".";
    }

    /**
     * Why two tables the question needs cannot be joined. Said as it is: the schema (as read from
     * the database, with whatever relationships were added to it) has no relationship that links
     * them, which is a matter for whoever administers the data source, not for the wording.
     */
    static String unjoinable(PlanAssembler.UnjoinableException e, SchemaSnapshot schema) {
        String pair = e.table.name() + " and " + e.main.name();
        if (!e.unsaidRoles.isEmpty()) {
            return "The question needs both " + pair + ", which are linked only through "
                    + String.join(" and ", e.unsaidRoles) + ", a role the question does not mention: answering"
                    + " through it could answer another question. Say the role to use that link, or an administrator"
                    + " can add the relationship the question means.";
        }
        String named = namingColumns(e.main, e.table);
        String naming = named.isEmpty() ? namingColumns(e.table, e.main) : named;
        if (!naming.isEmpty()) {
            return "The question needs both " + pair + ". " + naming + ", but no relationship says "
                    + (naming.contains(" and ") ? "which of them the question means" : "that it holds those keys")
                    + ", and I do not guess joins. An administrator can add the relationship meant in the data"
                    + " source's schema; until then I can answer questions about each of them on its own.";
        }
        boolean anyDeclared =
                schema.tables().stream().anyMatch(t -> !t.foreignKeys().isEmpty());
        String why = anyDeclared
                ? "the schema has no relationship (foreign key) that links " + pair + ", directly or through"
                        + " other tables"
                : "this database declares no relationships (foreign keys) between its tables, so nothing says" + " how "
                        + pair + " join";
        return "The question needs both " + pair + ", but " + why + ". I do not guess joins. An administrator"
                + " can add or confirm the relationship between these tables in the data source's schema;"
                + " until then I can answer questions about each of them on its own.";
    }

    /**
     * "flight names airport in from_airport and to_airport": the columns of {@code t} whose name ends
     * with {@code named}'s (one-word) name, which say they refer to it without saying which is meant;
     * empty when none does.
     */
    private static String namingColumns(TableInfo t, TableInfo named) {
        List<String> columns = t.columns().stream()
                .map(ColumnInfo::name)
                .filter(c -> !SchemaIndex.roleWords(c, named).isEmpty())
                .toList();
        return columns.isEmpty() ? "" : t.name() + " names " + named.name() + " in " + String.join(" and ", columns);
    }

    private static String quoted(List<String> words) {
        return words.stream().distinct().map(w -> "'" + w + "'").collect(Collectors.joining(", "));
    }

    /** A few table names to suggest, the biggest first. */
    private static String examples(SchemaSnapshot schema) {
        return schema.tables().stream()
                .sorted(Comparator.comparingLong(TableInfo::rowEstimate).reversed())
                .limit(4)
                .map(TableInfo::name)
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
