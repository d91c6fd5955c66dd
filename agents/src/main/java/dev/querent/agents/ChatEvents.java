package dev.querent.agents;

import dev.querent.agents.store.ChatStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each chat's event stream. An event is persisted (with the chat's next sequence number) before it
 * is pushed to live subscribers, so a client that drops and resumes from its last {@code seq} misses
 * nothing.
 */
public final class ChatEvents {
    private static final Logger log = LoggerFactory.getLogger(ChatEvents.class);

    private final ChatStore store;
    private final Map<ChatId, Set<Consumer<ChatEvent>>> subscribers = new ConcurrentHashMap<>();
    private final Set<Consumer<ChatEvent>> everything = new CopyOnWriteArraySet<>();

    public ChatEvents(ChatStore store) {
        this.store = store;
    }

    /** Stores what happened in a turn as the chat's next event, then pushes it to live subscribers. */
    public ChatEvent publish(ChatId chatId, TurnId turnId, TurnEvent happened) {
        ChatEvent event = store.appendEvent(chatId, turnId, happened.type(), happened.payload());
        for (Consumer<ChatEvent> s : everything) {
            deliver(s, event);
        }
        for (Consumer<ChatEvent> s : subscribers.getOrDefault(chatId, Set.of())) {
            deliver(s, event);
        }
        return event;
    }

    private static void deliver(Consumer<ChatEvent> s, ChatEvent event) {
        try {
            s.accept(event);
        } catch (RuntimeException e) {
            // A broken subscriber (closed socket) must not break the turn; it can resume later.
            log.debug("chat event subscriber failed: {}", e.toString());
        }
    }

    /** Every chat's events, for observers such as metrics. */
    public void subscribeAll(Consumer<ChatEvent> subscriber) {
        everything.add(subscriber);
    }

    /** Live events of a chat until the returned handle is closed. */
    public AutoCloseable subscribe(ChatId chatId, Consumer<ChatEvent> subscriber) {
        subscribers.computeIfAbsent(chatId, k -> new CopyOnWriteArraySet<>()).add(subscriber);
        return () -> subscribers.computeIfPresent(chatId, (k, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    /** Live subscribers of a chat (open connections following it). */
    public int subscriberCount(ChatId chatId) {
        return subscribers.getOrDefault(chatId, Set.of()).size();
    }

    public List<ChatEvent> replay(ChatId chatId, long afterSeq) {
        return store.eventsAfter(chatId, afterSeq);
    }
}
