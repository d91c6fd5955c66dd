package dev.querent.agents.store;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.Chat;
import dev.querent.agents.ChatEvent;
import dev.querent.agents.ChatEventType;
import dev.querent.agents.ChatId;
import dev.querent.agents.Chats;
import dev.querent.agents.ClarificationAnswer;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnError;
import dev.querent.agents.TurnId;
import dev.querent.agents.TurnResult;
import dev.querent.agents.TurnState;
import dev.querent.agents.ValidationReport;
import dev.querent.agents.internal.Json;
import dev.querent.core.DataSourceId;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.QueryPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import tools.jackson.databind.JsonNode;

/** Chats, their turns, and each chat's persisted event log. */
public final class ChatStore implements Chats {
    private final Jdbi jdbi;
    private final Clock clock;

    public ChatStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Chat createChat(String title, DataSourceId dataSourceId) {
        return createChat(title, dataSourceId, null);
    }

    @Override
    public Chat createChat(String title, DataSourceId dataSourceId, String owner) {
        ChatId id = ChatId.random();
        long now = clock.millis();
        jdbi.useHandle(
                h -> h.createUpdate("INSERT INTO chats (id, title, data_source_id, owner, created_at, updated_at)"
                                + " VALUES (:id, :title, :ds, :owner, :now, :now)")
                        .bind("id", id.value())
                        .bind("title", title)
                        .bind("ds", dataSourceId.value())
                        .bind("owner", owner)
                        .bind("now", now)
                        .execute());
        return findChat(id).orElseThrow();
    }

