package dev.querent.semantics.lexicon;

import java.util.Locale;
import java.util.Map;

/**
 * The one stemmer of the language engine. {@link #singular} takes plurals off (with the irregular
 * ones people use in questions and schemas); {@link #stem} also takes verb endings off so that
 * inflections meet: orders/order, completed/complete, shipped/shipping, categories/category. Not a
 * linguistic stemmer; both sides of every comparison go through the same method.
 */
public final class Stemmer {
    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("people", "person"),
            Map.entry("children", "child"),
            Map.entry("men", "man"),
            Map.entry("women", "woman"),
            Map.entry("data", "data"),
            Map.entry("criteria", "criterion"),
            Map.entry("analyses", "analysis"),
            Map.entry("indices", "index"),
            Map.entry("statuses", "status"),
            Map.entry("addresses", "address"),
            Map.entry("businesses", "business"),
            Map.entry("series", "series"),
            Map.entry("species", "species"),
            Map.entry("news", "news"),
            Map.entry("sales", "sale"),
            Map.entry("diagnoses", "diagnosis"),
            // too short for the rule below, which leaves words of three letters alone ("bus", "gas")
            Map.entry("ids", "id"));

    private Stemmer() {}

    /** The singular of a word, lower case: orders → order, categories → category, people → person. */
    public static String singular(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR.get(w);
        if (irregular != null) {
            return irregular;
        }
        if (w.length() <= 3) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zzes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        return w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }

    /** The singular without -ing/-ed (and a doubled consonant or a final e): shipped, shipping → ship. */
    public static String stem(String word) {
        String w = singular(word);
        String base = w;
        if (w.length() > 4 && w.endsWith("ing")) {
            base = w.substring(0, w.length() - 3);
        } else if (w.length() > 4 && w.endsWith("ed")) {
            base = w.substring(0, w.length() - 2);
        }
        if (!base.equals(w) && base.length() >= 4 && doubledConsonant(base)) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("e") && base.length() > 3) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static boolean doubledConsonant(String s) {
        char a = s.charAt(s.length() - 1);
        char b = s.charAt(s.length() - 2);
        return a == b && "aeiou".indexOf(a) < 0;
    }
}
