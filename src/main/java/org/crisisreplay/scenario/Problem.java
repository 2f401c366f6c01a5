package org.crisisreplay.scenario;

/** One thing wrong with a scenario, where it is and what to do about it. */
public record Problem(Position at, String message) {

    @Override
    public String toString() {
        return at + ": " + message;
    }
}
