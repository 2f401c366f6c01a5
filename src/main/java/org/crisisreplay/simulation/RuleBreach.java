package org.crisisreplay.simulation;

/** A rule that cannot be run as written: it makes too many events, or names a date it cannot have. */
public class RuleBreach extends RuntimeException {

    public RuleBreach(String message) {
        super(message);
    }
}
