package org.crisisreplay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real jar on the second shipped crisis, Bahrain 2011, and on its what-if: the answers a reader
 * comparing it with Kazakhstan 2022 would check. One store, three runs of the jar: the replay of the
 * base, the replay of the what-if around its divergence, and their diff.
 */
class BahrainIT {

    private static final String BASE = "scenarios/bahrain-2011.yaml";
    private static final String WHAT_IF = "scenarios/what-if/gcc-leaves-with-emergency.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static final Map<String, JsonNode> days = new LinkedHashMap<>();
    static final Map<String, JsonNode> whatIfDays = new LinkedHashMap<>();
    static JsonNode diff;

    @BeforeAll
    static void replayTheBaseAndTheWhatIfAndDiffThem() throws Exception {
        readDays(ok(JarHarness.run(data, "replay", BASE, "--json")), days);
        readDays(ok(JarHarness.run(data, "replay", WHAT_IF, "--from", "2011-05-30", "--to", "2011-06-12", "--json")),
                whatIfDays);
        diff = JSON.readTree(ok(JarHarness.run(data, "diff", BASE, WHAT_IF, "--json")).out());
    }

    private static void readDays(CliHarness.Result r, Map<String, JsonNode> into) throws Exception {
        for (String line : r.out().split("\n")) {
            JsonNode day = JSON.readTree(line);
            into.put(day.get("on").asText(), day);
        }
    }

    private static CliHarness.Result ok(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception");
        return r;
    }

    private static JsonNode state(String day) {
        return days.get(day).get("state");
    }

    private static JsonNode whatIf(String day) {
        return whatIfDays.get(day).get("state");
    }

    /** best, low and high of a figure, whether its best is an estimate, and whether it is a lower bound. */
    private static String figure(JsonNode f) {
        return (f.path("lowerBound").asBoolean() ? ">=" : "") + f.get("best").asLong() + " (" + f.get("low").asLong()
                + "-" + f.get("high").asLong() + ")" + (f.path("approx").asBoolean() ? " approx" : "");
    }

