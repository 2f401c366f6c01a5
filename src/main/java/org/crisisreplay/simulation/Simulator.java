package org.crisisreplay.simulation;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.crisisreplay.scenario.EventDraft;
import org.crisisreplay.scenario.Problem;
import org.crisisreplay.scenario.RuleDraft;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.DateRef;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.state.State;
import org.crisisreplay.store.HighWaterMark;
import org.crisisreplay.story.Commands;
import org.crisisreplay.story.InvariantViolation;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a scenario day by day on a simulated calendar and stores what happens as one storyline.
 * The whole run is one unit of work in one transaction: it is stored whole, or not at all.
 *
 * <p>Each day: (1) the file's events of the day, in order; (2) rule events that fell due that day,
 * in the order they were made; (3) rules of state conditions only, once each, in file order. A
 * rule naming an event is tested right after every applied event; its {@code after_days: 0} events
 * are applied at once. The calendar keeps its own agenda of future rule events, so no wall-clock
 * scheduler is involved. A day that reported a total of the troops ends by holding it against the
 * contingents ({@link State.Disagreement}), for {@code validate} to warn about.
 */
@Component
public class Simulator {

    /** A run may make at most this many events, so a rule that feeds itself stops with an error. */
    public static final int MAX_EVENTS = 200_000;

    /**
     * How deep rule events made at once ({@code after_days: 0}) may trigger further rules. Only such
     * chains can loop without the calendar moving on; without a limit a rule that triggers itself
     * would overflow the stack instead of stopping with an error naming it.
     */
    public static final int MAX_CHAIN = 256;

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final EventStore eventStore;
    private final HighWaterMark highWaterMark;

