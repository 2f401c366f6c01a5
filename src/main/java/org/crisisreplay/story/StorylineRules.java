package org.crisisreplay.story;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a storyline decides on each command and how it folds each of its events, without a
 * framework: the {@link Storyline} aggregate applies through Axon what this decides, and a run kept
 * in memory (a sweep's variant before it is stored) applies it to a list. One home for the rules,
 * so a stream made either way is the same stream.
 */
public final class StorylineRules {

    private String storylineId;
    private Set<String> retracted = new HashSet<>();
    private final Ledger story = new Ledger();
    private boolean closed;

    /** The event that opens a storyline. */
    public static StorylineEvents.StorylineOpened opened(Commands.OpenStoryline cmd) {
        return new StorylineEvents.StorylineOpened(cmd.storylineId(), cmd.scenario(), cmd.title(), cmd.contentHash(),
                cmd.from(), cmd.to(), new TreeSet<>(cmd.retracted()).stream().toList(), cmd.removed());
    }

    /** The story event, if the storyline takes it: refused once closed, or when it breaks an {@link Invariant}. */
    public StoryEvent record(Commands.RecordEvent cmd) {
        return record(cmd.event());
    }

    /** As {@link #record(Commands.RecordEvent)}, for one event of a {@link Commands.RecordEvents}. */
    public StoryEvent record(StoryEvent event) {
        if (closed) {
            throw new IllegalStateException("storyline " + storylineId + " is closed");
        }
        if (!retracted.contains(event.meta().id())) {
            Invariant.check(story, event).ifPresent(rule -> {
                throw new InvariantViolation(rule, event);
            });
        }
        return event;
    }

    /** The event that closes the storyline; none if it is closed already. */
    public Optional<StorylineEvents.StorylineClosed> close(Commands.CloseStoryline cmd) {
        return closed ? Optional.empty() : Optional.of(new StorylineEvents.StorylineClosed(storylineId, cmd.events()));
    }

    /** Folds one of the storyline's events. */
    public void on(Object event) {
        if (event instanceof StorylineEvents.StorylineOpened e) {
            storylineId = e.storylineId();
            retracted = new HashSet<>(e.retracted());
        } else if (event instanceof StoryEvent e) {
            if (!retracted.contains(e.meta().id())) {
                story.apply(e);
            }
        } else if (event instanceof StorylineEvents.StorylineClosed) {
            closed = true;
        }
    }

    /**
     * Decides on a command and folds what it decided: the events it adds to the stream (for a run
     * kept in memory; the aggregate does the same through Axon's {@code apply}).
     */
    public List<Object> handle(Object command) {
        List<Object> events;
        if (command instanceof Commands.OpenStoryline c) {
            events = List.of(opened(c));
        } else if (command instanceof Commands.RecordEvent c) {
            events = List.of(record(c));
        } else if (command instanceof Commands.RecordEvents c) {
            // each is folded before the next is held to the invariants, as the aggregate's apply does
            for (StoryEvent e : c.events()) {
                on(record(e));
            }
            return List.copyOf(c.events());
        } else if (command instanceof Commands.CloseStoryline c) {
            events = close(c).<List<Object>>map(List::of).orElse(List.of());
        } else {
            throw new IllegalArgumentException("not a storyline command: " + command);
        }
        events.forEach(this::on);
        return events;
    }

    /** The story as folded so far. */
    Ledger story() {
        return story;
    }
}
