package dev.querent.semantics;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plain-English description of a SQL query and the normalised concepts it talks about.
 *
 * <p>Concepts are {@link Concept}s, written {@code kind:value} (or a bare {@code kind} for flags), for example {@code
 * word:order}, {@code agg:count}, {@code grain:month}, {@code year:2024}, {@code value:completed},
 * {@code limit:5}, {@code order:desc}, {@code compare:gt}, {@code group:customer name}, {@code
 * distinct}, {@code negation}. Words are lowercase and singular. They are kept sorted so equal
 * queries produce equal translations.
 *
 * @param text one to three sentences, or a sentence starting with {@link #UNDESCRIBED} when the SQL
 *     could not be described
 */
public record BackTranslation(String text, Set<Concept> concepts) {

    /** How the text of a translation that failed starts. */
    public static final String UNDESCRIBED = "The SQL could not be described";

    public BackTranslation {
        concepts = Collections.unmodifiableSortedSet(new TreeSet<>(concepts == null ? Set.of() : concepts));
    }

    /** A translation for SQL that could not be described, saying why. */
    public static BackTranslation undescribed(String reason) {
        return new BackTranslation(UNDESCRIBED + ": " + reason + ".", Set.of());
    }

    /** False when the SQL could not be described, so its concepts say nothing about it. */
    public boolean described() {
        return !text.startsWith(UNDESCRIBED);
    }
}
