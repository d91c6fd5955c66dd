package dev.querent.semantics.description;

import net.sf.jsqlparser.statement.select.Select;

/** How a nested query is put into words, for the expressions that contain one. */
interface Subqueries {

    /** What the subquery computes, as a clause ("counts the orders …"). */
    String describe(Select select, Scope parent, int depth);

    /** The rows an {@code IN}/{@code EXISTS} subquery matches ("customer with an order …"). */
    String matchingRows(Select select, Scope parent, int depth);
}