    private static Map<String, String> contingents(JsonNode state) {
        Map<String, String> out = new LinkedHashMap<>();
        state.at("/troops/contingents").fields().forEachRemaining(e -> out.put(e.getKey(), figure(e.getValue())));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theReplayCoversThePeriodFrom14FebruaryTo30November() {
        assertThat(days.keySet()).first().isEqualTo("2011-02-14");
        assertThat(days.keySet()).last().isEqualTo("2011-11-30");
        assertThat(days).hasSize(290);
    }

    @Test
    void on20MarchTheForceIsDeployedForItsSeventhDay() {
        JsonNode mission = state("2011-03-20").get("mission");
        assertThat(mission.get("status").asText()).isEqualTo("DEPLOYED");
        // requested on 13 March (known on the 14th), authorized by the GCC the same day
        assertThat(mission.get("requestedOn").asText()).isEqualTo("2011-03-13");
        assertThat(mission.get("authorizedOn").asText()).isEqualTo("2011-03-13");
        // sa-arrival and ae-arrival cross the causeway on 14 March: 14..20 March is seven days
        assertThat(mission.get("firstArrivalOn").asText()).isEqualTo("2011-03-14");
        assertThat(mission.get("daysDeployed").asInt()).isEqualTo(7);
        assertThat(state("2011-03-13").at("/mission/status").asText()).isEqualTo("AUTHORIZED");
        assertThat(state("2011-03-13").at("/mission/daysDeployed").asInt()).isZero();
    }

    @Test
    void on20MarchThe1500AreSaudiTroopsAndEmiratiPoliceWithAQatariForceOfUnknownSize() {
        JsonNode s = state("2011-03-20");
        // SA: best 1,000 of a Saudi official source (radionz-mar15), 3,500 from DEBKA (debka-3500) the high;
        // AE: best 500 of the UAE foreign minister (eurasiareview-uae), 800 (dailybeast-mar14) the high;
        // QA: confirmed on 17 March (ahram-qatar), no size given
        assertThat(contingents(s)).containsExactly(
                Map.entry("SA", "1000 (1000-3500)"),
                Map.entry("AE", "500 (500-800)"),
                Map.entry("QA", ">=0 (0-0)"));
        assertThat(texts(s.at("/troops/present"))).containsExactly("SA", "AE", "QA");
        assertThat(s.at("/troops/kinds").toString()).isEqualTo("{\"SA\":\"troops\",\"AE\":\"police\",\"QA\":\"troops\"}");
        // the sum counts what is known: 1,500, at least
        assertThat(figure(s.at("/troops/inCountry"))).isEqualTo(">=1500 (1500-4300)");
        assertThat(figure(state("2011-03-16").at("/troops/inCountry"))).isEqualTo("1500 (1500-4300)");
        assertThat(texts(s.at("/troops/contingents/SA/sources"))).containsExactly("radionz-mar15",
                "thenational-mar15", "dailybeast-mar14", "debka-3500");
        assertThat(texts(s.at("/troops/contingents/AE/sources"))).containsExactly("eurasiareview-uae",
                "dailyalert-wapo", "dailybeast-mar14");
        // Bahrain's own total of 17 March (thenational-mar17) is the sum of the parts: no disagreement
        assertThat(figure(s.at("/troops/reportedTotal"))).isEqualTo("1500 (1500-1500)");
        assertThat(texts(s.at("/troops/reportedTotal/sources"))).containsExactly("thenational-mar17");
        assertThat(s.at("/troops/disagreement").isNull()).isTrue();
        // the unnamed officials' 5,000 of 21 March is kept as a claim, 1,500 the best
        assertThat(figure(state("2011-03-21").at("/troops/reportedTotal"))).isEqualTo("1500 (1500-5000)");
        assertThat(state("2011-03-21").at("/troops/disagreement").isNull()).isTrue();
        assertThat(s.at("/withdrawal/announcedOn").isNull()).isTrue();
    }

    @Test
    void theStateOfNationalSafetyIsInForceOn1AprilAndGoneOn2June() {
        assertThat(texts(state("2011-03-14").at("/host/emergencyRegions"))).isEmpty();
        // Royal Decree 18 of 2011, from 15 March, for three months
        assertThat(texts(state("2011-03-15").at("/host/emergencyRegions"))).containsExactly("Bahrain");
        assertThat(texts(state("2011-04-01").at("/host/emergencyRegions"))).containsExactly("Bahrain");
        assertThat(texts(state("2011-05-31").at("/host/emergencyRegions"))).containsExactly("Bahrain");
        // lifted on 1 June, two weeks before the decree's three months ran out
        assertThat(texts(state("2011-06-01").at("/host/emergencyRegions"))).isEmpty();
        assertThat(texts(state("2011-06-02").at("/host/emergencyRegions"))).isEmpty();
    }

    @Test
    void on2JuneTheEmergencyIsOverButTheForceStays() {
        JsonNode s = state("2011-06-02");
        assertThat(s.at("/mission/status").asText()).isEqualTo("DEPLOYED");
        assertThat(s.at("/mission/daysDeployed").asInt()).isEqualTo(81);
        assertThat(s.at("/withdrawal/announcedOn").isNull()).isTrue();
        assertThat(s.at("/withdrawal/deadline").isNull()).isTrue();
        assertThat(s.at("/withdrawal/overdue").asBoolean()).isFalse();
        assertThat(s.at("/troops/inCountry/best").asLong()).isEqualTo(1500);
        // the Kuwaiti navy (of unknown size) joined on 22 March
        assertThat(texts(s.at("/troops/present"))).containsExactly("SA", "AE", "QA", "KW");
        assertThat(s.at("/troops/kinds/KW").asText()).isEqualTo("naval");
        // no withdrawal is ever announced: at the end of the period the mission is still deployed
        assertThat(state("2011-11-30").at("/mission/status").asText()).isEqualTo("DEPLOYED");
        assertThat(state("2011-11-30").at("/mission/daysDeployed").asInt()).isEqualTo(262);
        for (JsonNode day : days.values()) {
            assertThat(day.at("/state/withdrawal/announcedOn").isNull()).as(day.get("on").asText()).isTrue();
        }
    }

    @Test
    void inJulyTheForceIsDrawnDownButStays() {
        // 2 July: the Kuwaiti naval task force ends its mission (naharnet-kuwait-jul2), the others stay
        JsonNode july2 = state("2011-07-02");
        assertThat(figure(july2.at("/troops/contingents/KW"))).isEqualTo("0 (0-0)");
        assertThat(texts(july2.at("/troops/present"))).containsExactly("SA", "AE", "QA");
        assertThat(july2.at("/mission/status").asText()).isEqualTo("DEPLOYED");
        // 4 July: a Saudi partial withdrawal of no known size (thenational-pullout) leaves a residual force
        JsonNode july4 = state("2011-07-04");
        assertThat(figure(july4.at("/troops/contingents/SA"))).isEqualTo(">=0 (0-0)");
        assertThat(texts(july4.at("/troops/contingents/SA/sources"))).contains("radionz-mar15", "thenational-pullout");
        assertThat(figure(july4.at("/troops/inCountry"))).isEqualTo(">=500 (500-800)");
        assertThat(texts(july4.at("/troops/present"))).containsExactly("SA", "AE", "QA");
        assertThat(july4.at("/mission/status").asText()).isEqualTo("DEPLOYED");
        assertThat(july4.at("/withdrawal/announcedOn").isNull()).isTrue();
    }

    @Test
    void theInquiryCountIsTheLastWordOnDeathsInHindsight() {
        assertThat(state("2011-11-23").at("/host/casualties/total/killed/best").asLong()).isEqualTo(35);
        assertThat(texts(state("2011-11-23").at("/host/casualties/total/killed/sources"))).isNotEmpty();
    }

    @Test
    void inTheWhatIfTheForceLeavesWithTheEmergencyAndIranWelcomesIt() {
        assertThat(whatIf("2011-05-30").at("/mission/status").asText()).isEqualTo("DEPLOYED");
        JsonNode announced = whatIf("2011-05-31");
        assertThat(announced.at("/mission/status").asText()).isEqualTo("WITHDRAWAL_ANNOUNCED");
        assertThat(announced.at("/withdrawal/startsOn").asText()).isEqualTo("2011-06-01");
        assertThat(announced.at("/withdrawal/deadline").asText()).isEqualTo("2011-06-10");
        // the emergency is lifted in the what-if as in the base
        assertThat(texts(whatIf("2011-06-02").at("/host/emergencyRegions"))).isEmpty();
        assertThat(whatIf("2011-06-04").at("/mission/status").asText()).isEqualTo("WITHDRAWING");
        assertThat(contingents(whatIf("2011-06-04"))).containsExactly(
                Map.entry("SA", "1000 (1000-3500)"), Map.entry("AE", "0 (0-0)"), Map.entry("QA", ">=0 (0-0)"),
                Map.entry("KW", ">=0 (0-0)"));
        // the Saudis and the Qatari force leave on the 8th; the Kuwaiti navy, of unknown size, is still there
        JsonNode eighth = whatIf("2011-06-08");
        assertThat(eighth.at("/mission/status").asText()).isEqualTo("WITHDRAWING");
        assertThat(texts(eighth.at("/troops/present"))).containsExactly("KW");
        assertThat(figure(eighth.at("/troops/inCountry"))).isEqualTo(">=0 (0-0)");
        JsonNode gone = whatIf("2011-06-10");
        assertThat(gone.at("/mission/status").asText()).isEqualTo("WITHDRAWN");
        assertThat(gone.at("/withdrawal/completedOn").asText()).isEqualTo("2011-06-10");
        assertThat(figure(gone.at("/troops/inCountry"))).isEqualTo("0 (0-0)");
        assertThat(texts(gone.at("/troops/present"))).isEmpty();
        assertThat(gone.at("/mission/daysDeployed").asInt()).isEqualTo(89);
        assertThat(whatIf("2011-06-12").at("/mission/daysDeployed").asInt()).isEqualTo(89);
        // the rule tehran-welcomes fires on the day the mission is WITHDRAWN, and only then
        List<String> byRule = new ArrayList<>();
        whatIfDays.values().forEach(d -> d.get("events").forEach(e -> {
            if (!e.path("rule").isNull() && !e.path("rule").isMissingNode()) {
                byRule.add(d.get("on").asText() + " " + e.get("id").asText() + " " + e.get("rule").asText());
            }
        }));
        assertThat(byRule).containsExactly("2011-06-10 tehran-welcomes-1 tehran-welcomes");
    }

    @Test
    void theDiffFirstDivergesOn31MayAndEndsWith89DaysAgainst262() {
        assertThat(diff.get("base").asText()).isEqualTo("bahrain-2011");
        assertThat(diff.get("whatIf").asText()).isEqualTo("gcc-leaves-with-emergency");
        assertThat(diff.get("firstDivergence").asText()).isEqualTo("2011-05-31");
        assertThat(texts(diff.get("removed"))).containsExactly("saudi-redeploy", "strength-jun28",
                "gcc-withdrawal-talk", "saudi-partial-withdrawal", "kuwait-navy-leaves");
        Map<String, JsonNode> byDay = new LinkedHashMap<>();
        diff.get("days").forEach(d -> byDay.put(d.get("on").asText(), d.get("changes")));
        assertThat(byDay.keySet()).first().isEqualTo("2011-05-31");
        assertThat(byDay.keySet()).last().isEqualTo("2011-11-30");
        assertThat(change(byDay.get("2011-05-31"), "mission.status")).isEqualTo("\"DEPLOYED\" | \"WITHDRAWAL_ANNOUNCED\"");
        assertThat(change(byDay.get("2011-05-31"), "withdrawal.deadline")).isEqualTo("null | \"2011-06-10\"");
        assertThat(change(byDay.get("2011-06-04"), "troops.contingents.AE"))
                .startsWith("{\"best\":500,\"low\":500,\"high\":800,").contains("| {\"best\":0,\"low\":0,\"high\":0,");
        assertThat(change(byDay.get("2011-06-08"), "troops.present"))
                .isEqualTo("[\"SA\",\"AE\",\"QA\",\"KW\"] | [\"KW\"]");
        assertThat(change(byDay.get("2011-06-10"), "mission.status")).isEqualTo("\"DEPLOYED\" | \"WITHDRAWN\"");
        assertThat(change(byDay.get("2011-06-10"), "withdrawal.completedOn")).isEqualTo("null | \"2011-06-10\"");
        assertThat(change(byDay.get("2011-11-30"), "mission.daysDeployed")).isEqualTo("262 | 89");
        assertThat(change(byDay.get("2011-11-30"), "troops.inCountry")).startsWith("{\"best\":500,")
                .contains("\"lowerBound\":true} | {\"best\":0,");
        assertThat(change(byDay.get("2011-11-30"), "troops.reportedTotal")).contains("aljazeera-jun28")
                .contains("worldtribune-may13");
        // nothing differs before the announcement
        assertThat(byDay).doesNotContainKey("2011-05-30");
    }

    /** {@code base | whatIf} of one path's change on a day, as compact JSON; null when the path did not differ. */
    private static String change(JsonNode changes, String path) {
        for (JsonNode c : changes) {
            if (c.get("path").asText().equals(path)) {
                return c.get("base").toString() + " | " + c.get("whatIf").toString();
            }
        }
        return null;
    }
}
