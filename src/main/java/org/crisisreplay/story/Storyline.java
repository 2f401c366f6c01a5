package org.crisisreplay.story;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One run of one scenario's content, as an event-sourced aggregate. Its command handlers refuse
 * a story event that breaks an {@link Invariant}; its sourcing handlers only fold.
 */
@Aggregate
public class Storyline {

    @AggregateIdentifier
    private String storylineId;
    private Set<String> retracted = new HashSet<>();
    private final Ledger story = new Ledger();
    private boolean closed;

    protected Storyline() {
        // for Axon
    }

    @CommandHandler
    public Storyline(Commands.OpenStoryline cmd) {
        apply(new StorylineEvents.StorylineOpened(cmd.storylineId(), cmd.scenario(), cmd.title(), cmd.contentHash(),
                cmd.from(), cmd.to(), new TreeSet<>(cmd.retracted()).stream().toList(), cmd.removed()));
    }

    @CommandHandler
    public void handle(Commands.RecordEvent cmd) {
        StoryEvent event = cmd.event();
        if (closed) {
            throw new IllegalStateException("storyline " + storylineId + " is closed");
        }
        if (!retracted.contains(event.meta().id())) {
            Invariant.check(story, event).ifPresent(rule -> {
                throw new InvariantViolation(rule, event);
            });
        }
        apply(event);
    }

    @CommandHandler
    public void handle(Commands.CloseStoryline cmd) {
        if (!closed) {
            apply(new StorylineEvents.StorylineClosed(storylineId, cmd.events()));
        }
    }

    /** The story as folded so far (for fixture tests of this package). */
    Ledger story() {
        return story;
    }

    @EventSourcingHandler
    void on(StorylineEvents.StorylineOpened e) {
        storylineId = e.storylineId();
        retracted = new HashSet<>(e.retracted());
    }

    @EventSourcingHandler
    void on(StoryEvent e) {
        if (!retracted.contains(e.meta().id())) {
            story.apply(e);
        }
    }

    @EventSourcingHandler
    void on(StorylineEvents.StorylineClosed e) {
        closed = true;
    }
}
