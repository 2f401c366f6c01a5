package org.crisisreplay.simulation;

import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.crisisreplay.support.StoryRun.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule event is held to the story's invariants like any other: by the aggregate, before anything is stored. */
class RuleBreachTest {

    @Test
    void aRuleEventBreakingAnInvariantIsAnErrorNamingTheRuleAndTheDayAndStoresNothing(@TempDir Path fresh) {
        CliHarness.Result r = CliHarness.run(fresh, "events", fixture("rules-breach.yaml"));
        assertEquals(2, r.exit(), r::out);
        assertTrue(r.err().contains("rules-breach.yaml:5:5: event 'overdraw-1' (made by rule 'overdraw') on 2022-03-10 "
                + "breaks invariant departure-within-strength"), r.err());
        assertEquals(0, StoreProbe.eventCount(fresh));
        CliHarness.Result validate = CliHarness.run(fresh, "validate", fixture("rules-breach.yaml"));
        assertEquals(2, validate.exit());
        assertTrue(validate.err().contains("rule 'overdraw'") && validate.err().contains("2022-03-10"), validate.err());
    }

    /** An error of the calendar itself (not the aggregate) in a run into the store: positioned, and nothing stored. */
    @Test
    void aRunawayRuleStopsTheRunIntoTheStoreWithItsPlaceAndStoresNothing(@TempDir Path fresh) {
        CliHarness.Result r = CliHarness.run(fresh, "state", fixture("rules-loop.yaml"), "--on", "2022-03-20");
        assertEquals(2, r.exit(), r::out);
        assertTrue(r.err().matches("(?s).*rules-loop\\.yaml:\\d+:\\d+: rule 'echo' on 2022-03-15: .*does a rule trigger itself\\?.*"),
                r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(0, StoreProbe.eventCount(fresh));
    }
}
