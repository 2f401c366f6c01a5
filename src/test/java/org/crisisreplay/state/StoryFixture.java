package org.crisisreplay.state;

import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;

import java.nio.file.Path;
import java.time.LocalDate;

/** A fixture scenario's events folded up to a day, without a store: the state's input, as the projection makes it. */
final class StoryFixture {

    static final String EVERY_PART = "src/test/resources/state/every-part.yaml";

    private StoryFixture() {
    }

    static State stateOn(String file, String day) {
        LocalDate on = LocalDate.parse(day);
        Scenario s = new ScenarioAssembler(new ScenarioCatalog(Path.of("scenarios"))).load(Path.of(file));
        Ledger l = new Ledger();
        for (StoryEvent e : s.events()) {
            if (!e.meta().on().isAfter(on)) {
                l.apply(e);
            }
        }
        return State.of(l, on);
    }
}
