package org.crisisreplay.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Output;
import org.crisisreplay.support.StoryRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.crisisreplay.support.StoryRun.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What-if changes (remove, shift, set, add) and how what-if files extend others, on the small
 * story of {@code whatif/base.yaml}: a request on 2 March, B's arrival on 3 March, a withdrawal
 * announced on 8 March with departures on 10 and 11 March.
 */
class WhatIfChangesTest {

    @TempDir
    static Path store;

    private static JsonNode diff(String base, String whatIf) {
        CliHarness.Result r = CliHarness.run(store, "diff", base, whatIf, "--json");
        assertEquals(0, r.exit(), r::err);
        return Output.json(r.out());
    }

    private static JsonNode state(String file, String on) {
        CliHarness.Result r = CliHarness.run(store, "state", file, "--on", on, "--json");
        assertEquals(0, r.exit(), r::err);
        return Output.json(r.out());
    }

    @Test
    void removeTakesEveryEventAnchoredOnItWithItAndListsThem() {
        JsonNode diff = diff(fixture("base.yaml"), fixture("remove-cascade.yaml"));
        // leave-1 is anchored on the announcement, leave-2 on leave-1
        assertEquals(List.of("announced", "leave-1", "leave-2"), Output.texts(diff.get("removed")));
        assertEquals("2022-03-08", diff.get("firstDivergence").asText());
        StoryRun whatIf = StoryRun.of(store, fixture("remove-cascade.yaml"));
        assertFalse(whatIf.has("announced") || whatIf.has("leave-1") || whatIf.has("leave-2"), whatIf.ids()::toString);
        assertEquals("DEPLOYED", state(fixture("remove-cascade.yaml"), "2022-03-20").at("/mission/status").asText());
    }

    @Test
    void shiftMovesTheEventAndWhatIsAnchoredOnItButNotEventsWithDatesOfTheirOwn() {
        StoryRun shifted = StoryRun.of(store, fixture("shift.yaml"));
        assertEquals("2022-03-04", shifted.on("appeal"));
        assertEquals("2022-03-05", shifted.on("authorized"));
        assertEquals("2022-03-05", shifted.on("arrival"));
        assertEquals("2022-03-06", shifted.on("guard"));
        assertEquals("2022-03-04", shifted.on("report"));
        assertEquals("2022-03-08", shifted.on("announced"));
        // an absolute report date moves with its event, so it still follows it by a day
        assertEquals("2022-03-06", shifted.event("authorized").orElseThrow().get("reported").asText());
        assertEquals("2022-03-02", diff(fixture("base.yaml"), fixture("shift.yaml")).get("firstDivergence").asText());
    }

    @Test
    void setChangesAFieldAndTheDateAbsoluteOrAnchored() {
        JsonNode state = state(fixture("set.yaml"), "2022-03-05");
        assertEquals(500, state.at("/troops/contingents/B/best").asLong());
        assertTrue(state.at("/troops/reportedTotal").isNull(), "the report now comes on 6 March");
        StoryRun set = StoryRun.of(store, fixture("set.yaml"));
        assertEquals("2022-03-06", set.on("report"));
        assertEquals(450, set.event("report").orElseThrow().at("/fields/troops/best").asLong());
        assertEquals("2022-03-06", set.on("closing-note"), "two days after guard (4 March)");
    }

    @Test
    void addPutsNewEventsIntoTheStoryFromChangesAndFromEvents() {
        StoryRun added = StoryRun.of(store, fixture("add.yaml"));
        assertEquals("2022-03-05", added.on("sanctions"));
        assertEquals("2022-03-06", added.on("second-arrival"));
        JsonNode state = state(fixture("add.yaml"), "2022-03-06");
        assertEquals(40, state.at("/troops/contingents/C/best").asLong());
        assertEquals(240, state.at("/troops/inCountry/best").asLong());
        assertEquals("IMPOSED", state.at("/diplomacy/sanctions/0/kind").asText(state.toString()));
    }

