package dev.querent.llm;

import dev.querent.core.NamedRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every known chat model provider, by name; {@value #NONE} means no model (Querent then answers from
 * its knowledge base only).
 */
public final class ChatModelRegistry {
    /** The provider name meaning "no chat model". */
    public static final String NONE = "none";

    private final NamedRegistry<ChatModelProvider> providers;

    /** @throws IllegalArgumentException for two providers of one name, or one named {@value #NONE} */
    public ChatModelRegistry(List<? extends ChatModelProvider> providers) {
        this.providers = new NamedRegistry<>("chat model provider", providers, ChatModelProvider::name, List.of(NONE));
    }

    /** @throws IllegalArgumentException for an unknown name (or {@value #NONE}), listing the known ones */
    public ChatModelProvider provider(String name) {
        return providers.get(name);
    }

    /** {@value #NONE}, then every registered provider's name. */
    public Set<String> names() {
        return providers.names();
    }

    public List<ChatModelProvider> providers() {
        return providers.all();
    }

    /**
     * The settings with their provider's defaults; unchanged for {@value #NONE}.
     *
     * @throws IllegalArgumentException for an unknown provider, listing the known ones, or settings
     *     the provider cannot work with
     */
    public LlmSettings complete(LlmSettings settings) {
        return NONE.equals(settings.provider())
                ? settings
                : provider(settings.provider()).complete(settings);
    }

    /**
     * The client the settings describe, or empty for {@value #NONE}.
     *
     * @throws IllegalArgumentException as {@link #complete}
     */
    public Optional<LlmClient> create(LlmSettings settings) {
        return NONE.equals(settings.provider())
                ? Optional.empty()
                : Optional.of(provider(settings.provider()).create(settings));
    }
}
