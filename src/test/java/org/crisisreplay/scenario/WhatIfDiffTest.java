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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code diff} shows of the what-if changes of {@link WhatIfChangesTest}: the events removed
 * and the first day the stored stories differ. It needs the store and its read models; the changes
 * themselves are tested without them.
 */
class WhatIfDiffTest {

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
}
