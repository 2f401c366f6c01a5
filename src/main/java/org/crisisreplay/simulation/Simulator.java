package org.crisisreplay.simulation;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.state.State;
import org.crisisreplay.store.AheadOfCommit;
import org.crisisreplay.store.HighWaterMark;
import org.crisisreplay.story.Commands;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.Storyline;
import org.crisisreplay.story.StorylineRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a scenario on the {@link Calendar} and stores what happens as one storyline: the calendar's
 * commands go to the storyline's aggregate, its events {@link Chunks a thousand at a time}, and the
 * aggregate holds every event to the story's invariants.
 * The whole run is one unit of work in one transaction: it is stored whole, or not at all.
 */
@Component
public class Simulator {

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final EventStore eventStore;
    private final HighWaterMark highWaterMark;
    /** What is done with a run's events ahead of its commit, while it runs (null: nothing). */
    private final AheadOfCommit ahead;

    /** The scenario being run, if any: what a user who interrupts the program is told was not stored. */
    private final AtomicReference<String> running = new AtomicReference<>();
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    @Autowired
    public Simulator(CommandGateway commands, TransactionManager transactions, EventStore eventStore,
                     HighWaterMark highWaterMark) {
        this(commands, transactions, eventStore, highWaterMark, null);
    }

    /**
     * {@code ahead}: serializes and appends the events of a run on other threads while the calendar
     * makes the rest (the commit would otherwise do it all on the run's own thread, after the
     * calendar is done).
     */
    public Simulator(CommandGateway commands, TransactionManager transactions, EventStore eventStore,
                     HighWaterMark highWaterMark, AheadOfCommit ahead) {
        this.commands = commands;
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.highWaterMark = highWaterMark;
        this.ahead = ahead;
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
     * A run made in memory: the storyline's stream (its opening, its story events, its closing) as
     * the aggregate would store it. Nothing of it is stored until {@link #store} is given it.
     */
    public record Run(Scenario scenario, List<Object> stream) {

        public String storylineId() {
            return scenario.storylineId();
        }

        /** The story events, in the order applied. */
        public List<StoryEvent> events() {
            List<StoryEvent> out = new ArrayList<>(stream.size());
            for (Object e : stream) {
                if (e instanceof StoryEvent s) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    /**
     * Runs the story in memory, with no framework and no store: the calendar's commands go to the
     * storyline's rules ({@link StorylineRules}, what the aggregate decides) and the events they make
     * are kept in order. A broken invariant or a runaway rule comes back as an error at its place in
     * the file, as from {@link #run}. Safe to call from several threads at once.
     */
    public static Run simulate(Scenario scenario) {
        StorylineRules rules = new StorylineRules();
        List<Object> stream = new ArrayList<>();
        Calendar.placed(scenario, () -> {
            Calendar run = new Calendar(scenario, scenario.storylineId(), command -> stream.addAll(rules.handle(command)));
            run.play();
            return run;
        });
        return new Run(scenario, List.copyOf(stream));
    }

    /**
     * Stores runs made in memory, each as its own stream, in one unit of work and one transaction
     * (Axon appends their events in one JDBC batch; the projection handles them in the same
     * transaction, or its streaming processor after); a transaction already open is joined. The
     * runs' contents must not be stored yet (the caller asks {@link #isStored} or the read model):
     * a stream is written once. Returns how many were stored.
     */
    public int store(List<Run> runs) {
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactions);
        int stored = 0;
        try {
            for (Run r : runs) {
                List<DomainEventMessage<?>> messages = new ArrayList<>(r.stream().size());
                long seq = 0;
                for (Object payload : r.stream()) {
                    messages.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, r.storylineId(), seq++, payload));
                }
                eventStore.publish(messages);
                stored++;
            }
            uow.commit();
        } catch (RuntimeException | Error e) {
            if (uow.isActive()) {
                uow.rollback(e);
            }
            throw e;
        }
        if (stored > 0) {
            LOG.info("stored {} storylines made in memory", stored);
            highWaterMark.record();
        }
        return stored;
    }

    /** The aggregate type the event store records for a storyline's events, as the aggregate's own runs do. */
    private static final String AGGREGATE_TYPE = Storyline.class.getSimpleName();

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
        String id = store ? scenario.storylineId() : "dry-run:" + scenario.storylineId();
        AheadOfCommit.Run early = store && ahead != null ? ahead.begin(id) : null;
        if (early != null) {
            // what was written ahead is the transaction's: the writing stops before it is rolled back
            // (handlers of a rollback run last-registered first)
            uow.onRollback(u -> early.close());
        }
        try {
            Chunks chunks = new Chunks(id, command -> {
                commands.sendAndWait(command);
                if (early != null && command instanceof Commands.RecordEvents r) {
                    // the aggregate applied these very events: their payloads, serialized ahead of their append
                    early.accepted(r.events());
                }
            });
            Calendar run = new Calendar(scenario, id, chunks);
            chunks.sendingFirst(run::play);
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
        } finally {
            if (early != null) {
                early.close();
            }
        }
    }
}
