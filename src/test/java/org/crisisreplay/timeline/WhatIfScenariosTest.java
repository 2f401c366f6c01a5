package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Output;
import org.crisisreplay.support.StoreProbe;
import org.crisisreplay.support.StoryRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The what-if files of {@code scenarios/what-if/} against the real baseline: each runs and departs
 * from it where its header says; the output is the same every time; and running what-ifs never
 * touches the baseline's answers.
 */
class WhatIfScenariosTest {

    static final String BASELINE = "scenarios/kazakhstan-2022.yaml";
    static final String STALLS = "scenarios/what-if/kremlin-stalls.yaml";
    static final String LATE_APPEAL = "scenarios/what-if/late-appeal.yaml";
    static final String SANCTIONS = "scenarios/what-if/sanctions-reciprocity.yaml";
    static final String OCCUPIERS = "scenarios/what-if/occupiers.yaml";

    @TempDir
    static Path store;

    static List<String> whatIfFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios/what-if"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
        }
    }

    private static JsonNode diff(Path dir, String base, String whatIf) {
        CliHarness.Result r = CliHarness.run(dir, "diff", base, whatIf, "--json");
        assertEquals(0, r.exit(), r::err);
        return Output.json(r.out());
    }

    private static List<String> changedPaths(JsonNode diff, String day) {
        List<String> paths = new ArrayList<>();
        for (JsonNode d : diff.get("days")) {
            if (d.get("on").asText().equals(day)) {
                d.get("changes").forEach(c -> paths.add(c.get("path").asText()));
            }
        }
        return paths;
    }

    @Test
    void everyWhatIfValidatesAndDepartsFromTheScenarioItExtends() throws IOException {
        List<String> files = whatIfFiles();
        assertTrue(files.size() >= 4, files::toString);
        for (String file : files) {
            String text = Files.readString(Path.of(file));
            assertTrue(text.startsWith("# QUESTION"), file + " opens with its question");
            CliHarness.Result v = CliHarness.run(store, "validate", file);
            assertEquals(0, v.exit(), v::err);
            assertEquals(file + ": ok", v.out().strip());
            Map<String, Object> whatIf = new Yaml().load(text);
            Path extended = Path.of(file).resolveSibling((String) whatIf.get("extends")).normalize();
            Map<String, Object> base = new Yaml().load(Files.readString(extended));
            JsonNode diff = diff(store, extended.toString(), file);
            assertEquals(base.get("scenario"), diff.get("base").asText(), file);
            assertEquals(whatIf.get("scenario"), diff.get("whatIf").asText(), file);
            assertFalse(diff.get("firstDivergence").isNull(), file);
            assertFalse(diff.get("days").isEmpty(), file);
        }
    }

    @Test
    void kremlinStallsRemovesTheAnnouncementWithEveryDepartureAnchoredOnIt() {
        JsonNode diff = diff(store, BASELINE, STALLS);
        assertEquals(List.of("withdrawal-announced", "ru-withdrawn-jan13", "kg-withdrawn", "am-withdrawn", "tj-withdrawn",
                "by-withdrawn", "ru-withdrawn-jan15", "ru-withdrawn-jan16", "ru-withdrawn-jan17", "ru-withdrawn-jan18",
                "ru-withdrawn-final", "send-off-ceremony", "strength-jan13", "shoigu-completion-date", "zas-by-jan19",
                "kz-mod-withdrawal-complete", "tokayev-short-term-effective", "strength-jan19", "zas-telegram"),
                Output.texts(diff.get("removed")));
        assertEquals("2022-01-11", diff.get("firstDivergence").asText());
        StoryRun stalls = StoryRun.of(store, STALLS);
        // the state rule fires on day 15 of the deployment, which only comes because the troops stay
        assertEquals(List.of("occupier-backlash-1"), stalls.madeBy("occupier-backlash"));
        assertEquals("2022-01-20", stalls.on("occupier-backlash-1"));
        assertTrue(changedPaths(diff, "2022-01-20").contains("mission.daysDeployed"));
    }

    @Test
    void lateAppealMovesTheAppealAndEverythingAnchoredOnIt() {
        JsonNode diff = diff(store, BASELINE, LATE_APPEAL);
        assertEquals("2022-01-05", diff.get("firstDivergence").asText());
        StoryRun late = StoryRun.of(store, LATE_APPEAL);
        assertEquals("2022-01-08", late.on("appeal"));
        assertEquals("2022-01-09", late.on("ru-arrival"));
        assertEquals("2022-01-14", late.on("withdrawal-announced"));
        assertEquals("2022-01-22", late.on("ru-withdrawn-final"));
        assertEquals("2022-01-10", late.on("geneva-talks"), "events with a date of their own stay");
        // no troops yet on 6 January in the what-if: the Russian contingent differs, an empty map is no path
        List<String> jan6 = changedPaths(diff, "2022-01-06");
        assertTrue(jan6.contains("troops.contingents.RU"), jan6::toString);
        assertFalse(jan6.contains("troops.contingents"), jan6::toString);
    }

    @Test
    void sanctionsReciprocityRetaliatesTwoDaysLaterWhileRussianTroopsRemain() {
        StoryRun sanctions = StoryRun.of(store, SANCTIONS);
        assertEquals(List.of("retaliation-1", "retaliation-2"), sanctions.madeBy("retaliation"));
        assertEquals("2022-01-15", sanctions.on("retaliation-1"));
        JsonNode diff = diff(store, BASELINE, SANCTIONS);
        assertEquals("2022-01-13", diff.get("firstDivergence").asText());
        assertEquals(List.of(), Output.texts(diff.get("removed")));
    }

    @Test
    void occupiersExtendsKremlinStallsAndItsRulesChain() {
        JsonNode fromStalls = diff(store, STALLS, OCCUPIERS);
        assertEquals("2022-01-06", fromStalls.get("firstDivergence").asText());
        assertEquals(List.of(), Output.texts(fromStalls.get("removed")));
        assertTrue(changedPaths(fromStalls, "2022-01-21").containsAll(List.of("host.emergencyRegions",
                "diplomacy.sanctions")), fromStalls::toString);
        StoryRun occupiers = StoryRun.of(store, OCCUPIERS);
        assertEquals("2022-01-20", occupiers.on("occupier-backlash-1"), "the rule of kremlin-stalls still runs");
        // the chain in the order applied: backlash on the 20th, the clash and its emergency the next
        // day, which sets off the loss of image at once; the baseline's later events follow on the 24th
        List<String> from20th = occupiers.ids().subList(occupiers.ids().indexOf("occupier-backlash-1"),
                occupiers.ids().size());
        assertEquals(List.of("occupier-backlash-1", "clash-1", "clash-2", "loss-of-image-1", "loss-of-image-2"),
                from20th.subList(0, 5));
        assertEquals(List.of("clash-1", "clash-2", "loss-of-image-1", "loss-of-image-2"), occupiers.idsOn("2022-01-21"));
        JsonNode fromBaseline = diff(store, BASELINE, OCCUPIERS);
        assertEquals(19, fromBaseline.get("removed").size(), "kremlin-stalls' removals, seen from the baseline");
    }

    @Test
    void theSameFilesGiveTheSameOutputByteForByte(@TempDir Path other) {
        CliHarness.Result firstDiff = CliHarness.run(store, "diff", BASELINE, OCCUPIERS, "--json");
        CliHarness.Result againDiff = CliHarness.run(store, "diff", BASELINE, OCCUPIERS, "--json");
        CliHarness.Result elsewhereDiff = CliHarness.run(other, "diff", BASELINE, OCCUPIERS, "--json");
        assertEquals(0, firstDiff.exit(), firstDiff::err);
        assertEquals(firstDiff.out(), againDiff.out());
        assertEquals(firstDiff.out(), elsewhereDiff.out());
        CliHarness.Result firstEvents = CliHarness.run(store, "events", OCCUPIERS, "--json");
        CliHarness.Result elsewhereEvents = CliHarness.run(other, "events", OCCUPIERS, "--json");
        assertEquals(0, firstEvents.exit(), firstEvents::err);
        assertEquals(firstEvents.out(), elsewhereEvents.out());
        CliHarness.Result text = CliHarness.run(store, "diff", BASELINE, OCCUPIERS);
        assertEquals(text.out(), CliHarness.run(other, "diff", BASELINE, OCCUPIERS).out());
    }

    @Test
    void runningWhatIfsNeverChangesTheBaselineAndStoresEachContentOnce(@TempDir Path dir) throws IOException {
        List<String> days = List.of("2022-01-05", "2022-01-11", "2022-01-14", "2022-01-21", "2022-01-25");
        List<String> before = new ArrayList<>();
        for (String day : days) {
            before.add(CliHarness.run(dir, "state", BASELINE, "--on", day, "--json").out());
        }
        for (String file : whatIfFiles()) {
            assertEquals(0, CliHarness.run(dir, "events", file).exit(), file);
        }
        for (int i = 0; i < days.size(); i++) {
            assertEquals(before.get(i), CliHarness.run(dir, "state", BASELINE, "--on", days.get(i), "--json").out());
            assertEquals(before.get(i), CliHarness.run(dir, "state", "kazakhstan-2022", "--on", days.get(i), "--json").out(),
                    "by id too");
        }
        long stored = StoreProbe.eventCount(dir);
        assertNotEquals(0, stored);
        CliHarness.Result again = CliHarness.run(dir, "events", OCCUPIERS, "--json");
        assertEquals(0, again.exit(), again::err);
        assertEquals(stored, StoreProbe.eventCount(dir), "the same what-if, run again, is not stored again");
    }
}
