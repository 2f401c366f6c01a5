package org.crisisreplay.simulation;

import org.crisisreplay.scenario.DateRef;
import org.crisisreplay.scenario.EventDraft;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Problem;
import org.crisisreplay.scenario.RuleDraft;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.state.State;
import org.crisisreplay.story.Commands;
import org.crisisreplay.story.InvariantViolation;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One pass of the calendar over a scenario's period, sending what happens as commands (to the
 * storyline's aggregate when {@link Simulator} runs it).
 *
 * <p>Each day: (1) the file's events of the day, in order; (2) rule events that fell due that day,
 * in the order they were made; (3) rules of state conditions only, once each, in file order. A
 * rule naming an event is tested right after every applied event; its {@code after_days: 0} events
 * are applied at once. The calendar keeps its own agenda of future rule events, so no wall-clock
 * scheduler is involved. A day that reported a total of the troops ends by holding it against the
 * contingents ({@link State.Disagreement}), for {@code validate} to warn about.
 */
public final class Calendar {

    /** A run may make at most this many events, so a rule that feeds itself stops with an error. */
    public static final int MAX_EVENTS = 200_000;

    /**
     * How deep rule events made at once ({@code after_days: 0}) may trigger further rules. Only such
     * chains can loop without the calendar moving on; without a limit a rule that triggers itself
     * would overflow the stack instead of stopping with an error naming it.
     */
    public static final int MAX_CHAIN = 256;

    /** Runs {@code run}; a broken invariant or a runaway rule comes back as an error at its place in the file. */
    static <T> T placed(Scenario scenario, Supplier<T> run) {
        try {
            return run.get();
        } catch (InvariantViolation v) {
            // the violation rides along as the cause: a sweep reports which invariant broke, on which day
            throw (InvalidScenarioException) new InvalidScenarioException(scenario.positionOf(v.eventId(), v.madeByRule()),
                    v.getMessage()).initCause(v);
        } catch (RuleBreach b) {
            throw (InvalidScenarioException) new InvalidScenarioException(scenario.positionOf(null, b.rule()),
                    b.getMessage()).initCause(b);
        }
    }

    /**
     * The events the calendar makes of a scenario, in the order it applies them, handed to no
     * aggregate and stored nowhere (so no invariant is checked): for tests of the calendar, its
     * rules and the scenarios it runs.
     */
    public static List<StoryEvent> events(Scenario scenario) {
        List<StoryEvent> out = new ArrayList<>();
        Calendar run = new Calendar(scenario, "calendar:" + scenario.storylineId(), command -> {
            if (command instanceof Commands.RecordEvent r) {
                out.add(r.event());
            }
        });
        placed(scenario, () -> {
            run.play();
            return run;
        });
        return out;
    }

    private record Due(LocalDate on, String eventId, RuleDraft rule, EventDraft template) {
    }

    private final Scenario scenario;
    private final String id;
    /** Where the run's commands go: the aggregate, or a test's list. */
    private final Consumer<Object> commands;
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

    Calendar(Scenario scenario, String id, Consumer<Object> commands) {
        this.scenario = scenario;
        this.id = id;
        this.commands = commands;
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
        commands.accept(new Commands.OpenStoryline(id, scenario.id(), scenario.title(),
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
        commands.accept(new Commands.CloseStoryline(id, applied));
    }

    private void apply(StoryEvent e) {
        if (++applied > MAX_EVENTS) {
            throw new RuleBreach(e.meta().rule(), "the run made more than " + MAX_EVENTS + " events by " + today
                    + ": does a rule with 'repeat: true' trigger itself?");
        }
        commands.accept(new Commands.RecordEvent(id, e));
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

    /** The event a rule makes: its template, with the id {@code RULE-n}, the due date and its own 'reported'. */
    private StoryEvent make(Due d) {
        // the template's own 'reported' stands (a date, or one anchored on a file's event); without it
        // the event is known the day it happens
        EventDraft e = d.template().madeBy(d.eventId(), d.rule().id(), DateRef.absolute(d.on(), d.template().at()));
        dates.put(e.id(), d.on());
        List<Problem> problems = new ArrayList<>();
        StoryEvent built;
        try {
            built = ScenarioAssembler.build(e, d.on(), dates, problems);
        } catch (RuntimeException x) {
            throw new InvalidScenarioException(d.template().at(), "rule '" + d.rule().id() + "' on " + d.on()
                    + ": cannot make its event: " + x.getMessage());
        }
        if (built == null) {
            throw new InvalidScenarioException(problems);
        }
        return built;
    }

    int applied() {
        return applied;
    }

    List<State.Disagreement> disagreements() {
        return disagreements;
    }
}
