package org.crisisreplay.story;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One run of one scenario's content, as an event-sourced aggregate. Its command handlers refuse
 * a story event that breaks an {@link Invariant}; its sourcing handlers only fold. What it decides
 * and folds is {@link StorylineRules}, which a run kept in memory uses too.
 */
@Aggregate
public class Storyline {

    @AggregateIdentifier
    private String storylineId;
    private final StorylineRules rules = new StorylineRules();

    protected Storyline() {
        // for Axon
    }

    @CommandHandler
    public Storyline(Commands.OpenStoryline cmd) {
        apply(StorylineRules.opened(cmd));
    }

    @CommandHandler
    public void handle(Commands.RecordEvent cmd) {
        apply(rules.record(cmd));
    }

    /** Each event is folded as it is applied, so the next is held to the invariants on the story with it. */
    @CommandHandler
    public void handle(Commands.RecordEvents cmd) {
        for (StoryEvent e : cmd.events()) {
            apply(rules.record(e));
        }
    }

    @CommandHandler
    public void handle(Commands.CloseStoryline cmd) {
        rules.close(cmd).ifPresent(e -> apply(e));
    }

    /** The story as folded so far (for fixture tests of this package). */
    Ledger story() {
        return rules.story();
    }

    @EventSourcingHandler
    void on(StorylineEvents.StorylineOpened e) {
        storylineId = e.storylineId();
        rules.on(e);
    }

    @EventSourcingHandler
    void on(StoryEvent e) {
        rules.on(e);
    }

    @EventSourcingHandler
    void on(StorylineEvents.StorylineClosed e) {
        rules.on(e);
    }
}
