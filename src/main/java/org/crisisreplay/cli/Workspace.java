package org.crisisreplay.cli;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Position;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.state.State;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where a verb finds its scenario. The file is read and checked before the store is opened, so a
 * bad file is refused at once and cannot touch the store; then the scenario is run into the store
 * if its content is not there yet, and the verb waits until the projections hold it.
 */
final class Workspace {

    static final Duration PROJECTION_WAIT = Duration.ofMinutes(10);

    private final Engine engine;

    Workspace(Engine engine) {
        this.engine = engine;
    }

    ScenarioCatalog catalog() {
        return new ScenarioCatalog(Path.of(engine.setting("crisis-replay.scenarios", "scenarios")));
    }

    /** A file path, or the id of a scenario in the scenarios folder. */
    Path locate(String fileOrId) {
        Path p = Path.of(fileOrId);
        if (Files.exists(p)) {
            return p;
        }
        var known = catalog().known();
        if (known.containsKey(fileOrId)) {
            return known.get(fileOrId);
        }
        throw new InvalidScenarioException(new Position(fileOrId, 1, 1), "no such file"
                + Suggestions.hint(fileOrId, known.keySet()));
    }

    /** Reads and assembles a scenario; needs no store. */
    Scenario load(String fileOrId) {
        return new ScenarioAssembler(catalog()).load(locate(fileOrId));
    }

    /** The scenario, stored (once per content) and projected. */
    Opened open(String fileOrId) {
        return open(load(fileOrId));
    }

    Opened open(Scenario s) {
        Simulator.Outcome outcome = engine.bean(Simulator.class).run(s);
        engine.bean(Projections.class).awaitStoryline(s.storylineId(), PROJECTION_WAIT);
        return new Opened(s, outcome, new Views.Story(s.id(), s.storylineId(), s.from(), s.to(), s.removed()));
    }

    /** Runs the scenario without storing anything: checks invariants and rules; returns what does not add up. */
    List<State.Disagreement> check(Scenario s) {
        return engine.bean(Simulator.class).dryRun(s);
    }

    record Opened(Scenario scenario, Simulator.Outcome outcome, Views.Story story) {
    }
}