    /** The scenario being run, if any: what a user who interrupts the program is told was not stored. */
    private final AtomicReference<String> running = new AtomicReference<>();

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
            Run run = play(scenario, true);
            highWaterMark.record();
            return new Outcome(id, true, run.applied);
        } finally {
            running.set(null);
        }
    }

    /**
     * Runs the whole story and stores nothing: what {@code validate} does. Returns where the story's
     * figures do not add up: each reported total that the contingents contradict on its day.
     */
    public List<State.Disagreement> dryRun(Scenario scenario) {
        return play(scenario, false).disagreements;
    }

    /**
     * Runs the story; a broken invariant or a runaway rule comes back as an error at the place in
     * the file where the event (or the rule that made it) is written.
     */
    private Run play(Scenario scenario, boolean store) {
        try {
            return playOnce(scenario, store);
        } catch (InvariantViolation v) {
            throw new InvalidScenarioException(scenario.positionOf(v.eventId(), v.madeByRule()), v.getMessage());
        } catch (RuleBreach b) {
            throw new InvalidScenarioException(scenario.positionOf(null, b.rule()), b.getMessage());
        }
    }

    private Run playOnce(Scenario scenario, boolean store) {
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactions);
        try {
            Run run = new Run(scenario, store ? scenario.storylineId() : "dry-run:" + scenario.storylineId());
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

    /** One pass of the calendar over a scenario's period. */
    private final class Run {

        private record Due(LocalDate on, String eventId, RuleDraft rule, EventDraft template) {
        }

        private final Scenario scenario;
        private final String id;
        private final Ledger state = new Ledger();
        private final Set<String> retracted = new HashSet<>();
        private final Map<String, Integer> made = new HashMap<>();
        private final Set<String> fired = new HashSet<>();
        private final List<Due> agenda = new ArrayList<>();
        private final List<State.Disagreement> disagreements = new ArrayList<>();
        private final Map<String, LocalDate> dates;
        private final List<RuleDraft> eventRules;
        private final List<RuleDraft> stateRules;
        private LocalDate today;
        private int applied;
        /** Rule events being applied at once, one inside another: the current chain's depth. */
        private int chain;

        Run(Scenario scenario, String id) {
            this.scenario = scenario;
            this.id = id;
            this.dates = new HashMap<>(scenario.dates());
            for (StoryEvent e : scenario.events()) {
                if (e instanceof StoryEvent.ReportRetracted r) {
                    retracted.add(r.retracts());
                }
            }
            eventRules = scenario.rules().stream().filter(r -> r.when().namesEvent()).toList();
            stateRules = scenario.rules().stream().filter(r -> !r.when().namesEvent()).toList();
        }

        void play() {
            commands.sendAndWait(new Commands.OpenStoryline(id, scenario.id(), scenario.title(),
                    scenario.contentHash(), scenario.from(), scenario.to(), new TreeSet<>(retracted), scenario.removed()));
            Map<LocalDate, List<StoryEvent>> byDay = new HashMap<>();
            for (StoryEvent e : scenario.events()) {
                byDay.computeIfAbsent(e.meta().on(), d -> new ArrayList<>()).add(e);
            }
            for (today = scenario.from(); !today.isAfter(scenario.to()); today = today.plusDays(1)) {
                for (StoryEvent e : byDay.getOrDefault(today, List.of())) {
                    apply(e);
                }
                List<Due> due = agenda.stream().filter(d -> d.on().equals(today)).toList();
                // removeIf, not removeAll(due): that compares every pair, and a busy rule fills the agenda
                agenda.removeIf(d -> d.on().equals(today));
                for (Due d : due) {
                    apply(make(d));
                }
                for (RuleDraft r : stateRules) {
                    if ((r.repeat() || !fired.contains(r.id())) && Conditions.holds(r.when(), null, this::view)) {
                        fire(r);
                    }
                }
                if (today.equals(state.reportedTotalOn)) {
                    State.Disagreement d = view().troops().disagreement();
                    if (d != null) {
                        disagreements.add(d);
                    }
                }
            }
            commands.sendAndWait(new Commands.CloseStoryline(id, applied));
        }

        private void apply(StoryEvent e) {
            if (++applied > MAX_EVENTS) {
                throw new RuleBreach(e.meta().rule(), "the run made more than " + MAX_EVENTS + " events by " + today
                        + ": does a rule with 'repeat: true' trigger itself?");
            }
            commands.sendAndWait(new Commands.RecordEvent(id, e));
            if (e instanceof StoryEvent.ReportRetracted r) {
                retracted.add(r.retracts());
            }
            // rules run on the story in hindsight, where a retracted report never happened
            if (retracted.contains(e.meta().id())) {
                return;
            }
            state.apply(e);
            for (RuleDraft r : eventRules) {
                if ((r.repeat() || !fired.contains(r.id())) && Conditions.holds(r.when(), e, this::view)) {
                    fire(r);
                }
            }
        }

        private State view() {
            return State.of(state, today);
        }

        private void fire(RuleDraft r) {
            fired.add(r.id());
            LocalDate on = today.plusDays(r.afterDays());
            List<Due> now = new ArrayList<>();
            for (EventDraft t : r.then()) {
                Due d = new Due(on, r.id() + "-" + made.merge(r.id(), 1, Integer::sum), r, t);
                if (r.afterDays() == 0) {
                    now.add(d);
                } else if (!on.isAfter(scenario.to())) {
                    agenda.add(d);
                }
            }
            if (now.isEmpty()) {
                return;
            }
            if (++chain > MAX_CHAIN) {
                throw new RuleBreach(r.id(), "rule '" + r.id() + "' on " + today + ": its events (after_days: 0) set off rules "
                        + "that set off rules more than " + MAX_CHAIN + " deep: does a rule trigger itself?");
            }
            for (Due d : now) {
                apply(make(d));
            }
            chain--;
        }

        /** The event a rule makes: its template, with the id {@code RULE-n} and the due date. */
        private StoryEvent make(Due d) {
            EventDraft e = d.template().copy();
            e.id = d.eventId();
            e.rule = d.rule().id();
            e.on = DateRef.absolute(d.on(), d.template().at);
            e.reported = null;
            dates.put(e.id, d.on());
            List<Problem> problems = new ArrayList<>();
            StoryEvent built;
            try {
                built = ScenarioAssembler.build(e, d.on(), dates, problems);
            } catch (RuntimeException x) {
                throw new InvalidScenarioException(d.template().at, "rule '" + d.rule().id() + "' on " + d.on()
                        + ": cannot make its event: " + x.getMessage());
            }
            if (built == null) {
                throw new InvalidScenarioException(problems);
            }
            return built;
        }
    }
}
