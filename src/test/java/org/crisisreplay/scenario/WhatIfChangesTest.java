package org.crisisreplay.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.simulation.Calendar;
import org.crisisreplay.support.Output;
import org.crisisreplay.support.Stories;
import org.crisisreplay.support.StoryRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.crisisreplay.support.StoryRun.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What-if changes (remove, shift, set, add) and how what-if files extend others, on the small
 * story of {@code whatif/base.yaml}: a request on 2 March, B's arrival on 3 March, a withdrawal
 * announced on 8 March with departures on 10 and 11 March. The scenarios are assembled, run on the
 * calendar and folded in this JVM, without Spring or a store; what {@code diff}, {@code sources}
 * and {@code validate} show of them is {@link WhatIfVerbsTest}.
 */
class WhatIfChangesTest {

    private static Scenario load(String name) {
        return Stories.load(fixture(name));
    }

    /** The events a run of the file makes, as {@code events --json} prints them. */
    private static StoryRun run(String name) {
        return StoryRun.of(Calendar.events(load(name)));
    }

    private static JsonNode state(String name, String on) {
        return Stories.stateOn(Calendar.events(load(name)), on);
    }

    /** What {@code validate} says of a file that cannot be run. */
    private static String problems(String name) {
        return assertThrows(InvalidScenarioException.class, () -> load(name)).getMessage();
    }

    @Test
    void removeTakesEveryEventAnchoredOnItWithItAndListsThem() {
        // leave-1 is anchored on the announcement, leave-2 on leave-1
        assertEquals(List.of("announced", "leave-1", "leave-2"), load("remove-cascade.yaml").removed());
        StoryRun whatIf = run("remove-cascade.yaml");
        assertFalse(whatIf.has("announced") || whatIf.has("leave-1") || whatIf.has("leave-2"), whatIf.ids()::toString);
        assertEquals("DEPLOYED", state("remove-cascade.yaml", "2022-03-20").at("/mission/status").asText());
    }

    @Test
    void shiftMovesTheEventAndWhatIsAnchoredOnItButNotEventsWithDatesOfTheirOwn() {
        StoryRun shifted = run("shift.yaml");
        assertEquals("2022-03-04", shifted.on("appeal"));
        assertEquals("2022-03-05", shifted.on("authorized"));
        assertEquals("2022-03-05", shifted.on("arrival"));
        assertEquals("2022-03-06", shifted.on("guard"));
        assertEquals("2022-03-04", shifted.on("report"));
        assertEquals("2022-03-08", shifted.on("announced"));
        // an absolute report date moves with its event, so it still follows it by a day
        assertEquals("2022-03-06", shifted.event("authorized").orElseThrow().get("reported").asText());
    }

    @Test
    void setChangesAFieldAndTheDateAbsoluteOrAnchored() {
        JsonNode state = state("set.yaml", "2022-03-05");
        assertEquals(500, state.at("/troops/contingents/B/best").asLong());
        assertTrue(state.at("/troops/reportedTotal").isNull(), "the report now comes on 6 March");
        StoryRun set = run("set.yaml");
        assertEquals("2022-03-06", set.on("report"));
        assertEquals(450, set.event("report").orElseThrow().at("/fields/troops/best").asLong());
        assertEquals("2022-03-06", set.on("closing-note"), "two days after guard (4 March)");
    }

    @Test
    void addPutsNewEventsIntoTheStoryFromChangesAndFromEvents() {
        StoryRun added = run("add.yaml");
        assertEquals("2022-03-05", added.on("sanctions"));
        assertEquals("2022-03-06", added.on("second-arrival"));
        JsonNode state = state("add.yaml", "2022-03-06");
        assertEquals(40, state.at("/troops/contingents/C/best").asLong());
        assertEquals(240, state.at("/troops/inCountry/best").asLong());
        assertEquals("IMPOSED", state.at("/diplomacy/sanctions/0/kind").asText(state.toString()));
    }

    @Test
    void anInventedValueCitesTheWhatIfNotTheSourcesItReplaced() {
        JsonNode state = state("invented.yaml", "2022-03-06");
        assertEquals(5000, state.at("/troops/contingents/B/best").asLong());
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(state.at("/troops/contingents/B/sources")));
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(state.at("/troops/contingents/C/sources")));
        // a figure the what-if sets with a claim of its own keeps the source it cites
        assertEquals(List.of("s2"), Output.texts(state.at("/troops/reportedTotal/sources")));
        StoryRun run = run("invented.yaml");
        JsonNode arrival = run.event("arrival").orElseThrow();
        assertEquals("what-if:whatif-invented", arrival.at("/fields/troops/claims/0/source").asText(), arrival::toString);
        assertEquals(1, arrival.at("/fields/troops/claims").size(), "the base's claims went with the old value");
        assertEquals(List.of("s1", "s2", "what-if:whatif-invented"), Output.texts(arrival.get("sources")));
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(run.event("c-arrival").orElseThrow().get("sources")));
        assertEquals(List.of("s1"), Output.texts(run.event("c-note").orElseThrow().get("sources")));
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(run.event("c-noted-1").orElseThrow().get("sources")));
    }

    @Test
    void anEventMovedBySettingTheDateOfItsAnchorCitesTheWhatIfAsAShiftedOneDoes() {
        StoryRun run = run("set-moves-anchored.yaml");
        assertEquals("2022-03-05", run.on("arrival"));
        assertEquals("2022-03-06", run.on("guard"), "one day after the arrival it is anchored on");
        assertEquals(List.of("s1", "s2", "what-if:whatif-set-moves"), Output.texts(run.event("arrival").orElseThrow().get("sources")));
        assertEquals(List.of("s2", "what-if:whatif-set-moves"), Output.texts(run.event("guard").orElseThrow().get("sources")));
        // an event with a date of its own is not moved and cites what it cited
        assertEquals(List.of("s2"), Output.texts(run.event("report").orElseThrow().get("sources")));
    }

    @Test
    void addCannotReuseAnIdTheStoryHas() {
        String err = problems("add-duplicate.yaml");
        assertTrue(err.contains("add-duplicate.yaml:5:") && err.contains("'guard' already exists"), err);
    }

    @Test
    void aWhatIfOfAWhatIfAppliesTheChangesOfEveryLevel() {
        assertEquals(List.of("announced", "leave-1", "leave-2"), load("chained.yaml").removed());
        assertEquals(250, state("chained.yaml", "2022-03-20").at("/troops/contingents/B/best").asLong());
    }

    @Test
    void extendsMayNameTheScenarioById() {
        assertEquals(List.of("guard"), load("by-id.yaml").removed());
    }

    @Test
    void extendsInALoopIsAnError() {
        String err = problems("loop-a.yaml");
        assertTrue(err.contains("loop-b.yaml:2:10: 'extends' forms a loop: loop-a.yaml -> loop-b.yaml -> loop-a.yaml"),
                err);
    }

    @Test
    void aWhatIfCannotTakeTheIdOfTheScenarioItExtends() {
        String err = problems("same-id.yaml");
        assertTrue(err.contains("same-id.yaml:2:11: scenario id 'whatif-base' is already the id of the scenario it extends"),
                err);
    }
}
