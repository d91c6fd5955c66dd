package dev.querent.semantics;

import java.util.Locale;

/**
 * The kinds of concept a question or a query can mention. A {@link Concept} is written {@code
 * kind:value}, or just {@code kind} for the flag kinds ({@link #DISTINCT}, {@link #NEGATION},
 * {@link #RECENT}), which carry no value. Public so callers can read {@link Agreement#missingKinds()}
 * and {@link Agreement#extraKinds()}, e.g. as features of a confidence model.
 */
public enum ConceptKind {
    /** A word naming a table, column, alias or schema comment. */
    WORD(false, false),
    /** A question word that could not be linked to a schema (only when there is none). */
    TERM(false, false),
    AGG(false, false),
    /** A superlative in the question ("highest", "cheapest"); the SQL side expresses it as order or max/min. */
    RANK(false, false),
    GRAIN(false, true),
    GROUP(false, true),
    ORDER(false, false),
    DISTINCT(false, false, true),
    LIMIT(true, false),
    YEAR(true, false),
    MONTH(true, false),
    VALUE(true, false),
    COMPARE(true, false),
    NEGATION(true, false, true),
    /** A boolean column the SQL filters on; the value is the column's words. */
    FLAG(true, false),
    /** A plain column the query returns; the value is its words. */
    COLUMN(false, false),
    /**
     * A number the SQL computes with rather than filters on: an arithmetic operand ("minus 34
     * minutes" as {@code - 34 * 60}) or the count of a date modifier ({@code '-2 months'}). It meets
     * a number the question names and is never a restriction of its own.
     */
    NUMBER(false, false),
    /**
     * A whole number the SQL compares with, with its operator: {@code gte 20} for {@code >= 20}. Lets a
     * question's bound meet the same bound written the other way on whole numbers ("over 19" as {@code
     * >= 20}, "at least 3" as {@code > 2}) — with that operator only. Never a restriction.
     */
    BOUND(false, false),
    /**
     * A word of what the main query returns: the columns of each select item, and its alias; {@code
     * output:*} for all columns. Lets a question's requested attribute ("the names and areas of the
     * lakes") be checked against the result's columns. Never a restriction.
     */
    OUTPUT(false, false),
    /** A filter relative to today ("last 30 days"). */
    RECENT(true, false, true),
    /**
     * A construct that answers no question: an equi-join on a column pair that does not look like a
     * key and its reference, a sum of identifiers. No question asks for one, so it always counts
     * against the SQL; the value says what it is.
     */
    ODD(true, false);

    private final boolean restriction;
    private final boolean dimension;
    private final boolean flag;

    ConceptKind(boolean restriction, boolean dimension) {
        this(restriction, dimension, false);
    }

    ConceptKind(boolean restriction, boolean dimension, boolean flag) {
        this.restriction = restriction;
        this.dimension = dimension;
        this.flag = flag;
    }

    /** Restrictions narrow the rows; the question must ask for every one the SQL applies. */
    boolean restriction() {
        return restriction;
    }

    /** Dimensions shape the result; one the question never mentions changes what the answer means. */
    boolean dimension() {
        return dimension;
    }

    String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether concepts of this kind carry no value and are written as the bare kind. */
    boolean isFlag() {
        return flag;
    }

    /** The concept of this kind about {@code value}; not for the flag kinds. */
    public Concept of(String value) {
        if (flag) {
            throw new IllegalArgumentException(this + " carries no value");
        }
        return new Concept(this, value);
    }

    /** The concept of a flag kind, which carries no value. */
    public Concept flag() {
        if (!flag) {
            throw new IllegalArgumentException(this + " carries a value");
        }
        return new Concept(this, "");
    }
}
