package dev.querent.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Providers of one kind found by name (chat models, embedding models, vector stores), each
 * registered once. Names are lower case; a lookup ignores case and surrounding blanks, so the
 * configuration values {@code ollama}, {@code Ollama} and {@code " OLLAMA "} name the same provider.
 *
 * @param <T> the provider interface
 */
public final class NamedRegistry<T> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final int SHOWN = 60;

    private final String kind;
    private final Map<String, T> byName = new LinkedHashMap<>();
    private final List<String> reserved;

    /**
     * @param kind what the providers are, for messages ({@code "chat model provider"})
     * @param providers in the order {@link #names()} lists them
     * @param name a provider's name
     * @param reserved names that mean something without a provider (the chat model's {@code none}):
     *     listed among the known names, but no provider may take them
     * @throws IllegalArgumentException for a malformed, reserved or repeated name
     */
    public NamedRegistry(
            String kind, Collection<? extends T> providers, Function<? super T, String> name, List<String> reserved) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reserved = List.copyOf(reserved);
        for (T p : providers) {
            String n = name.apply(Objects.requireNonNull(p, "provider"));
            if (n == null || !NAME.matcher(n).matches()) {
                throw new IllegalArgumentException(
                        kind + " names are lower-case letters, digits, '-' and '_'" + " starting with a letter, not "
                                + printable(n) + " (" + p.getClass().getName() + ")");
            }
            if (this.reserved.contains(n)) {
                throw new IllegalArgumentException("'" + n + "' is reserved and cannot name a " + kind);
            }
            T previous = byName.putIfAbsent(n, p);
            if (previous != null) {
                throw new IllegalArgumentException("two " + kind + "s registered as '" + n + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    /** A registry without reserved names. */
    public NamedRegistry(String kind, Collection<? extends T> providers, Function<? super T, String> name) {
        this(kind, providers, name, List.of());
    }

    /** The name as looked up: stripped and in lower case; {@code null} stays {@code null}. */
    public static String normalize(String name) {
        return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
    }

    /** The provider registered as {@code name} (any case), if any. */
    public Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(normalize(name)));
    }

    /**
     * The provider registered as {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the value (quoted, control characters escaped, cut
     *     short) and every known name
     */
    public T get(String name) {
        T p = byName.get(normalize(name));
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown " + kind + " " + printable(name) + " (known: " + String.join(", ", names()) + ")");
        }
        return p;
    }

    /** The reserved names, then the registered ones in registration order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(reserved);
        names.addAll(byName.keySet());
        return Collections.unmodifiableSet(names);
    }

    /** The registered providers in registration order. */
    public List<T> all() {
        return List.copyOf(new ArrayList<>(byName.values()));
    }

    /** A configured value as it may appear in a message: quoted, control characters escaped, cut short. */
    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("'");
        value.codePoints().limit(SHOWN).forEach(c -> {
            if (Character.isISOControl(c) || c == '\'' || c == '\\' || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        sb.append('\'');
        if (value.codePointCount(0, value.length()) > SHOWN) {
            sb.append("…");
        }
        return sb.toString();
    }
}
