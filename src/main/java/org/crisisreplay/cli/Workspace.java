package org.crisisreplay.cli;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Position;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.story.InvariantViolation;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Timeline;
import org.crisisreplay.timeline.Views;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a verb finds its scenario: reads the file, runs it into the store if its content is not
 * there yet, and waits until the projections hold it.
 */
@Component
public class Workspace {

    public static final Duration PROJECTION_WAIT = Duration.ofMinutes(10);

    private final ScenarioCatalog catalog;
    private final Simulator simulator;
    private final Projections projections;
    private final Timeline timeline;

    public Workspace(@Value("${crisis-replay.scenarios:scenarios}") String scenariosFolder, Simulator simulator,
                     Projections projections, Timeline timeline) {
        this.catalog = new ScenarioCatalog(Path.of(scenariosFolder));
        this.simulator = simulator;
        this.projections = projections;
        this.timeline = timeline;
    }

    public ScenarioCatalog catalog() {
        return catalog;
    }

    /** A file path, or the id of a scenario in the scenarios folder. */
    public Path locate(String fileOrId) {
        Path p = Path.of(fileOrId);
        if (Files.exists(p)) {
            return p;
        }
        Path known = catalog.known().get(fileOrId);
        if (known != null) {
            return known;
        }
        throw new InvalidScenarioException(new Position(fileOrId, 1, 1), "no such file"
                + org.crisisreplay.scenario.Suggestions.hint(fileOrId, catalog.known().keySet()));
    }

    public Scenario load(String fileOrId) {
        return new ScenarioAssembler(catalog).load(locate(fileOrId));
    }

    /** The scenario, stored (once per content) and projected. */
    public Opened open(String fileOrId) {
        Scenario s = load(fileOrId);
        Simulator.Outcome outcome = run(s);
        var stored = timeline.storyline(s.storylineId());
        if (stored.isEmpty() || !stored.get().closed()) {
            projections.awaitCaughtUp(PROJECTION_WAIT);
        }
        return new Opened(s, outcome, new Views.Story(s.id(), s.storylineId(), s.from(), s.to(), s.removed()));
    }

    /** Runs the scenario into the store; a broken invariant is reported where the event is written. */
    public Simulator.Outcome run(Scenario s) {
        try {
            return simulator.run(s);
        } catch (InvariantViolation v) {
            throw new InvalidScenarioException(s.positionOf(v.eventId(), v.madeByRule()), v.getMessage());
        }
    }

    /** Runs the scenario without storing anything: checks the invariants and rules. */
    public void check(Scenario s) {
        try {
            simulator.dryRun(s);
        } catch (InvariantViolation v) {
            throw new InvalidScenarioException(s.positionOf(v.eventId(), v.madeByRule()), v.getMessage());
        }
    }

    public record Opened(Scenario scenario, Simulator.Outcome outcome, Views.Story story) {
    }
}
