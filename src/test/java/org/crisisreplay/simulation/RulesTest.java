package org.crisisreplay.simulation;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.support.Stories;
import org.crisisreplay.support.StoryRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.crisisreplay.support.StoryRun.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every form of rule, read off the events the calendar makes (as {@code events --json} prints them):
 * which rule events were made, on which day, under which id, and in which order. The calendar runs
 * in this JVM, without the aggregate or the store; a rule event that breaks an invariant needs them
 * ({@link RuleBreachTest}). The story is {@code whatif/base.yaml}: request 2 March, B (200, claims
 * 100 and 300) arrives 3 March, facility guarded 4 March, withdrawal announced 8 March, 50 leave on
 * 10 March and the rest on 11 March; period to 20 March.
 */
class RulesTest {

    static StoryRun eventRules;
    static StoryRun stateRules;
    static StoryRun order;

    static StoryRun run(String name) {
        return StoryRun.of(Calendar.events(Stories.load(fixture(name))));
    }

    @BeforeAll
    static void runTheStories() {
        eventRules = run("rules-event.yaml");
        stateRules = run("rules-state.yaml");
        order = run("rules-order.yaml");
    }

    // ---------------------------------------------------------------- event conditions

    @Test
    void anEventRuleWithWhereFiresOnlyOnMatchingEventsAndAppliesItsEventsAtOnce() {
        // arrived-b's event comes right after the arrival, before the next file event of the day
        assertEquals(List.of("authorized", "arrival", "arrived-b-1", "same-day"), eventRules.idsOn("2022-03-03"));
        assertEquals(List.of(), eventRules.madeBy("arrived-c"));
        // where on an amount: only the departure of `all` troops
        assertEquals(List.of("last-out-1"), eventRules.madeBy("last-out"));
        assertEquals("2022-03-11", eventRules.on("last-out-1"));
    }

    @Test
    void aRuleEventIsReportedWhenItsTemplateSaysAndOtherwiseOnTheDayItHappens() {
        StoryRun reported = run("rules-reported.yaml");
        var late = reported.event("arrival-known-late-1").orElseThrow();
        assertEquals("2022-03-03", late.get("on").asText(), late::toString);
        assertEquals("2022-03-09", late.get("reported").asText(), "the day after the announcement (8 March)");
        var known = eventRules.event("arrived-b-1").orElseThrow();
        assertEquals("2022-03-03", known.get("reported").asText(), known::toString);
    }

    @Test
    void aRuleFiresOnceUnlessItRepeats() {
        assertEquals(List.of("later-1"), eventRules.madeBy("later"));
        assertEquals(List.of("each-departure-1", "each-departure-2", "each-departure-3", "each-departure-4"),
                eventRules.madeBy("each-departure"));
    }

    @Test
    void ruleEventsAreNamedRuleIdThenANumberInTheOrderMade() {
        assertEquals(List.of("leave-1", "each-departure-1", "each-departure-2"), eventRules.idsOn("2022-03-10"));
        assertEquals(List.of("leave-2", "last-out-1", "each-departure-3", "each-departure-4"),
                eventRules.idsOn("2022-03-11"));
        assertEquals("StatementMade", eventRules.event("each-departure-3").orElseThrow().get("type").asText());
        assertEquals("each-departure", eventRules.event("each-departure-3").orElseThrow().get("rule").asText());
        assertEquals("2022-03-11", eventRules.event("each-departure-3").orElseThrow().get("reported").asText(),
                "rule events are reported on the day they happen");
    }

    @Test
    void afterDaysPutsTheRuleEventsThatManyDaysLater() {
        assertEquals("2022-03-12", eventRules.on("later-1"), "two days after the first departure");
    }

    @Test
    void aRetractedReportSetsOffNoRule() {
        assertTrue(eventRules.has("toll"));
        assertEquals(List.of(), eventRules.madeBy("toll-noted"));
    }

    // ---------------------------------------------------------------- state conditions

    @Test
    void aStateRuleFiresTheFirstDayItsConditionHoldsAboveBelowOrEquals() {
        assertEquals("2022-03-06", stateRules.on("long-stay-1"), "day 4 of the deployment");
        assertEquals("2022-03-06", stateRules.on("fourth-day-1"), "equals 4.0 is day 4");
        assertEquals("2022-03-11", stateRules.on("few-left-1"));
        assertEquals("2022-03-08", stateRules.on("announced-status-1"));
        assertEquals(List.of("long-stay-1"), stateRules.madeBy("long-stay"));
    }

    @Test
    void figuresCompareByTheirBestValue() {
        // 150 left on 10 March, of claims down to 50: below 100 only when the best is, on 11 March
        assertEquals(List.of("few-left-1"), stateRules.madeBy("few-left"));
        assertEquals("2022-03-11", stateRules.on("few-left-1"));
        // 200 in the country with a high claim of 300: never above 250
        assertEquals(List.of(), stateRules.madeBy("big-force"));
    }

    @Test
    void allNeedsEveryConditionAndAnyOne() {
        assertEquals("2022-03-04", stateRules.on("all-of-1"));
        assertEquals("2022-03-02", stateRules.on("any-of-1"));
    }

    @Test
    void aRepeatingStateRuleFiresEveryDayItsConditionHolds() {
        List<String> made = stateRules.madeBy("daily");
        assertEquals(List.of("daily-1", "daily-2", "daily-3", "daily-4", "daily-5", "daily-6", "daily-7", "daily-8"), made);
        assertEquals(List.of("2022-03-03", "2022-03-04", "2022-03-05", "2022-03-06", "2022-03-07", "2022-03-08",
                "2022-03-09", "2022-03-10"), made.stream().map(stateRules::on).toList());
    }

    // ---------------------------------------------------------------- the calendar

    @Test
    void eachDayAppliesFileEventsThenDueRuleEventsThenStateRules() {
        // echo tests day-four's statement at once; sanctioned, earlier in the file than day-four,
        // is not tested again that day, so it sees the sanctions on 7 March
        assertEquals(List.of("file-on-6", "due-1", "day-four-1", "day-four-2", "echo-1"), order.idsOn("2022-03-06"));
        assertEquals(List.of("file-on-7", "sanctioned-1"), order.idsOn("2022-03-07"));
        List<Integer> seqs = order.events().stream().map(e -> e.get("seq").asInt()).toList();
        assertEquals(seqs.stream().sorted().toList(), seqs);
    }

    @Test
    void ruleEventsFallingDueAfterThePeriodAreNotApplied() {
        assertTrue(order.has("closing-note"));
        assertEquals(List.of(), order.madeBy("too-late"));
        assertEquals("closing-note", order.ids().get(order.ids().size() - 1));
    }

    @Test
    void aRuleThatTriggersItselfStopsWithAnErrorNamingIt() {
        String err = assertThrows(InvalidScenarioException.class,
                () -> Calendar.events(Stories.load(fixture("rules-loop.yaml")))).getMessage();
        assertTrue(err.contains("rule 'echo' on 2022-03-15") && err.contains("does a rule trigger itself?"), err);
    }
}
