package dev.querent.agents.planner;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.trust.ConfidenceModel;
import dev.querent.agents.trust.Shapes;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import dev.querent.semantics.Binding;
import dev.querent.semantics.Example;
import dev.querent.semantics.PatternMatch;
import dev.querent.semantics.PatternMatcher;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.RuleBasedPlanner;
import dev.querent.semantics.SqlPlanReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Proposes a plan, trying in order: a verified knowledge-base pattern that matches the question
 * (literals substituted) — by word alignment, or a paraphrase the knowledge index finds by
 * embedding similarity — then the rule-based planner, and — when an LLM is configured — a plan
 * that hands SQL writing to the model over the retrieved tables. With a model configured, a rule
 * plan is handed to the model as guidance, and compiled by the rules only for the plan shapes where
 * {@code querent eval} measured the rules more accurate ({@link ConfidenceModel#rulesPreferred}).
 *
 * <p>Pattern answers carry the plan read from their adapted SQL, with the pattern's sentence as
 * summary; the Orchestrator replaces a model plan by the plan read from the SQL the model drafts.
 *
 * <p>On large schemas the rule-based planner only sees the tables retrieved for the question, as
 * the model does: linking over thousands of tables is both slow and error-prone.
 */
public final class PlannerAgent {
    /**
     * The planner's confidence in an open plan the model will fill: unknown until the SQL is written
     * and checked, so neither trusted nor doubted.
     */
    public static final double OPEN_PLAN_CONFIDENCE = 0.5;

    /** Cosine similarity of the questions from which a semantically found pattern may answer. */
    public static final double DEFAULT_PARAPHRASE_THRESHOLD = 0.85;

    /** Schemas with more tables than this are narrowed by retrieval before rule-based planning. */
    public static final int FULL_SCHEMA_MAX_TABLES = 40;

    /** Tables retrieved for rule-based planning on a large schema. */
    static final int PLANNING_TABLES = 15;

    private static final int PARAPHRASE_CANDIDATES = 3;

    private final PatternStore patterns;
    private final PatternMatcher matcher;
    private final RuleBasedPlanner rules;
    private final boolean llmAvailable;
    private final Clock clock;
    private final KnowledgeService knowledge;
    private final double paraphraseThreshold;
    private final ConfidenceModel routing;
    private final SqlPlanReader reader = new SqlPlanReader();

    /** Without a knowledge index: patterns by word alignment only, rules over the whole schema. */
    public PlannerAgent(
            PatternStore patterns, PatternMatcher matcher, RuleBasedPlanner rules, boolean llmAvailable, Clock clock) {
        this(
                patterns,
                matcher,
                rules,
                llmAvailable,
                clock,
                null,
                DEFAULT_PARAPHRASE_THRESHOLD,
                ConfidenceModel.uncalibrated());
    }

    /**
     * @param routing where rules beat the configured model on the harness: only for those plan shapes
     *     does a rule plan override the model
     */
    public PlannerAgent(
            PatternStore patterns,
            PatternMatcher matcher,
            RuleBasedPlanner rules,
            boolean llmAvailable,
            Clock clock,
            KnowledgeService knowledge,
            double paraphraseThreshold,
            ConfidenceModel routing) {
        this.routing = routing;
        this.patterns = patterns;
        this.matcher = matcher;
        this.rules = rules;
        this.llmAvailable = llmAvailable;
        this.clock = clock;
        this.knowledge = knowledge;
        this.paraphraseThreshold = paraphraseThreshold;
    }

    public Proposal propose(String question, DataSourceId dataSourceId, SchemaSnapshot schema, QueryPlan previous) {
        return propose(question, dataSourceId, schema, previous, null);
    }

    /** @param instructions how to answer, given with the question, or null */
    public Proposal propose(
            String question,
            DataSourceId dataSourceId,
            SchemaSnapshot schema,
            QueryPlan previous,
            String instructions) {
        return propose(question, dataSourceId, schema, previous, instructions, List.of(), true);
    }

    /**
     * @param bindings answers to the clarifying questions asked so far for this question
     * @param mayAsk whether the rules may ask a clarifying question (offline and with a model alike)
     *     instead of guessing; a proposal that asks has {@link Proposal#clarification()} set
     */
    public Proposal propose(
            String question,
            DataSourceId dataSourceId,
            SchemaSnapshot schema,
            QueryPlan previous,
            String instructions,
            List<Binding> bindings,
            boolean mayAsk) {
        if (previous == null && bindings.isEmpty()) {
            List<QueryPattern> verified = patterns.list(dataSourceId, PatternStatus.VERIFIED, null);
            Optional<PatternMatch> match = matcher.match(
                    question,
                    verified.stream()
                            .map(p -> new Example(p.question(), p.sql()))
                            .toList());
            if (match.isEmpty()) {
                match = paraphrase(question, dataSourceId);
            }
            if (match.isPresent()) {
                PatternMatch m = match.get();
                String sentence =
                        "Answer with the verified query for \"" + m.example().question() + "\""
                                + (m.substitutions().isEmpty() ? "" : ", with " + describe(m)) + ".";
                QueryPlan plan = planOf(m.adaptedSql(), schema)
                        .map(p -> p.withSummary(sentence))
                        .orElseGet(() -> QueryPlan.summaryOnly(sentence));
                return new Proposal(AnswerSource.PATTERN, plan, m.adaptedSql(), m.similarity(), null);
            }
        }
        PlanAttempt attempt = rules.plan(
                question,
                rulesInstructions(dataSourceId, instructions),
                planningSchema(question, dataSourceId, schema),
                previous,
                LocalDate.now(clock),
                bindings,
                mayAsk);
        if (attempt.clarification() != null) {
            return new Proposal(
                    AnswerSource.RULES, attempt.plan(), null, attempt.confidence(), null, attempt.clarification());
        }
        if (attempt.plan() != null) {
            // Rules write only where the harness measured them more accurate than the model for this shape;
            // elsewhere the model writes, with the rule plan in its prompt.
            boolean rulesWrite = !llmAvailable || routing.rulesPreferred(Shapes.of(attempt.plan()));
            return new Proposal(
                    rulesWrite ? AnswerSource.RULES : AnswerSource.LLM,
                    attempt.plan(),
                    null,
                    attempt.confidence(),
                    null);
        }
        if (llmAvailable) {
            QueryPlan open = QueryPlan.summaryOnly(
                    "The language model will write SQL for this question over the relevant tables of the schema.");
            return new Proposal(AnswerSource.LLM, open, null, OPEN_PLAN_CONFIDENCE, null);
        }
        return new Proposal(AnswerSource.RULES, null, null, attempt.confidence(), attempt.explanationWhenNoPlan());
    }

    /**
     * What the rules read beside a question: the turn's instructions, then the data source's glossary
     * as definitions ("AOV = average order value"); a term the turn defines wins over the glossary's.
     */
    public String rulesInstructions(DataSourceId dataSourceId, String instructions) {
        String glossary = knowledge == null ? "" : knowledge.glossaryDefinitions(dataSourceId);
        if (glossary.isBlank()) {
            return instructions;
        }
        return instructions == null || instructions.isBlank() ? glossary : instructions + "\n" + glossary;
    }

    /**
     * The plan {@code sql} runs, read from the SQL itself (for pattern, model and corrected SQL);
     * empty when it cannot be read.
     */
    public Optional<QueryPlan> planOf(String sql, SchemaSnapshot schema) {
        return sql == null ? Optional.empty() : reader.tryRead(sql, schema.dialect(), schema);
    }

    /** The nearest verified pattern by embedding, when close enough and its literals adapt. */
    private Optional<PatternMatch> paraphrase(String question, DataSourceId dataSourceId) {
        if (knowledge == null) {
            return Optional.empty();
        }
        for (KnowledgeService.ScoredPattern candidate :
                knowledge.similarPatterns(question, dataSourceId, PARAPHRASE_CANDIDATES)) {
            if (candidate.score() < paraphraseThreshold) {
                break;
            }
            Optional<PatternMatch> adapted = matcher.adaptParaphrase(
                    question,
                    new Example(
                            candidate.pattern().question(), candidate.pattern().sql()),
                    candidate.score());
            if (adapted.isPresent()) {
                return adapted;
            }
        }
        return Optional.empty();
    }

    /** The whole schema, or on a large one the tables retrieved for the question. */
    private SchemaSnapshot planningSchema(String question, DataSourceId dataSourceId, SchemaSnapshot schema) {
        if (knowledge == null || schema.tables().size() <= FULL_SCHEMA_MAX_TABLES) {
            return schema;
        }
        List<TableInfo> tables = knowledge
                .retrieveSchema(question, dataSourceId, PLANNING_TABLES, Integer.MAX_VALUE)
                .tables();
        return tables.isEmpty()
                ? schema
                : new SchemaSnapshot(schema.dialect(), schema.defaultSchema(), tables, schema.takenAt());
    }

    private static String describe(PatternMatch m) {
        StringBuilder sb = new StringBuilder();
        m.substitutions().forEach((from, to) -> {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(from).append(" → ").append(to);
        });
        return sb.toString();
    }
}
