package dev.querent.semantics.lexicon;

import java.util.List;
import java.util.Map;

/**
 * Words that schemas shorten and questions write out: {@code tot_drug_amt} is "total drug amount",
 * {@code start_dt} "start date", {@code cust_id} "customer id". Only shortenings with one common
 * meaning in column names are here ("doc" may be a doctor or a document, "reg" a region or a
 * registration: left as written).
 */
public final class Abbreviations {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("amt", "amount"),
            Map.entry("tot", "total"),
            Map.entry("dt", "date"),
            Map.entry("qty", "quantity"),
            Map.entry("cnt", "count"),
            Map.entry("avg", "average"),
            Map.entry("desc", "description"),
            Map.entry("addr", "address"),
            Map.entry("yr", "year"),
            Map.entry("dept", "department"),
            Map.entry("emp", "employee"),
            Map.entry("cust", "customer"),
            Map.entry("txn", "transaction"),
            Map.entry("tx", "transaction"),
            Map.entry("acct", "account"),
            Map.entry("mgr", "manager"),
            Map.entry("pct", "percent"),
            Map.entry("diag", "diagnosis"),
            Map.entry("num", "number"),
            Map.entry("nbr", "number"));

    private Abbreviations() {}

    /** The words of an identifier (lower case, as {@link Text#identifierWords} gives them) written out. */
    public static List<String> expand(List<String> words) {
        return words.stream().map(w -> WORDS.getOrDefault(w, w)).toList();
    }
}
