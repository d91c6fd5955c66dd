package dev.querent.api.security;

import dev.querent.agents.Chat;
import dev.querent.agents.ChatId;
import dev.querent.agents.Chats;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnId;
import dev.querent.agents.access.Role;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Objects;

/**
 * Who may see and change a chat: its owner; everyone signed in may read a shared chat. Anyone
 * else gets NOT_FOUND, exactly as for an id that does not exist. Blocking (reads the store).
 */
public final class ChatAccess {
    private final Chats chats;
    private final Orchestrator orchestrator;
    private final ProjectAccess projects;

    public ChatAccess(Chats chats, Orchestrator orchestrator, ProjectAccess projects) {
        this.chats = chats;
        this.orchestrator = orchestrator;
        this.projects = projects;
    }

    /** The chat, when {@code user} owns it or it is shared, and they are in its data source's project. */
    public Chat readable(QuerentUser user, ChatId id) {
        Chat c = chats.findChat(id).orElseThrow(() -> notFound(id));
        if ((!owns(user, c) && !c.shared()) || !projects.allows(user, c.dataSourceId(), Role.VIEWER)) {
            throw notFound(id);
        }
        return c;
    }

    /** The chats {@code user} may see: own and shared ones, in their projects. */
    public java.util.List<Chat> visible(QuerentUser user) {
        var inProjects = projects.allowing(user, Role.VIEWER);
        return chats.listChatsVisibleTo(user.username()).stream()
                .filter(c -> inProjects.test(c.dataSourceId()))
                .toList();
    }

    /** The chat, when {@code user} owns it and may ask questions. */
    public Chat writable(QuerentUser user, ChatId id) {
        Chat c = readable(user, id);
        if (!owns(user, c) || !projects.allows(user, c.dataSourceId(), Role.ANALYST)) {
            throw new QuerentException(ErrorCode.FORBIDDEN, "Only the chat's owner (an analyst) can change it.");
        }
        return c;
    }

    public Turn readableTurn(QuerentUser user, TurnId id) {
        Turn t = turn(id);
        readable(user, t.chatId());
        return t;
    }

    public Turn writableTurn(QuerentUser user, TurnId id) {
        Turn t = turn(id);
        writable(user, t.chatId());
        return t;
    }

    private Turn turn(TurnId id) {
        try {
            return orchestrator.turn(id);
        } catch (QuerentException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new QuerentException(ErrorCode.NOT_FOUND, "No turn " + id.value());
            }
            throw e;
        }
    }

    private static boolean owns(QuerentUser user, Chat c) {
        return Objects.equals(c.owner(), user.username());
    }

    private static QuerentException notFound(ChatId id) {
        return new QuerentException(ErrorCode.NOT_FOUND, "No chat " + id.value());
    }
}
