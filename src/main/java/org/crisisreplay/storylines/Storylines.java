package org.crisisreplay.storylines;

import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Timeline;
import org.crisisreplay.timeline.Views;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one way to open a storyline, for the command line and the HTTP API alike: run a scenario
 * into the store if its content is not there yet, make sure it is projected, and name it for the
 * views. A draft is run in memory and never stored.
 */
@Component
public class Storylines {

    /** How long to wait for a streaming processor to project a run (only with one configured). */
    public static final Duration PROJECTION_WAIT = Duration.ofMinutes(10);

    private final Simulator simulator;
    private final Projections projections;
    private final PlatformTransactionManager transactions;

    public Storylines(Simulator simulator, Projections projections, PlatformTransactionManager transactions) {
        this.simulator = simulator;
        this.projections = projections;
        this.transactions = transactions;
    }

    public record Opened(Scenario scenario, Simulator.Outcome outcome, Views.Story story) {
    }

    /** The scenario, stored (once per content) and projected. */
    public Opened open(Scenario s) {
        Simulator.Outcome outcome = simulator.run(s);
        projections.awaitStoryline(s.storylineId(), PROJECTION_WAIT);
        return new Opened(s, outcome, story(s));
    }

    /**
     * A transaction that stores runs made in memory ({@link Simulator#simulate}) as it is given
     * them, and keeps them only once {@link Together#commit committed}: closed before, it keeps
     * nothing of them. Used on the thread that began it.
     */
    public Together together() {
        return new Together(transactions.getTransaction(new DefaultTransactionDefinition()));
    }

    public final class Together implements AutoCloseable {

        private final TransactionStatus status;
        private boolean done;

        private Together(TransactionStatus status) {
            this.status = status;
        }

        /** Stores the runs, each as its own stream, and makes sure each is projected; returns how many. */
        public int store(List<Simulator.Run> runs) {
            int stored = simulator.store(runs);
            for (Simulator.Run r : runs) {
                projections.awaitStoryline(r.storylineId(), PROJECTION_WAIT);
            }
            return stored;
        }

        public void commit() {
            done = true;
            transactions.commit(status);
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                transactions.rollback(status);
            }
        }
    }

    /**
     * The scenario run in memory ({@link Simulator#simulate}: the storyline's rules, no framework,
     * no store), for the views to answer from as they would once it is stored and projected: what
     * {@code watch} does on every save. Nothing is stored, nothing waits for a projection. A broken
     * invariant or a runaway rule is thrown as a run into the store would throw it.
     */
    public static Views.Draft draft(Scenario s) {
        return new Views.Draft(story(s), Simulator.simulate(s).events());
    }

    /** A scenario, named for the views. */
    public static Views.Story story(Scenario s) {
        return new Views.Story(s.id(), s.storylineId(), s.from(), s.to(), s.removed());
    }

    /** A stored storyline, named for the views. */
    public static Views.Story story(Timeline.Storyline s) {
        return new Views.Story(s.scenario(), s.id(), s.from(), s.to(), s.removed());
    }

    /** The stored and projected storyline of this id, if any. */
    public static Optional<Views.Story> stored(Timeline timeline, String storylineId) {
        return timeline.storyline(storylineId).filter(Timeline.Storyline::closed).map(Storylines::story);
    }
}
