package dev.querent.semantics.lexicon;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The names of the states of the United States by their postal codes: a column of a {@code state}
 * that stores 'CA' holds the rows a question calls "California".
 */
public final class UsStates {

    public static final Map<String, String> BY_CODE = Map.ofEntries(
            entry("AL", "Alabama"),
            entry("AK", "Alaska"),
            entry("AZ", "Arizona"),
            entry("AR", "Arkansas"),
            entry("CA", "California"),
            entry("CO", "Colorado"),
            entry("CT", "Connecticut"),
            entry("DE", "Delaware"),
            entry("DC", "District of Columbia"),
            entry("FL", "Florida"),
            entry("GA", "Georgia"),
            entry("HI", "Hawaii"),
            entry("ID", "Idaho"),
            entry("IL", "Illinois"),
            entry("IN", "Indiana"),
            entry("IA", "Iowa"),
            entry("KS", "Kansas"),
            entry("KY", "Kentucky"),
            entry("LA", "Louisiana"),
            entry("ME", "Maine"),
            entry("MD", "Maryland"),
            entry("MA", "Massachusetts"),
            entry("MI", "Michigan"),
            entry("MN", "Minnesota"),
            entry("MS", "Mississippi"),
            entry("MO", "Missouri"),
            entry("MT", "Montana"),
            entry("NE", "Nebraska"),
            entry("NV", "Nevada"),
            entry("NH", "New Hampshire"),
            entry("NJ", "New Jersey"),
            entry("NM", "New Mexico"),
            entry("NY", "New York"),
            entry("NC", "North Carolina"),
            entry("ND", "North Dakota"),
            entry("OH", "Ohio"),
            entry("OK", "Oklahoma"),
            entry("OR", "Oregon"),
            entry("PA", "Pennsylvania"),
            entry("RI", "Rhode Island"),
            entry("SC", "South Carolina"),
            entry("SD", "South Dakota"),
            entry("TN", "Tennessee"),
            entry("TX", "Texas"),
            entry("UT", "Utah"),
            entry("VT", "Vermont"),
            entry("VA", "Virginia"),
            entry("WA", "Washington"),
            entry("WV", "West Virginia"),
            entry("WI", "Wisconsin"),
            entry("WY", "Wyoming"));

    private UsStates() {}
}
