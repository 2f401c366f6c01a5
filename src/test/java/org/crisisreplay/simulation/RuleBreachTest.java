package org.crisisreplay.simulation;

import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.crisisreplay.support.StoryRun.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
