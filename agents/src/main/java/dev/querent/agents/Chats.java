package dev.querent.agents;

import dev.querent.core.DataSourceId;
import java.util.List;
import java.util.Optional;

/** Chats and their turns as the API reads and manages them (asking goes through the {@link Orchestrator}). */
public interface Chats {

    /** A new chat on a data source, owned by {@code owner} ({@code null}: nobody in particular). */
    Chat createChat(String title, DataSourceId dataSourceId, String owner);

    Optional<Chat> findChat(ChatId id);

    /** The viewer's own chats and the shared ones, most recently updated first. */
    List<Chat> listChatsVisibleTo(String viewer);

    void setShared(ChatId id, boolean shared);

    /** Deletes the chat with its turns and events; {@code false} when there was none. */
    boolean deleteChat(ChatId id);

    /** The chat's turns in the order they were asked. */
    List<Turn> turns(ChatId chatId);
}
