package org.crisisreplay.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.crisisreplay.support.StoryRun.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the verbs show of the what-if changes of {@link WhatIfChangesTest}: {@code diff} the events
 * removed and the first day the stored stories differ, {@code sources} and {@code validate} the
 * what-if's own source. They need the store and its read models; the changes themselves are tested
 * without them.
 */
class WhatIfVerbsTest {

    @TempDir
    static Path store;

    private static JsonNode diff(String base, String whatIf) {
        CliHarness.Result r = CliHarness.run(store, "diff", fixture(base), fixture(whatIf), "--json");
        assertEquals(0, r.exit(), r::err);
        return Output.json(r.out());
    }

    @Test
    void diffNamesWhatEachChangeRemovedAndTheFirstDayItShows() {
        JsonNode removed = diff("base.yaml", "remove-cascade.yaml");
        assertEquals(List.of("announced", "leave-1", "leave-2"), Output.texts(removed.get("removed")));
        assertEquals("2022-03-08", removed.get("firstDivergence").asText());
        assertEquals("2022-03-02", diff("base.yaml", "shift.yaml").get("firstDivergence").asText());
        JsonNode byId = diff("base.yaml", "by-id.yaml");
        assertEquals(List.of("guard"), Output.texts(byId.get("removed")));
        assertEquals("2022-03-04", byId.get("firstDivergence").asText());
    }

    @Test
    void aWhatIfOfAWhatIfDiffersFromWhatItExtendsOnlyByItsOwnChanges() {
        JsonNode fromBase = diff("base.yaml", "chained.yaml");
        assertEquals(List.of("announced", "leave-1", "leave-2"), Output.texts(fromBase.get("removed")));
        assertEquals("2022-03-03", fromBase.get("firstDivergence").asText());
        // compared with the what-if it extends, only its own change shows; nothing is removed from that
        JsonNode fromParent = diff("remove-cascade.yaml", "chained.yaml");
        assertEquals(List.of(), Output.texts(fromParent.get("removed")));
        assertEquals("2022-03-03", fromParent.get("firstDivergence").asText());
        for (JsonNode day : fromParent.get("days")) {
            for (JsonNode change : day.get("changes")) {
                assertTrue(change.get("path").asText().startsWith("troops."), change::toString);
            }
        }
    }

    @Test
    void diffAndSourcesShowWhatAnInventedValueCites() {
        String file = fixture("invented.yaml");
        JsonNode contingentB = null;
        for (JsonNode day : diff("base.yaml", "invented.yaml").get("days")) {
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
}
