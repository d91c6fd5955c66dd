package dev.querent.agents;

import dev.querent.agents.access.ScopeResolver;
import dev.querent.agents.internal.Json;
import dev.querent.agents.planner.PlannerAgent;
import dev.querent.agents.planner.Proposal;
import dev.querent.agents.sql.GeneratedSql;
import dev.querent.agents.sql.SqlAgent;
import dev.querent.agents.store.ChatStore;
import dev.querent.agents.trust.ConfidenceModel;
import dev.querent.agents.trust.Shapes;
import dev.querent.agents.trust.Signals;
import dev.querent.agents.validation.ValidationOutcome;
import dev.querent.agents.validation.ValidatorAgent;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.ExecutionSummary;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.RowSink;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.ResultColumn;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.SqlGuard;
import dev.querent.semantics.Binding;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.DefinedTerms;
import dev.querent.semantics.PlanDescriber;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.SqlEdits;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each chat turn as an explicit state machine:
 *
 * <pre>
 * ask:     PLANNING ─▶ AWAITING_CONFIRMATION        (Planner proposed a plan; a model's answer is
 *                   │                               drafted and checked now, its plan read from the SQL)
 *                   ├▶ AWAITING_CLARIFICATION       (the question is ambiguous: one short question
 *                   │     │                          with choices, instead of a guess)
 *                   │     └─ clarify ─▶ PLANNING ─▶ … (planned again with the choice bound, or the
 *                   │                                typed answer taken as a refinement)
 *                   ├▶ CANNOT_ANSWER                (nothing confident enough)
 *                   └▶ FAILED                       (e.g. the model unreachable while drafting)
 * edit:    AWAITING_CONFIRMATION ─▶ AWAITING_CONFIRMATION (plan replaced, re-described)
 * reject:  AWAITING_CONFIRMATION | AWAITING_CLARIFICATION ─▶ REJECTED
 * confirm: AWAITING_CONFIRMATION ─▶ EXECUTING ─▶ SQL agent ─▶ Validator ─▶ execute ─▶ ANSWERED
 *                                              ╰── a failure feeds one bounded repair, then FAILED
 * retry:   FAILED ─▶ EXECUTING ─▶ …             (same confirmed plan)
 *          FAILED ─▶ PLANNING ─▶ …              (failed before a plan was proposed: planned again)
 * </pre>
 *
 * Every transition is persisted before its event is published, so neither a question nor an answer
 * is lost when a connection, the database or the model fails. Calls block: run them off the event
 * loop.
 *
 * <p>Answers run inside a {@link QuerySlots} slot of their data source (and owner, when given): a
 * confirm or retry that cannot start in time is refused before the turn changes state, so it stays
 * confirmable or retryable. Only a bounded preview of an answer's rows is stored and published;
 * {@link #rows} pages the rest by running the turn's SQL again.
 */
public final class Orchestrator {
    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);
    /** How often a model's draft is published while it streams in. */
    static final long DRAFT_EVENT_INTERVAL_NANOS = 250_000_000L;

    private static final Set<TurnState> CONTEXT_STATES =
            EnumSet.of(TurnState.ANSWERED, TurnState.AWAITING_CONFIRMATION);

    private final ChatStore chats;
    private final DataSourceService dataSources;
    private final PlannerAgent planner;
    private final SqlAgent sqlAgent;
    private final ValidatorAgent validator;
    private final PlanDescriber describer;
    private final ChatEvents events;
    private final Consumer<Turn> reviewRouter;
    private final OrchestratorSettings settings;
    private final SqlGuard guard;
    private final QuerySlots slots;
    private final ScopeResolver scopes;
    private final ConfidenceModel confidence;
    private final SqlEdits sqlEdits = new SqlEdits();
    /** Turns whose clarifying question is being answered: a second answer at once is a conflict. */
    private final Map<TurnId, Boolean> clarifying = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param confidence turns an answer's signals into its calibrated confidence; answers below the
     *     precision target ({@link OrchestratorSettings#reviewBelowConfidence()}) are unverified and
     *     go to review
     */
    public Orchestrator(
            ChatStore chats,
            DataSourceService dataSources,
            PlannerAgent planner,
            SqlAgent sqlAgent,
            ValidatorAgent validator,
            PlanDescriber describer,
            ChatEvents events,
            Consumer<Turn> reviewRouter,
            OrchestratorSettings settings,
            SqlGuard guard,
            QuerySlots slots,
            ScopeResolver scopes,
            ConfidenceModel confidence) {
        this.confidence = confidence;
        this.scopes = scopes;
        this.chats = chats;
        this.dataSources = dataSources;
        this.planner = planner;
        this.sqlAgent = sqlAgent;
        this.validator = validator;
        this.describer = describer;
        this.events = events;
        this.reviewRouter = reviewRouter;
        this.settings = settings;
        this.guard = guard;
        this.slots = slots;
    }

    /** A new question: persisted first, then planned. Idempotent per {@code clientMessageId}. */
    public Turn ask(ChatId chatId, String question, String clientMessageId) {
        return ask(chatId, question, clientMessageId, null);
    }

    /**
     * A new question with instructions on how to answer it ("filter names with an exact match"),
     * kept with the turn for the planner and, at confirmation, the SQL writer; null or blank for none.
     */
    public Turn ask(ChatId chatId, String question, String clientMessageId, String instructions) {
        String q = question == null ? "" : PlainText.check(question, "question").strip();
        String how = instructions == null
                ? null
                : PlainText.check(instructions, "instructions").strip();
        how = how == null || how.isEmpty() ? null : how;
        if (q.isEmpty()) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "The question is empty.");
        }
        Chat chat = chat(chatId);
        Optional<Turn> previousTurn = lastContextTurn(chatId);
        Turn turn = chats.createTurn(chatId, q, clientMessageId, how);
        if (turn.state() != TurnState.PLANNING) {
            return turn; // a retried send of a question already handled
        }
        publish(turn, new TurnEvent.TurnStarted(turn.id().value(), q, turn.seq(), clientMessageId));
        if (turn.seq() == 1) {
            chats.renameChat(chatId, title(q));
        }
        try {
            return plan(turn, chat, q, how, previousTurn.map(Turn::plan).orElse(null));
        } catch (QuerentException e) {
            return fail(turn, e);
        }
    }

    /**
     * Plans a turn and proposes the plan. With a model configured, a question the model answers is
     * drafted now: the model writes SQL, the Validator checks it (guard, schema, {@code EXPLAIN},
     * back-translation — nothing reads the data), a refused draft is repaired within the repair bound,
     * and the plan proposed is the one read from that SQL, which Confirm then runs as it is.
     */
    private Turn plan(Turn turn, Chat chat, String q, String how, QueryPlan previous) {
        DataSourceId dsId = chat.dataSourceId();
        ScopeResolver.Grant grant = scopes.grant(chat.owner(), dsId);
        SchemaSnapshot full = dataSources.schema(dsId);
        SchemaSnapshot schema = grant.visible(full);
        List<Binding> bindings = turn.answers().stream()
                .map(ClarificationAnswer::binding)
                .filter(java.util.Objects::nonNull)
                .toList();
        // a typed answer refines the question's words; after one the planner asks no more
        String refined = q;
        for (ClarificationAnswer a : turn.answers()) {
            if (a.text() != null) {
                refined = refined + " " + a.text();
            }
        }
        boolean mayAsk = turn.answers().stream().allMatch(a -> a.text() == null);
        Proposal p = planner.propose(refined, dsId, schema, previous, how, bindings, mayAsk);
        if (p.asks()) {
            turn = chats.saveTurn(turn.toBuilder()
                    .state(TurnState.AWAITING_CLARIFICATION)
                    .source(p.source())
                    .confidence(p.confidence())
                    .plan(null)
                    .clarification(p.clarification())
                    .error(null)
                    .build());
            publish(turn, new TurnEvent.ClarificationAsked(turn));
            return turn;
        }
        how = forModel(how, turn.answers());
        if (!p.answerable()) {
            turn = chats.saveTurn(turn.toBuilder()
                    .state(TurnState.CANNOT_ANSWER)
                    .source(p.source())
                    .confidence(p.confidence())
                    .error(new TurnError(ErrorCode.CANNOT_ANSWER, p.explanation(), false))
                    .build());
            publish(turn, new TurnEvent.TurnFinished(turn));
            return turn;
        }
        ValidationReport checks;
        if (p.source() == AnswerSource.LLM && sqlAgent.llmAvailable()) {
            Drafted drafted = draft(turn, q, how, p, dsId, full, schema, grant);
            p = drafted.proposal();
            checks = drafted.checks();
        } else {
            checks = precheck(chat, q, how, p.source(), p.plan(), p.draftSql());
        }
        turn = chats.saveTurn(turn.toBuilder()
                .state(TurnState.AWAITING_CONFIRMATION)
                .source(p.source())
                .confidence(p.confidence())
                .plan(p.plan())
                .draftSql(p.draftSql())
                .validation(checks)
                .clarification(null)
                .error(null)
                .build());
        publish(turn, new TurnEvent.PlanProposed(turn));
        return turn;
    }

    /**
     * Answers the clarifying question of a turn awaiting clarification, with one of its choices or
     * with free text (taken as a refinement of the question), and plans the turn again: with the
     * choice bound, the planner builds the plan that meaning gives (and a model is told it as an
     * instruction); it may ask about another kind of ambiguity next, never the same kind twice.
     *
     * @param choiceId the id of a choice the question offered, or null when answering with text
     * @param text free text instead of a choice, or null
     * @throws QuerentException {@link ErrorCode#UNKNOWN_CHOICE} for a choice the question did not
     *     offer (the turn still waits), {@link ErrorCode#VALIDATION_FAILED} for neither or both,
     *     {@link ErrorCode#INVALID_STATE} when the turn is not awaiting clarification
     */
    public Turn clarify(TurnId turnId, String choiceId, String text) {
        String id =
                choiceId == null ? null : PlainText.check(choiceId, "choiceId").strip();
        String typed = text == null ? null : PlainText.check(text, "text").strip();
        id = id == null || id.isEmpty() ? null : id;
        typed = typed == null || typed.isEmpty() ? null : typed;
        if ((id == null) == (typed == null)) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "Answer the question with one choice id or with text, not both.");
        }
        if (clarifying.putIfAbsent(turnId, Boolean.TRUE) != null) {
            throw new QuerentException(ErrorCode.CONFLICT, "This question is being answered already.");
        }
        try {
            return answer(turnId, id, typed);
        } finally {
            clarifying.remove(turnId);
        }
    }

    private Turn answer(TurnId turnId, String id, String typed) {
        Turn turn = requireState(turnId, TurnState.AWAITING_CLARIFICATION);
        Clarification asked = turn.clarification();
        ClarificationAnswer answer;
        if (id != null) {
            String wanted = id;
            List<String> offered =
                    asked.choices().stream().map(Clarification.Choice::id).toList();
            Clarification.Choice choice = asked.choice(wanted)
                    .orElseThrow(() -> new QuerentException(
                            ErrorCode.UNKNOWN_CHOICE,
                            "That is not one of the choices offered (" + String.join(", ", offered) + ").",
                            Map.of("choices", offered),
                            null));
            answer = new ClarificationAnswer(asked.question(), choice.id(), choice.label(), choice.binding(), null);
        } else {
            answer = new ClarificationAnswer(asked.question(), null, null, null, typed);
        }
        List<ClarificationAnswer> answers = new ArrayList<>(turn.answers());
        answers.add(answer);
        Turn planning = chats.saveTurn(turn.toBuilder()
                .state(TurnState.PLANNING)
                .clarification(null)
                .answers(answers)
                .build());
        try {
            QueryPlan previous =
                    lastContextTurn(turn.chatId(), turn.seq()).map(Turn::plan).orElse(null);
            return plan(planning, chat(turn.chatId()), turn.question(), turn.instructions(), previous);
        } catch (QuerentException e) {
            return fail(planning, e);
        }
    }

    /**
     * The instructions a language model writing SQL for the turn gets: the user's, then what each
     * answer to a clarifying question bound ("Use the date column saas.users.last_login_at …").
     */
    static String forModel(String instructions, List<ClarificationAnswer> answers) {
        if (answers.isEmpty()) {
            return instructions;
        }
        StringBuilder sb = new StringBuilder(instructions == null ? "" : instructions);
        for (ClarificationAnswer a : answers) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(a.instruction());
        }
        return sb.toString();
    }

    private record Drafted(Proposal proposal, ValidationReport checks) {}

    private Drafted draft(
            Turn turn,
            String q,
            String how,
            Proposal p,
            DataSourceId dsId,
            SchemaSnapshot full,
            SchemaSnapshot visible,
            ScopeResolver.Grant grant) {
        GeneratedSql draft = sqlAgent.draft(q, how, p.plan(), dsId, visible, new DraftProgress(turn));
        int promptTokens = draft.promptTokens();
        int completionTokens = draft.completionTokens();
        DataSourceInterface connector = dataSources.connector(dsId);
        Asked asked = asked(q, how, dsId); // read once for the draft and every repair
        ValidationOutcome outcome = validator.validate(
                asked.question(), asked.hints(), draft.sql(), full, connector, settings.limits(), grant);
        for (int left = settings.maxRepairs(); outcome.failure() != null && left > 0; left--) {
            Optional<GeneratedSql> repaired =
                    sqlAgent.repair(AnswerSource.LLM, q, p.plan(), draft.sql(), outcome.failure(), dsId, visible);
            if (repaired.isEmpty()) {
                break;
            }
            draft = repaired.get();
            promptTokens += draft.promptTokens();
            completionTokens += draft.completionTokens();
            outcome = validator.validate(
                    asked.question(), asked.hints(), draft.sql(), full, connector, settings.limits(), grant);
        }
        publish(turn, TurnEvent.SqlDrafted.fully(draft.sql(), promptTokens, completionTokens));
        QueryPlan plan = planner.planOf(draft.sql(), visible).orElse(p.plan());
        return new Drafted(new Proposal(AnswerSource.LLM, plan, draft.sql(), p.confidence(), null), outcome.report());
    }

    /** Publishes the draft so far, at most every {@link #DRAFT_EVENT_INTERVAL_NANOS}. */
    private final class DraftProgress implements Consumer<String> {
        private final Turn turn;
        private long last;

        DraftProgress(Turn turn) {
            this.turn = turn;
        }

        @Override
        public void accept(String text) {
            long now = System.nanoTime();
            if (last != 0 && now - last < DRAFT_EVENT_INTERVAL_NANOS) {
                return;
            }
            last = now;
            publish(turn, TurnEvent.SqlDrafted.partly(text));
        }
    }

    /**
     * Replaces the plan of a turn awaiting confirmation; the summary is rewritten from the new plan.
     * A model's draft is rewritten through its syntax tree where the edit allows ({@link SqlEdits});
     * otherwise the model revises it under the edited plan now, so the card shows the SQL that will
     * run and its checks before anyone confirms. With the model unreachable the edit is kept and the
     * model writes the SQL at Confirm.
     */
    public Turn editPlan(TurnId turnId, QueryPlan plan) {
        Turn turn = requireState(turnId, TurnState.AWAITING_CONFIRMATION);
        Turn.Builder b = withEditedPlan(turn, plan);
        Turn built = b.build();
        Chat chat = chat(turn.chatId());
        Optional<Drafted> revised = reviseNow(chat, built);
        revised.ifPresent(d -> b.plan(d.proposal().plan()).draftSql(d.proposal().draftSql()));
        ValidationReport checks = revised.isPresent()
                ? revised.get().checks()
                : precheck(chat, turn.question(), turn.instructions(), built.source(), built.plan(), built.draftSql());
        Turn edited = chats.saveTurn(b.validation(checks).build());
        publish(edited, new TurnEvent.PlanProposed(edited));
        return edited;
    }

    /**
     * A model's turn whose edit dropped the draft, drafted again under the edited plan now; empty for
     * other turns, with no model, or when the model cannot be reached (it then writes at Confirm).
     */
    private Optional<Drafted> reviseNow(Chat chat, Turn edited) {
        if (edited.source() != AnswerSource.LLM || edited.draftSql() != null || !sqlAgent.llmAvailable()) {
            return Optional.empty();
        }
        try {
            DataSourceId dsId = chat.dataSourceId();
            ScopeResolver.Grant grant = scopes.grant(chat.owner(), dsId);
            SchemaSnapshot full = dataSources.schema(dsId);
            return Optional.of(draft(
                    edited,
                    edited.question(),
                    edited.instructions(),
                    new Proposal(AnswerSource.LLM, edited.plan(), null, edited.confidence(), null),
                    dsId,
                    full,
                    grant.visible(full),
                    grant));
        } catch (QuerentException e) {
            log.debug("the model could not revise the draft now; it writes the SQL at Confirm: {}", e.getMessage());
            return Optional.empty();
        }
    }

    public Turn reject(TurnId turnId, String reason) {
        PlainText.check(reason, "reason");
        Turn turn = turn(turnId);
        if (turn.state() != TurnState.AWAITING_CLARIFICATION) {
            turn = requireState(turnId, TurnState.AWAITING_CONFIRMATION);
        }
        Turn rejected = chats.saveTurn(turn.toBuilder()
                .state(TurnState.REJECTED)
                .error(new TurnError(ErrorCode.INVALID_STATE, reason == null ? "Plan rejected." : reason, false))
                .build());
        publish(rejected, new TurnEvent.TurnFinished(rejected));
        return rejected;
    }

    /** Confirms the plan (optionally edited in the same step) and answers. Nothing runs before this. */
    public Turn confirm(TurnId turnId, QueryPlan editedPlanOrNull) {
        return confirm(turnId, editedPlanOrNull, null);
    }

    /**
     * As {@link #confirm(TurnId, QueryPlan)}, counting the query against {@code ownerKey}'s bound.
     *
     * @param ownerKey who asks (a user id), or null
     * @return the answered (or failed) turn; its result holds every row read, within the caps, while
     *     the stored turn keeps a preview
     */
    public Turn confirm(TurnId turnId, QueryPlan editedPlanOrNull, String ownerKey) {
        Turn turn = requireState(turnId, TurnState.AWAITING_CONFIRMATION);
        Turn.Builder b = editedPlanOrNull == null ? turn.toBuilder() : withEditedPlan(turn, editedPlanOrNull);
        try (QuerySlots.Slot slot = slots.acquire(chat(turn.chatId()).dataSourceId(), ownerKey)) {
            Turn current = requireState(turnId, TurnState.AWAITING_CONFIRMATION);
            if (!current.updatedAt().equals(turn.updatedAt())) {
                throw new QuerentException(ErrorCode.CONFLICT, "The plan changed meanwhile; confirm it again.");
            }
            return execute(
                    chats.saveTurn(b.state(TurnState.EXECUTING).error(null).build()));
        }
    }

    /** Runs a failed turn again from its confirmed plan (after the database or model is back). */
    public Turn retry(TurnId turnId) {
        return retry(turnId, null);
    }

    /** As {@link #retry(TurnId)}, counting the query against {@code ownerKey}'s bound (null: none). */
    public Turn retry(TurnId turnId, String ownerKey) {
        Turn turn = requireState(turnId, TurnState.FAILED);
        if (turn.plan() == null) {
            return replan(turn);
        }
        try (QuerySlots.Slot slot = slots.acquire(chat(turn.chatId()).dataSourceId(), ownerKey)) {
            requireState(turnId, TurnState.FAILED);
            return execute(chats.saveTurn(turn.toBuilder()
                    .state(TurnState.EXECUTING)
                    .error(null)
                    .result(null)
                    .build()));
        }
    }

    /**
     * A turn that failed before its plan was proposed (the model unreachable while drafting, the
     * schema unavailable) is planned again and waits for confirmation: nothing runs unconfirmed.
     */
    private Turn replan(Turn failed) {
        Chat chat = chat(failed.chatId());
        Turn turn = chats.saveTurn(
                failed.toBuilder().state(TurnState.PLANNING).error(null).build());
        try {
            QueryPlan previous =
                    lastContextTurn(chat.id(), failed.seq()).map(Turn::plan).orElse(null);
            return plan(turn, chat, turn.question(), turn.instructions(), previous);
        } catch (QuerentException e) {
            return fail(turn, e);
        }
    }

    /**
     * A page of an answered turn's rows: its stored SQL goes through the guard again (against the
     * current schema) and runs read-only within the usual caps; rows before {@code offset} are read
     * and skipped. Rows come in the answer's order only when its SQL orders them.
     *
     * @param ownerKey who asks (a user id), or null
     */
    public RowPage rows(TurnId turnId, long offset, int limit, String ownerKey) {
        if (offset < 0 || limit < 1 || limit > settings.maxPageRows()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "offset must be >= 0 and limit between 1 and " + settings.maxPageRows() + ".",
                    Map.of("maxLimit", settings.maxPageRows()),
                    null);
        }
        Turn turn = turn(turnId);
        if (turn.state() != TurnState.ANSWERED || turn.sql() == null) {
            throw new QuerentException(
                    ErrorCode.INVALID_STATE,
                    "Turn " + turnId + " is " + turn.state() + "; only answered turns have rows.",
                    Map.of("state", turn.state().name()),
                    null);
        }
        QueryLimits caps = settings.limits();
        if (offset >= caps.maxRows()) {
            return new RowPage(
                    turn.result() == null ? List.of() : turn.result().columns(),
                    List.of(),
                    offset,
                    limit,
                    false,
                    true,
                    0);
        }
        Chat chat = chat(turn.chatId());
        DataSourceId dsId = chat.dataSourceId();
        SchemaSnapshot schema = dataSources.schema(dsId);
        ScopeResolver.Grant grant = scopes.grant(chat.owner(), dsId);
        SafeSql safe =
                grant.apply(guard.require(turn.sql(), schema.dialect(), schema, grant.scope(), grant.attributes()));
        long wanted = offset + limit + 1; // one more tells whether rows follow
        int read = (int) Math.min(caps.maxRows(), wanted);
        QueryLimits pageLimits = new QueryLimits(caps.timeout(), read, caps.maxResultBytes());
        List<ResultColumn> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        long[] seen = {0};
        ExecutionSummary summary;
        try (QuerySlots.Slot slot = slots.acquire(dsId, ownerKey)) {
            summary = dataSources.connector(dsId).stream(safe, pageLimits, QueryCancellation.none(), new RowSink() {
                @Override
                public void columns(List<ResultColumn> cols) {
                    columns.addAll(cols);
                }

                @Override
                public void row(List<Object> values) {
                    long i = seen[0]++;
                    if (i >= offset && i < offset + limit) {
                        rows.add(values);
                    }
                }
            });
        }
        boolean hasMore = seen[0] > offset + limit;
        boolean capped = summary.truncated() && wanted > read;
        return new RowPage(columns, rows, offset, limit, hasMore, capped, summary.elapsedMillis());
    }

    public Turn turn(TurnId id) {
        return chats.findTurn(id).orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No turn " + id));
    }

    private Turn execute(Turn turn) {
        Chat chat = chat(turn.chatId());
        DataSourceId dsId = chat.dataSourceId();
        try {
            SchemaSnapshot schema = dataSources.schema(dsId);
            ScopeResolver.Grant grant = scopes.grant(chat.owner(), dsId);
            DataSourceInterface connector = dataSources.connector(dsId);
            GeneratedSql generated = sqlAgent.write(
                    turn.source(),
                    turn.question(),
                    forModel(turn.instructions(), turn.answers()),
                    turn.plan(),
                    turn.draftSql(),
                    dsId,
                    grant.visible(schema));
            int repairsLeft = settings.maxRepairs();
            SchemaSnapshot visible = grant.visible(schema);
            Asked asked = asked(turn.question(), turn.instructions(), dsId); // once for every repair
            while (true) {
                // what the card shows is what runs: a model's SQL (a draft, a rewrite, a repair) is read back
                QueryPlan ran = generated.source() == AnswerSource.LLM
                        ? planner.planOf(generated.sql(), visible).orElse(turn.plan())
                        : turn.plan();
                turn = chats.saveTurn(
                        turn.toBuilder().sql(generated.sql()).plan(ran).build());
                publish(
                        turn,
                        new TurnEvent.SqlGenerated(
                                generated.sql(),
                                generated.source(),
                                generated.promptTokens(),
                                generated.completionTokens()));
                ValidationOutcome outcome = validator.validate(
                        asked.question(), asked.hints(), generated.sql(), schema, connector, settings.limits(), grant);
                publish(turn, new TurnEvent.Validated(outcome.report()));
                turn = chats.saveTurn(
                        turn.toBuilder().validation(outcome.report()).build());
                String failure = outcome.failure();
                if (failure == null) {
                    try {
                        TurnResult result = run(turn, connector, outcome);
                        int kept = previewSize(result.rows(), settings.previewRows(), settings.previewBytes());
                        Signals signals = Signals.of(
                                turn.source(), turn.confidence(), outcome, result.rowCount(), Shapes.of(turn.plan()));
                        ConfidenceModel.Estimate estimate = confidence.estimate(signals);
                        // Calibrated: the estimate alone decides. Uncalibrated: the validator's doubt also counts.
                        boolean trusted = estimate.probability() >= settings.reviewBelowConfidence()
                                && (estimate.calibrated() || !outcome.report().needsReview());
                        ValidationReport report = outcome.report().withTrust(trusted, signals.named());
                        boolean review = report.needsReview();
                        turn = chats.saveTurn(turn.toBuilder()
                                .state(TurnState.ANSWERED)
                                .confidence(estimate.probability())
                                .validation(report)
                                .result(result.preview(kept))
                                .build());
                        if (review) {
                            reviewRouter.accept(turn);
                        }
                        publish(turn, new TurnEvent.TurnFinished(turn));
                        return turn.toBuilder().result(result).build();
                    } catch (QuerentException e) {
                        if (e.code() != ErrorCode.QUERY_FAILED) {
                            throw e; // timeouts, unreachable databases: a repair would not help
                        }
                        failure = e.getMessage();
                    }
                }
                Optional<GeneratedSql> repaired = repairsLeft-- > 0
                        ? sqlAgent.repair(
                                turn.source(), turn.question(), turn.plan(), generated.sql(), failure, dsId, schema)
                        : Optional.empty();
                if (repaired.isEmpty()) {
                    ErrorCode code = outcome.report().safe() ? ErrorCode.QUERY_FAILED : ErrorCode.SQL_REJECTED;
                    return fail(turn, new QuerentException(code, failure));
                }
                generated = repaired.get();
            }
        } catch (QuerentException e) {
            return fail(turn, e);
        } catch (RuntimeException e) {
            log.error("turn {} failed unexpectedly", turn.id(), e);
            return fail(
                    turn, new QuerentException(ErrorCode.INTERNAL, "Something went wrong answering this question.", e));
        }
    }

    /**
     * The question as the Validator compares it with SQL — the terms the turn's instructions or the
     * data source's glossary define in words written out, as the planner reads them, and those defined
     * by a formula moved into a definition after it — with those instructions as its hints.
     */
    private Asked asked(String question, String how, DataSourceId dsId) {
        String instructions = planner.rulesInstructions(dsId, how);
        return new Asked(DefinedTerms.expanded(question, instructions), instructions);
    }

    /** What the Validator compares SQL with: the question as read, and the instructions as hints. */
    private record Asked(String question, String hints) {}

    /**
     * The Validator's checks on the SQL a plan will run, before anyone confirms it — guard, schema,
     * the engine's {@code EXPLAIN}, back-translation — so its warnings are on the plan card while the
     * plan can still be edited. Nothing reads the user's data. Null when there is no SQL yet (a
     * model writes it after confirmation) or the checks cannot run now (they run again at Confirm).
     */
    private ValidationReport precheck(
            Chat chat, String question, String how, AnswerSource source, QueryPlan plan, String draft) {
        if ((source == AnswerSource.LLM || source == AnswerSource.PATTERN) && draft == null) {
            return null;
        }
        DataSourceId dsId = chat.dataSourceId();
        try {
            SchemaSnapshot schema = dataSources.schema(dsId);
            ScopeResolver.Grant grant = scopes.grant(chat.owner(), dsId);
            String sql = sqlAgent.write(source, question, plan, draft, dsId, grant.visible(schema))
                    .sql();
            Asked asked = asked(question, how, dsId);
            return validator
                    .validate(
                            asked.question(),
                            asked.hints(),
                            sql,
                            schema,
                            dataSources.connector(dsId),
                            settings.limits(),
                            grant)
                    .report();
        } catch (QuerentException e) {
            log.debug("checks before confirmation skipped: {}", e.getMessage());
            return null;
        }
    }

    private TurnResult run(Turn turn, DataSourceInterface connector, ValidationOutcome outcome) {
        List<ResultColumn> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        List<List<Object>> batch = new ArrayList<>();
        long[] previewBytes = {0};
        boolean[] previewOpen = {true};
        final Turn t = turn;
        ExecutionSummary summary =
                connector.stream(outcome.safeSql(), settings.limits(), QueryCancellation.none(), new RowSink() {
                    @Override
                    public void columns(List<ResultColumn> cols) {
                        columns.addAll(cols);
                    }

                    @Override
                    public void row(List<Object> values) {
                        rows.add(values);
                        if (!previewOpen[0]) {
                            return; // events carry the stored preview only
                        }
                        previewBytes[0] += rowBytes(values);
                        if (rows.size() > settings.previewRows() || previewBytes[0] > settings.previewBytes()) {
                            previewOpen[0] = false;
                            return;
                        }
                        batch.add(values);
                        if (batch.size() >= settings.rowsPerEvent()) {
                            flush(t, columns, batch, rows.size() - batch.size());
                        }
                    }
                });
        if (!batch.isEmpty() || rows.isEmpty()) {
            int sent = previewSize(rows, settings.previewRows(), settings.previewBytes());
            flush(t, columns, batch, sent - batch.size());
        }
        TurnResult result =
                new TurnResult(columns, rows, summary.rowCount(), summary.truncated(), summary.elapsedMillis());
        // The question set no LIMIT and exactly the default one came back: more rows may exist. Say so.
        boolean defaultLimitReached = outcome.safeSql().limitAdded()
                && summary.rowCount() >= guard.policy().defaultLimit();
        return !summary.truncated() && defaultLimitReached ? result.cutByDefaultLimit() : result;
    }

    /**
     * How many leading rows fit in a preview of at most {@code maxRows} rows and {@code maxBytes}
     * bytes of JSON.
     */
    static int previewSize(List<List<Object>> rows, int maxRows, long maxBytes) {
        long bytes = 0;
        int n = 0;
        while (n < rows.size() && n < maxRows) {
            bytes += rowBytes(rows.get(n));
            if (bytes > maxBytes) {
                break;
            }
            n++;
        }
        return n;
    }

    private static long rowBytes(List<Object> row) {
        return Json.write(row).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1L;
    }

    private void flush(Turn turn, List<ResultColumn> columns, List<List<Object>> batch, int offset) {
        publish(turn, new TurnEvent.RowsFetched(columns, batch, offset));
        batch.clear();
    }

    private Turn fail(Turn turn, QuerentException e) {
        Turn failed = chats.saveTurn(
                turn.toBuilder().state(TurnState.FAILED).error(TurnError.of(e)).build());
        publish(failed, new TurnEvent.TurnFailed(failed.error()));
        publish(failed, new TurnEvent.TurnFinished(failed));
        return failed;
    }

    private Turn.Builder withEditedPlan(Turn turn, QueryPlan plan) {
        if (plan == null) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "An edited plan is required.");
        }
        QueryPlan described = plan.withSummary(describer.describe(plan));
        if (turn.source() == AnswerSource.PATTERN) {
            // The verified SQL answers the plan as it was; the edited plan is compiled like a rule plan.
            return turn.toBuilder().plan(described).source(AnswerSource.RULES).draftSql(null);
        }
        if (turn.source() == AnswerSource.LLM && turn.draftSql() != null) {
            Optional<Rewritten> rewritten = rewriteDraft(turn, plan);
            if (rewritten.isPresent()) {
                return turn.toBuilder()
                        .plan(rewritten.get().plan())
                        .draftSql(rewritten.get().sql());
            }
        }
        // an edited plan the draft's syntax tree cannot take is no longer the draft's: the model writes
        // SQL for the edit (now, when editing, or at Confirm)
        return turn.toBuilder().plan(described).draftSql(turn.source() == AnswerSource.LLM ? null : turn.draftSql());
    }

    private record Rewritten(String sql, QueryPlan plan) {}

    /** The model's draft with the edit applied through its syntax tree, and the plan read back from it. */
    private Optional<Rewritten> rewriteDraft(Turn turn, QueryPlan edited) {
        Chat chat = chat(turn.chatId());
        SchemaSnapshot visible =
                scopes.grant(chat.owner(), chat.dataSourceId()).visible(dataSources.schema(chat.dataSourceId()));
        return sqlEdits.apply(turn.draftSql(), turn.plan(), edited, visible.dialect(), visible)
                .flatMap(sql -> planner.planOf(sql, visible).map(p -> new Rewritten(sql, p)));
    }

    private Optional<Turn> lastContextTurn(ChatId chatId) {
        return lastContextTurn(chatId, Integer.MAX_VALUE);
    }

    /** The latest turn before {@code beforeSeq} whose plan a follow-up refines. */
    private Optional<Turn> lastContextTurn(ChatId chatId, int beforeSeq) {
        List<Turn> all = chats.turns(chatId);
        for (int i = all.size() - 1; i >= 0; i--) {
            Turn t = all.get(i);
            if (t.seq() < beforeSeq
                    && CONTEXT_STATES.contains(t.state())
                    && t.plan() != null
                    && !t.plan().tables().isEmpty()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private Turn requireState(TurnId id, TurnState expected) {
        Turn turn = turn(id);
        if (turn.state() != expected) {
            throw new QuerentException(
                    ErrorCode.INVALID_STATE,
                    "Turn " + id + " is " + turn.state() + "; this needs " + expected + ".",
                    Map.of("state", turn.state().name()),
                    null);
        }
        return turn;
    }

    private Chat chat(ChatId id) {
        return chats.findChat(id).orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No chat " + id));
    }

    private void publish(Turn turn, TurnEvent event) {
        events.publish(turn.chatId(), turn.id(), event);
    }

    private static String title(String question) {
        return question.length() <= 80 ? question : question.substring(0, 77) + "…";
    }
}
