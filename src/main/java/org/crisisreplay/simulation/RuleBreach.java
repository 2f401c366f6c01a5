package org.crisisreplay.simulation;

/** A rule that cannot be run as written: it makes too many events, or sets itself off without end. */
public class RuleBreach extends RuntimeException {

    private final String rule;

    /** @param rule the rule at fault, or null when no single rule is */
    public RuleBreach(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
