package org.crisisreplay.sweep;

import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.Variants;
import org.crisisreplay.simulation.Simulator;
import org.crisisreplay.state.StateJson;
import org.crisisreplay.store.Store;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.timeline.Hindsight;
import org.crisisreplay.timeline.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run kept in memory is the stored run: the same events in the same order, and its states in
 * hindsight, day by day, those the stored projection answers (both shipped crises, late and
 * retracted reports included, and a sweep's variant).
 */
class InMemoryRunTest {

    @TempDir
    static Path data;

    @Test
    void aRunInMemoryAnswersAsTheStoredRunOnEveryDay() {
        ScenarioCatalog catalog = new ScenarioCatalog(Path.of("scenarios"));
        List<Scenario> scenarios = new ArrayList<>();
        // the baseline has late and retracted reports (several knowledge series); the variant is a what-if
        for (String f : List.of("kazakhstan-2022.yaml", "bahrain-2011.yaml")) {
            scenarios.add(new ScenarioAssembler(catalog).load(Path.of("scenarios", f)));
        }
        scenarios.add(new ScenarioAssembler(catalog, new Variants.Pick(7, null, null))
                .load(Path.of("scenarios/sweeps/appeal-later-sweep.yaml")));
        for (Scenario s : scenarios) {
            String shown = s.id().contains("~") ? "appeal-later-sweep~7" : s.id();
            assertThat(CliHarness.run(data, "state", shown, "--on", s.to().toString()).exit()).as(shown).isZero();
        }
        try (Store store = Store.open(new Store.Location(CliHarness.storeUrl(data), "sa", ""), Duration.ofSeconds(30),
                new PrintStream(OutputStream.nullOutputStream()))) {
            Timeline timeline = new Timeline(store.sql());
            for (Scenario s : scenarios) {
                Simulator.Run run = Simulator.simulate(s);
                List<StoryEvent> stored = timeline.storedEvents(s.storylineId());
                assertThat(run.events()).as(s.id() + ": the events").isEqualTo(stored);
                int[] days = {0};
                Hindsight.everyDay(run.events(), s.from(), s.to(), (day, state) -> {
                    assertThat(StateJson.body(state)).as(s.id() + " on " + day)
                            .isEqualTo(StateJson.body(timeline.state(s.storylineId(), day, null)));
                    days[0]++;
                });
                assertThat(days[0]).isEqualTo((int) (s.to().toEpochDay() - s.from().toEpochDay()) + 1);
            }
        }
    }
}