    @Override
    public Optional<Chat> findChat(ChatId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM chats WHERE id = :id")
                .bind("id", id.value())
                .map(ChatStore::mapChat)
                .findOne());
    }

    public List<Chat> listChats() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM chats ORDER BY updated_at DESC, id")
                .map(ChatStore::mapChat)
                .list());
    }

    /** The chats {@code viewer} may see: their own and the shared ones, most recent first. */
    @Override
    public List<Chat> listChatsVisibleTo(String viewer) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT * FROM chats WHERE owner = :u OR shared = 1 ORDER BY updated_at DESC, id")
                        .bind("u", viewer)
                        .map(ChatStore::mapChat)
                        .list());
    }

    @Override
    public void setShared(ChatId id, boolean shared) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE chats SET shared = :s WHERE id = :id")
                .bind("s", shared ? 1 : 0)
                .bind("id", id.value())
                .execute());
    }

    public void renameChat(ChatId id, String title) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE chats SET title = :t WHERE id = :id")
                .bind("t", title)
                .bind("id", id.value())
                .execute());
    }

    @Override
    public boolean deleteChat(ChatId id) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM chat_events WHERE chat_id = :id")
                    .bind("id", id.value())
                    .execute();
            h.createUpdate("DELETE FROM turns WHERE chat_id = :id")
                    .bind("id", id.value())
                    .execute();
            return h.createUpdate("DELETE FROM chats WHERE id = :id")
                            .bind("id", id.value())
                            .execute()
                    > 0;
        });
    }

    /**
     * Persists a new turn in PLANNING state before any work is done, so a question is never lost;
     * the same {@code clientMessageId} returns the existing turn instead (idempotent retries).
     */
    public Turn createTurn(ChatId chatId, String question, String clientMessageId) {
        return createTurn(chatId, question, clientMessageId, null);
    }

    /** As {@link #createTurn(ChatId, String, String)}, with the instructions that came with the question. */
    public Turn createTurn(ChatId chatId, String question, String clientMessageId, String instructions) {
        return jdbi.inTransaction(h -> {
            if (clientMessageId != null) {
                Optional<Turn> existing = h.createQuery(
                                "SELECT * FROM turns WHERE chat_id = :c AND client_message_id = :m")
                        .bind("c", chatId.value())
                        .bind("m", clientMessageId)
                        .map(ChatStore::mapTurn)
                        .findOne();
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            int seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE chat_id = :c")
                    .bind("c", chatId.value())
                    .mapTo(Integer.class)
                    .one();
            TurnId id = TurnId.random();
            long now = clock.millis();
            h.createUpdate("INSERT INTO turns (id, chat_id, seq, question, instructions, client_message_id, state,"
                            + " confidence, created_at, updated_at)"
                            + " VALUES (:id, :c, :seq, :q, :i, :m, :state, 0, :now, :now)")
                    .bind("id", id.value())
                    .bind("c", chatId.value())
                    .bind("seq", seq)
                    .bind("q", question)
                    .bind("i", instructions == null || instructions.isBlank() ? null : instructions)
                    .bind("m", clientMessageId)
                    .bind("state", TurnState.PLANNING.name())
                    .bind("now", now)
                    .execute();
            touchChat(h, chatId, now);
            return findTurn(h, id).orElseThrow();
        });
    }

    public Turn saveTurn(Turn turn) {
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE turns SET state = :state, source = :source, confidence = :conf, plan_json = :plan,"
                            + " draft_sql = :draft, sql_text = :sql, validation_json = :val, result_json = :res,"
                            + " error_json = :err, clarification_json = :clar, updated_at = :now WHERE id = :id")
                    .bind("state", turn.state().name())
                    .bind("source", turn.source() == null ? null : turn.source().name())
                    .bind("conf", turn.confidence())
                    .bind("plan", Json.write(turn.plan()))
                    .bind("draft", turn.draftSql())
                    .bind("sql", turn.sql())
                    .bind("val", Json.write(turn.validation()))
                    .bind("res", Json.write(turn.result()))
                    .bind("err", Json.write(turn.error()))
                    .bind("clar", clarificationJson(turn))
                    .bind("now", now)
                    .bind("id", turn.id().value())
                    .execute();
            touchChat(h, turn.chatId(), now);
        });
        return findTurn(turn.id()).orElseThrow();
    }

    public Optional<Turn> findTurn(TurnId id) {
        return jdbi.withHandle(h -> findTurn(h, id));
    }

    @Override
    public List<Turn> turns(ChatId chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM turns WHERE chat_id = :c ORDER BY seq")
                .bind("c", chatId.value())
                .map(ChatStore::mapTurn)
                .list());
    }

    /** Appends an event with the chat's next sequence number and returns it as stored. */
    public ChatEvent appendEvent(ChatId chatId, TurnId turnId, ChatEventType type, Object payload) {
        long now = clock.millis();
        String json = Json.write(payload);
        return jdbi.inTransaction(h -> {
            long seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM chat_events WHERE chat_id = :c")
                    .bind("c", chatId.value())
                    .mapTo(Long.class)
                    .one();
            h.createUpdate("INSERT INTO chat_events (chat_id, seq, turn_id, type, payload_json, created_at)"
                            + " VALUES (:c, :seq, :t, :type, :p, :now)")
                    .bind("c", chatId.value())
                    .bind("seq", seq)
                    .bind("t", turnId == null ? null : turnId.value())
                    .bind("type", type.wireName())
                    .bind("p", json)
                    .bind("now", now)
                    .execute();
            return new ChatEvent(chatId, seq, turnId, type, Json.read(json, JsonNode.class), Instant.ofEpochMilli(now));
        });
    }

    public List<ChatEvent> eventsAfter(ChatId chatId, long afterSeq) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT * FROM chat_events WHERE chat_id = :c AND seq > :s ORDER BY seq")
                        .bind("c", chatId.value())
                        .bind("s", afterSeq)
                        .map((rs, ctx) -> new ChatEvent(
                                new ChatId(rs.getString("chat_id")),
                                rs.getLong("seq"),
                                rs.getString("turn_id") == null ? null : new TurnId(rs.getString("turn_id")),
                                ChatEventType.fromWireName(rs.getString("type")),
                                Json.read(rs.getString("payload_json"), JsonNode.class),
                                Instant.ofEpochMilli(rs.getLong("created_at"))))
                        .list());
    }

    private static void touchChat(Handle h, ChatId chatId, long now) {
        h.createUpdate("UPDATE chats SET updated_at = :now WHERE id = :id")
                .bind("now", now)
                .bind("id", chatId.value())
                .execute();
    }

    private static Optional<Turn> findTurn(Handle h, TurnId id) {
        return h.createQuery("SELECT * FROM turns WHERE id = :id")
                .bind("id", id.value())
                .map(ChatStore::mapTurn)
                .findOne();
    }

    private static Chat mapChat(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Chat(
                new ChatId(rs.getString("id")),
                rs.getString("title"),
                new DataSourceId(rs.getString("data_source_id")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getString("owner"),
                rs.getInt("shared") != 0);
    }

    /** A turn's clarifying question and answers, as stored in one column. */
    private record Clarifying(Clarification asked, List<ClarificationAnswer> answers) {}

    private static String clarificationJson(Turn turn) {
        return turn.clarification() == null && turn.answers().isEmpty()
                ? null
                : Json.write(new Clarifying(turn.clarification(), turn.answers()));
    }

    private static Turn mapTurn(ResultSet rs, StatementContext ctx) throws SQLException {
        String source = rs.getString("source");
        Clarifying clarifying = Json.read(rs.getString("clarification_json"), Clarifying.class);
        return new Turn(
                new TurnId(rs.getString("id")),
                new ChatId(rs.getString("chat_id")),
                rs.getInt("seq"),
                rs.getString("question"),
                rs.getString("instructions"),
                rs.getString("client_message_id"),
                TurnState.valueOf(rs.getString("state")),
                source == null ? null : AnswerSource.valueOf(source),
                rs.getDouble("confidence"),
                Json.read(rs.getString("plan_json"), QueryPlan.class),
                rs.getString("draft_sql"),
                rs.getString("sql_text"),
                Json.read(rs.getString("validation_json"), ValidationReport.class),
                Json.read(rs.getString("result_json"), TurnResult.class),
                Json.read(rs.getString("error_json"), TurnError.class),
                clarifying == null ? null : clarifying.asked(),
                clarifying == null ? List.of() : clarifying.answers(),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
