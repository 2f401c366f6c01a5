package org.crisisreplay.story;

import java.util.List;

/** A list of names, or {@code all} of them. */
public record Selection(boolean all, List<String> items) {

    public static final Selection ALL = new Selection(true, List.of());

    public Selection {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static Selection of(List<String> items) {
        return new Selection(false, items);
    }
}
