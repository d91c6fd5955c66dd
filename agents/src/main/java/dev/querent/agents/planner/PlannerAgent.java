package dev.querent.agents.planner;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.QueryPlan;
import dev.querent.agents.offline.PatternMatch;
import dev.querent.agents.offline.PatternMatcher;
import dev.querent.agents.offline.PlanAttempt;
import dev.querent.agents.offline.RuleBasedPlanner;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Proposes a plan, trying in order: a verified knowledge-base pattern that matches the question
 * (literals substituted), the rule-based planner, and — when an LLM is configured — a plan that
 * hands SQL writing to the model over the tables the rules could link.
 */
public final class PlannerAgent {
    /** Rule plans at least this confident are compiled even when an LLM is configured. */
    public static final double RULES_PREFERRED_ABOVE = 0.8;

    private final PatternStore patterns;
    private final PatternMatcher matcher;
    private final RuleBasedPlanner rules;
    private final boolean llmAvailable;
    private final Clock clock;

    public PlannerAgent(
            PatternStore patterns, PatternMatcher matcher, RuleBasedPlanner rules, boolean llmAvailable, Clock clock) {
        this.patterns = patterns;
        this.matcher = matcher;
        this.rules = rules;
        this.llmAvailable = llmAvailable;
        this.clock = clock;
    }

    public Proposal propose(String question, DataSourceId dataSourceId, SchemaSnapshot schema, QueryPlan previous) {
        if (previous == null) {
            List<QueryPattern> verified = patterns.list(dataSourceId, PatternStatus.VERIFIED, null);
            Optional<PatternMatch> match = matcher.match(question, verified);
            if (match.isPresent()) {
                PatternMatch m = match.get();
                QueryPlan plan = QueryPlan.summaryOnly(
                        "Answer with the verified query for \"" + m.pattern().question() + "\""
                                + (m.substitutions().isEmpty() ? "" : ", with " + describe(m)) + ".");
                return new Proposal(AnswerSource.PATTERN, plan, m.adaptedSql(), m.similarity(), null);
            }
        }
        PlanAttempt attempt = rules.plan(question, schema, previous, LocalDate.now(clock));
        if (attempt.plan() != null) {
            // A confident rule plan compiles to exactly what the user confirmed; the model is for the rest.
            boolean rulesWrite = !llmAvailable || attempt.confidence() >= RULES_PREFERRED_ABOVE;
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
            return new Proposal(AnswerSource.LLM, open, null, Math.max(0.3, attempt.confidence()), null);
        }
        return new Proposal(AnswerSource.RULES, null, null, attempt.confidence(), attempt.explanationWhenNoPlan());
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
