package dev.querent.agents;

import dev.querent.semantics.Clarification;
import dev.querent.semantics.QueryPlan;
import java.time.Instant;
import java.util.List;

/**
 * One question in a chat and everything that happened to it.
 *
 * @param seq position in the chat, from 1
 * @param instructions how to answer, given with the question ("filter names with an exact match"), else null
 * @param draftSql SQL chosen at planning time (a verified pattern's adapted SQL), else null
 * @param clarification the question the planner asks while the turn is {@link
 *     TurnState#AWAITING_CLARIFICATION}, with its choices; null otherwise
 * @param answers how the clarifying questions of this turn were answered, in order (empty when none
 *     was asked): the plan is built with them
 */
public record Turn(
        TurnId id,
        ChatId chatId,
        int seq,
        String question,
        String instructions,
        String clientMessageId,
        TurnState state,
        AnswerSource source,
        double confidence,
        QueryPlan plan,
        String draftSql,
        String sql,
        ValidationReport validation,
        TurnResult result,
        TurnError error,
        Clarification clarification,
        List<ClarificationAnswer> answers,
        Instant createdAt,
        Instant updatedAt) {

    public Turn {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-and-change, since a turn moves through many states. */
    public static final class Builder {
        private final Turn t;
        private TurnState state;
        private AnswerSource source;
        private double confidence;
        private QueryPlan plan;
        private String draftSql;
        private String sql;
        private ValidationReport validation;
        private TurnResult result;
        private TurnError error;
        private Clarification clarification;
        private List<ClarificationAnswer> answers;
        private Instant updatedAt;

        private Builder(Turn t) {
            this.t = t;
            this.state = t.state;
            this.source = t.source;
            this.confidence = t.confidence;
            this.plan = t.plan;
            this.draftSql = t.draftSql;
            this.sql = t.sql;
            this.validation = t.validation;
            this.result = t.result;
            this.error = t.error;
            this.clarification = t.clarification;
            this.answers = t.answers;
            this.updatedAt = t.updatedAt;
        }

        public Builder state(TurnState v) {
            state = v;
            return this;
        }

        public Builder source(AnswerSource v) {
            source = v;
            return this;
        }

        public Builder confidence(double v) {
            confidence = v;
            return this;
        }

        public Builder plan(QueryPlan v) {
            plan = v;
            return this;
        }

        public Builder draftSql(String v) {
            draftSql = v;
            return this;
        }

        public Builder sql(String v) {
            sql = v;
            return this;
        }

        public Builder validation(ValidationReport v) {
            validation = v;
            return this;
        }

        public Builder result(TurnResult v) {
            result = v;
            return this;
        }

        public Builder error(TurnError v) {
            error = v;
            return this;
        }

        public Builder clarification(Clarification v) {
            clarification = v;
            return this;
        }

        public Builder answers(List<ClarificationAnswer> v) {
            answers = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public Turn build() {
            return new Turn(
                    t.id,
                    t.chatId,
                    t.seq,
                    t.question,
                    t.instructions,
                    t.clientMessageId,
                    state,
                    source,
                    confidence,
                    plan,
                    draftSql,
                    sql,
                    validation,
                    result,
                    error,
                    clarification,
                    answers,
                    t.createdAt,
                    updatedAt);
        }
    }
}
