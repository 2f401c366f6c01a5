package org.crisisreplay.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.state.State;
import org.crisisreplay.state.StateJson;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Scenarios assembled and folded in this JVM, without Spring or a store: for tests of the language and the state. */
public final class Stories {

    private static final ScenarioAssembler ASSEMBLER = new ScenarioAssembler(new ScenarioCatalog(Path.of("scenarios")));

    private Stories() {
    }

    public static Scenario load(String file) {
        return ASSEMBLER.load(Path.of(file));
    }

    /** The state on {@code day}: the events up to and on it folded, as the projection folds them. */
    public static State stateOf(List<StoryEvent> events, LocalDate day) {
        Ledger ledger = new Ledger();
        for (StoryEvent e : events) {
            if (!e.meta().on().isAfter(day)) {
                ledger.apply(e);
            }
        }
        return State.of(ledger, day);
    }

    /** The state body ({@code state --json} without its heading) on {@code day}. */
    public static JsonNode stateOn(List<StoryEvent> events, String day) {
        return StateJson.body(stateOf(events, LocalDate.parse(day)));
    }
}