    @Test
    void anInventedValueCitesTheWhatIfNotTheSourcesItReplaced() {
        String file = fixture("invented.yaml");
        JsonNode state = state(file, "2022-03-06");
        assertEquals(5000, state.at("/troops/contingents/B/best").asLong());
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(state.at("/troops/contingents/B/sources")));
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(state.at("/troops/contingents/C/sources")));
        // a figure the what-if sets with a claim of its own keeps the source it cites
        assertEquals(List.of("s2"), Output.texts(state.at("/troops/reportedTotal/sources")));
        StoryRun run = StoryRun.of(store, file);
        JsonNode arrival = run.event("arrival").orElseThrow();
        assertEquals("what-if:whatif-invented", arrival.at("/fields/troops/claims/0/source").asText(), arrival::toString);
        assertEquals(1, arrival.at("/fields/troops/claims").size(), "the base's claims went with the old value");
        assertEquals(List.of("s1", "s2", "what-if:whatif-invented"), Output.texts(arrival.get("sources")));
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(run.event("c-arrival").orElseThrow().get("sources")));
        assertEquals(List.of("s1"), Output.texts(run.event("c-note").orElseThrow().get("sources")));
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(run.event("c-noted-1").orElseThrow().get("sources")));
        JsonNode contingentB = null;
        for (JsonNode day : diff(fixture("base.yaml"), file).get("days")) {
            for (JsonNode change : day.get("changes")) {
                if (contingentB == null && change.get("path").asText().equals("troops.contingents.B")) {
                    contingentB = change;
                }
            }
        }
        assertEquals(List.of("s1", "s2"), Output.texts(contingentB.at("/base/sources")), contingentB::toString);
        assertEquals(List.of("what-if:whatif-invented"), Output.texts(contingentB.at("/whatIf/sources")));
        CliHarness.Result sources = CliHarness.run(store, "sources", file, "--json");
        assertEquals(0, sources.exit(), sources::err);
        JsonNode own = Output.json(sources.out()).at("/sources/2");
        assertEquals("what-if:whatif-invented", own.get("id").asText(), sources.out());
        assertEquals("the what-if invented.yaml itself: a hypothetical value, reported by no one", own.get("title").asText());
        assertEquals(3, own.get("events").asInt(), "arrival, c-arrival and the rule's c-noted-1");
    }

    @Test
    void validateWarnsAboutTheSourcesAWhatIfDeclaresNotThoseOnlyItsRemovedEventsCited() {
        String file = fixture("source-removed.yaml");
        CliHarness.Result r = CliHarness.run(store, "validate", file);
        assertEquals(0, r.exit(), r::err);
        assertEquals(List.of(file + ":6:3: warning: source 's4' is cited by no event"), r.err().lines().toList());
        CliHarness.Result stalls = CliHarness.run(store, "validate", "scenarios/what-if/kremlin-stalls.yaml");
        assertEquals(0, stalls.exit(), stalls::err);
        assertFalse(stalls.err().contains("cited by no event"), stalls::err);
    }

    @Test
    void addCannotReuseAnIdTheStoryHas() {
        CliHarness.Result r = CliHarness.run(store, "validate", fixture("add-duplicate.yaml"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("add-duplicate.yaml:5:") && r.err().contains("'guard' already exists"), r.err());
    }

    @Test
    void aWhatIfOfAWhatIfAppliesTheChangesOfEveryLevel() {
        JsonNode fromBase = diff(fixture("base.yaml"), fixture("chained.yaml"));
        assertEquals(List.of("announced", "leave-1", "leave-2"), Output.texts(fromBase.get("removed")));
        assertEquals("2022-03-03", fromBase.get("firstDivergence").asText());
        assertEquals(250, state(fixture("chained.yaml"), "2022-03-20").at("/troops/contingents/B/best").asLong());
        // compared with the what-if it extends, only its own change shows; nothing is removed from that
        JsonNode fromParent = diff(fixture("remove-cascade.yaml"), fixture("chained.yaml"));
        assertEquals(List.of(), Output.texts(fromParent.get("removed")));
        assertEquals("2022-03-03", fromParent.get("firstDivergence").asText());
        for (JsonNode day : fromParent.get("days")) {
            for (JsonNode change : day.get("changes")) {
                assertTrue(change.get("path").asText().startsWith("troops."), change::toString);
            }
        }
    }

    @Test
    void extendsMayNameTheScenarioById() {
        CliHarness.Result r = CliHarness.run(store, "validate", fixture("by-id.yaml"));
        assertEquals(0, r.exit(), r::err);
        JsonNode diff = diff(fixture("base.yaml"), fixture("by-id.yaml"));
        assertEquals(List.of("guard"), Output.texts(diff.get("removed")));
        assertEquals("2022-03-04", diff.get("firstDivergence").asText());
    }

    @Test
    void extendsInALoopIsAnError() {
        CliHarness.Result r = CliHarness.run(store, "validate", fixture("loop-a.yaml"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("loop-b.yaml:2:10: 'extends' forms a loop: loop-a.yaml -> loop-b.yaml -> loop-a.yaml"),
                r.err());
    }

    @Test
    void aWhatIfCannotTakeTheIdOfTheScenarioItExtends() {
        CliHarness.Result r = CliHarness.run(store, "validate", fixture("same-id.yaml"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("same-id.yaml:2:11: scenario id 'whatif-base' is already the id of the scenario it extends"),
                r.err());
    }
}
