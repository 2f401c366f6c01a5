package org.crisisreplay.simulation;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.state.State;
import org.crisisreplay.store.HighWaterMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a scenario on the {@link Calendar} and stores what happens as one storyline: the calendar's
 * commands go to the storyline's aggregate, which holds every event to the story's invariants.
 * The whole run is one unit of work in one transaction: it is stored whole, or not at all.
 */
@Component
public class Simulator {

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final EventStore eventStore;
    private final HighWaterMark highWaterMark;

    /** The scenario being run, if any: what a user who interrupts the program is told was not stored. */
    private final AtomicReference<String> running = new AtomicReference<>();
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    public Simulator(CommandGateway commands, TransactionManager transactions, EventStore eventStore,
                     HighWaterMark highWaterMark) {
        this.commands = commands;
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.highWaterMark = highWaterMark;
    }

    /** The storyline being run in this process right now, if any. */
    public Optional<String> running() {
        return Optional.ofNullable(running.get());
    }

    public record Outcome(String storylineId, boolean stored, int events) {
    }

    /** Whether this content's storyline is already in the store. */
    public boolean isStored(String storylineId) {
        return eventStore.lastSequenceNumberFor(storylineId).isPresent();
    }

    public Outcome run(Scenario scenario) {
        String id = scenario.storylineId();
        if (isStored(id)) {
            return new Outcome(id, false, 0);
        }
        running.set(id);
        try {
            Calendar run;
            try {
                run = play(scenario, true);
            } catch (RuntimeException e) {
                if (isStored(id)) {
                    // another instance sharing the store stored the same content at the same time:
                    // its events won (the store keeps one stream per content), ours were rolled back
                    return new Outcome(id, false, 0);
                }
                throw e;
            }
            // at INFO (off by default): the moment the run is in the store, before the projection has it
            LOG.info("stored storyline {}: {} events committed", id, run.applied());
            highWaterMark.record();
            return new Outcome(id, true, run.applied());
        } finally {
            running.set(null);
        }
    }

    /**
     * Runs the whole story and stores nothing: what {@code validate} does. Returns where the story's
     * figures do not add up: each reported total that the contingents contradict on its day.
     */
    public List<State.Disagreement> dryRun(Scenario scenario) {
        return play(scenario, false).disagreements();
    }

    /**
     * Runs the story; a broken invariant or a runaway rule comes back as an error at the place in
     * the file where the event (or the rule that made it) is written.
     */
    private Calendar play(Scenario scenario, boolean store) {
        return Calendar.placed(scenario, () -> playOnce(scenario, store));
    }

    private Calendar playOnce(Scenario scenario, boolean store) {
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactions);
        try {
            Calendar run = new Calendar(scenario, store ? scenario.storylineId() : "dry-run:" + scenario.storylineId(),
                    commands::sendAndWait);
            run.play();
            if (store) {
                uow.commit();
            } else {
                uow.rollback();
            }
            return run;
        } catch (RuntimeException | Error e) {
            if (uow.isActive()) {
                uow.rollback(e);
            }
            throw e;
        }
    }
}
