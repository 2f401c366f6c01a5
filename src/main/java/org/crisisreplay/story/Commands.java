package org.crisisreplay.story;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** What the simulation asks of a storyline. */
public final class Commands {

    private Commands() {
    }

    /**
     * Opens the stream of one scenario's content.
     *
     * @param retracted events that some event of the story retracts: they do not count in hindsight,
     *                  so the invariants ignore them
     * @param removed   for a what-if: the events of the scenario it extends that its changes removed
     */
    public record OpenStoryline(@TargetAggregateIdentifier String storylineId, String scenario, String title,
                                String contentHash, LocalDate from, LocalDate to, Set<String> retracted,
                                List<String> removed) {
    }

    public record RecordEvent(@TargetAggregateIdentifier String storylineId, StoryEvent event) {
    }

    /**
     * A run's events, several at a time (what the simulator sends): each taken as if recorded on its
     * own, in order, so each is held to the invariants on the story with those before it. The first
     * that breaks one refuses the whole command, and its unit of work stores none of them.
     */
    public record RecordEvents(@TargetAggregateIdentifier String storylineId, List<StoryEvent> events) {

        public RecordEvents {
            events = List.copyOf(events);
        }
    }

    public record CloseStoryline(@TargetAggregateIdentifier String storylineId, int events) {
    }
}
