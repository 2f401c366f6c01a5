package org.crisisreplay.scenario;

/**
 * One entry of a what-if file's {@code changes}: {@code remove}, {@code shift}, {@code set} or
 * {@code add}, applied in order to the events of the scenario it extends.
 */
public sealed interface ChangeDraft {

    /** The id of the event changed. */
    String target();

    /** Where the change names its event. */
    Position at();

    /** The change's word in a file: remove, shift, set or add. */
    default String verb() {
        return getClass().getSimpleName().toLowerCase();
    }

    /** Removes the event and every event anchored on it. */
    record Remove(String target, Position at) implements ChangeDraft {
    }

    /** Moves the event, and what is anchored on it, by {@code days}. */
    record Shift(String target, Position at, int days) implements ChangeDraft {
    }

    /** Gives the event new values. */
    record Set(String target, Position at, SetPatch patch) implements ChangeDraft {
    }

    /** Adds an event. */
    record Add(String target, Position at, EventDraft added) implements ChangeDraft {
    }
}
