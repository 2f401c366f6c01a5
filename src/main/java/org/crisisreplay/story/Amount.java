package org.crisisreplay.story;

/** A number of troops leaving: a figure, or {@code all} of the contingent. */
public record Amount(boolean all, Figure figure) {

    public static final Amount ALL = new Amount(true, null);

    public static Amount of(Figure figure) {
        return new Amount(false, figure);
    }
}
