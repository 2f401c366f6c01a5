package org.crisisreplay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real jar on the real baseline: the answers a reader of the crisis would check. */
class BaselineIT {

    private static final String BASELINE = "scenarios/kazakhstan-2022.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static final Map<String, JsonNode> days = new LinkedHashMap<>();
    static long eventsAfterFirstRun;

    @BeforeAll
    static void replayOnce() throws Exception {
        CliHarness.Result r = ok(JarHarness.run(data, "replay", BASELINE, "--json"));
        for (String line : r.out().split("\n")) {
            JsonNode day = JSON.readTree(line);
            days.put(day.get("on").asText(), day);
        }
        eventsAfterFirstRun = StoreProbe.eventCount(data);
    }

    private static CliHarness.Result ok(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception");
        return r;
    }

    private static JsonNode state(String day) {
        return days.get(day).get("state");
    }

    @Test
    void theReplayCoversEveryDayOfThePeriod() {
        assertThat(days.keySet()).first().isEqualTo("2022-01-01");
        assertThat(days.keySet()).last().isEqualTo("2022-01-25");
        assertThat(days).hasSize(25);
    }

    @Test
    void missionStatusOverTheCrisis() {
        assertThat(state("2022-01-04").at("/mission/status").asText()).isEqualTo("NONE");
        assertThat(state("2022-01-07").at("/mission/status").asText()).isEqualTo("DEPLOYED");
        assertThat(state("2022-01-12").at("/mission/status").asText()).isEqualTo("WITHDRAWAL_ANNOUNCED");
        assertThat(state("2022-01-14").at("/mission/status").asText()).isEqualTo("WITHDRAWING");
        assertThat(state("2022-01-20").at("/mission/status").asText()).isEqualTo("WITHDRAWN");
        assertThat(state("2022-01-12").at("/mission/commander").asText()).isEqualTo("Andrei Serdyukov");
        assertThat(state("2022-01-12").at("/mission/requestedOn").asText()).isEqualTo("2022-01-05");
        assertThat(state("2022-01-12").at("/mission/firstArrivalOn").asText()).isEqualTo("2022-01-06");
        assertThat(state("2022-01-12").at("/mission/daysDeployed").asInt()).isEqualTo(7);
    }

    @Test
    void theWithdrawalWasAnnouncedOnThe11thToStartOnThe13thWithinTenDays() {
        JsonNode w = state("2022-01-20").get("withdrawal");
        assertThat(w.get("announcedOn").asText()).isEqualTo("2022-01-11");
        assertThat(w.get("startsOn").asText()).isEqualTo("2022-01-13");
        assertThat(w.get("deadline").asText()).isEqualTo("2022-01-22");
        assertThat(w.get("completedOn").asText()).isEqualTo("2022-01-19");
        assertThat(w.get("overdue").asBoolean()).isFalse();
        assertThat(state("2022-01-18").at("/withdrawal/completedOn").isNull()).isTrue();
        assertThat(state("2022-01-20").at("/troops/inCountry/best").asLong()).isZero();
        assertThat(state("2022-01-20").at("/mission/daysDeployed").asInt()).isEqualTo(14);
    }

    @Test
    void theCstoSummitAndTheGenevaTalksAreInTheStateFromThe10th() {
        assertThat(state("2022-01-09").at("/diplomacy/talks")).isEmpty();
        JsonNode talks = state("2022-01-10").at("/diplomacy/talks");
        assertThat(talks).hasSize(2);
        assertThat(talks.get(0).get("id").asText()).isEqualTo("csto-summit");
        assertThat(texts(talks.get(0).get("parties"))).containsExactly("AM", "RU", "BY", "KZ", "TJ", "KG", "CSTO");
        assertThat(talks.get(1).get("place").asText()).isEqualTo("Geneva");
        assertThat(talks.get(1).get("on").asText()).isEqualTo("2022-01-10");
        assertThat(texts(talks.get(1).get("parties"))).containsExactly("US", "RU");
        List<String> places = new ArrayList<>();
        state("2022-01-13").at("/diplomacy/talks").forEach(t -> places.add(t.get("place").asText()));
        assertThat(places).containsExactly("videoconference", "Geneva", "Brussels", "Vienna");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** best, low and high of a figure, and whether its best is an estimate. */
    private static String figure(JsonNode f) {
        return f.get("best").asLong() + " (" + f.get("low").asLong() + "-" + f.get("high").asLong() + ")"
                + (f.path("approx").asBoolean() ? " approx" : "");
    }

    private static Map<String, String> contingents(String day) {
        Map<String, String> out = new LinkedHashMap<>();
        state(day).at("/troops/contingents").fields().forEachRemaining(e -> out.put(e.getKey(), figure(e.getValue())));
        return out;
    }

    @Test
    void onThe12thTheContingentsAddUpToTheOfficialTotalOf2030() {
        JsonNode inCountry = state("2022-01-12").at("/troops/inCountry");
        long official = state("2022-01-12").at("/troops/reportedTotal/best").asLong();
        assertThat(official).isEqualTo(2030);
        assertThat(inCountry.get("best").asLong()).isBetween(Math.round(official * 0.95), Math.round(official * 1.05));
        assertThat(official).isBetween(inCountry.get("low").asLong(), inCountry.get("high").asLong());
        // the Russian figure is derived from the total, so it and every sum it is in are estimates;
        // the 3,000 Russians of one "reportedly" stay in the range
        assertThat(figure(inCountry)).isEqualTo("2030 (1900-4000) approx");
        assertThat(contingents("2022-01-12")).containsExactly(
                Map.entry("RU", "1080 (1080-3000) approx"),
                Map.entry("BY", "500 (500-500)"),
                Map.entry("AM", "100 (70-100)"),
                Map.entry("TJ", "200 (100-200)"),
                Map.entry("KG", "150 (150-200)"));
    }

    @Test
    void troopsInTheCountryOnThe7thThe15thAndThe19th() {
        assertThat(contingents("2022-01-07")).containsExactly(
                Map.entry("RU", "1080 (1080-3000) approx"),
                Map.entry("BY", "500 (500-500)"),
                Map.entry("AM", "100 (70-100)"),
                Map.entry("TJ", "200 (100-200)"));
        assertThat(figure(state("2022-01-07").at("/troops/inCountry"))).isEqualTo("1880 (1750-3800) approx");
        // the other contingents left on the 14th; the Russians had flown out 45 + 170 by the 15th
        assertThat(contingents("2022-01-15")).containsEntry("RU", "865 (865-2785) approx")
                .containsEntry("BY", "0 (0-0)").containsEntry("AM", "0 (0-0)")
                .containsEntry("TJ", "0 (0-0)").containsEntry("KG", "0 (0-0)");
        assertThat(figure(state("2022-01-15").at("/troops/inCountry"))).isEqualTo("865 (865-2785) approx");
        assertThat(contingents("2022-01-19").values()).containsOnly("0 (0-0)");
        assertThat(figure(state("2022-01-19").at("/troops/inCountry"))).isEqualTo("0 (0-0)");
        assertThat(state("2022-01-19").at("/withdrawal/completedOn").asText()).isEqualTo("2022-01-19");
    }

    @Test
    void theDeparturesTakeAwayWhatArrivedAndTheLastPlanesCarryOnlyTheRest() throws Exception {
        Map<String, Long> arrived = new LinkedHashMap<>();
        Map<String, Long> left = new LinkedHashMap<>();
        Map<String, String> lastDeparture = new LinkedHashMap<>();
        for (String line : ok(JarHarness.run(data, "events", BASELINE, "--json")).out().split("\n")) {
            JsonNode e = JSON.readTree(line);
            JsonNode troops = e.at("/fields/troops");
            String contingent = e.at("/fields/contingent").asText();
            if (e.get("type").asText().equals("TroopsArrived")) {
                arrived.merge(contingent, troops.get("best").asLong(), Long::sum);
            } else if (e.get("type").asText().equals("TroopsWithdrawn")) {
                lastDeparture.put(contingent, e.get("id").asText() + " on " + e.get("on").asText());
                if (!troops.isTextual()) {
                    left.merge(contingent, troops.get("best").asLong(), Long::sum);
                    // sources give planes, not troops: every departure figure says it is an estimate
                    // or takes the whole contingent as reported on arrival
                    assertThat(troops.at("/claims/0/note").asText()).as(e.get("id").asText()).isNotEmpty();
                }
            }
        }
        assertThat(arrived).containsExactly(Map.entry("RU", 1080L), Map.entry("BY", 500L), Map.entry("AM", 100L),
                Map.entry("TJ", 200L), Map.entry("KG", 150L));
        // explicit departures empty Belarus, Armenia and Tajikistan; the Kyrgyz left whole by road, and
        // the last 4 Russian planes carry the rest: about 45 by the plane-based estimate
        assertThat(left).containsExactly(Map.entry("RU", 1035L), Map.entry("AM", 100L), Map.entry("TJ", 200L),
                Map.entry("BY", 500L));
        assertThat(lastDeparture).containsEntry("RU", "ru-withdrawn-final on 2022-01-19")
                .containsEntry("KG", "kg-withdrawn on 2022-01-14");
        assertThat(figure(state("2022-01-18").at("/troops/contingents/RU"))).isEqualTo("45 (45-1965) approx");
        assertThat(state("2022-01-18").at("/troops/inCountry/best").asLong()).isEqualTo(45);
    }

    @Test
    void russianPeacekeepersTookAlmatyAirportOnThe7th() {
        assertThat(texts(state("2022-01-06").at("/troops/facilities"))).doesNotContain("Almaty international airport");
        assertThat(texts(state("2022-01-07").at("/troops/facilities"))).contains("Almaty international airport");
    }

    @Test
    void contestedTroopTotalsKeepEveryClaimAndItsSource() {
        JsonNode total = state("2022-01-12").at("/troops/reportedTotal");
        assertThat(total.get("best").asLong()).isEqualTo(2030);
        assertThat(total.get("low").asLong()).isEqualTo(2030);
        assertThat(total.get("high").asLong()).isEqualTo(4000);
        assertThat(texts(total.get("sources"))).containsExactly("analysis", "webjosh-ap", "bbabo-2300", "rbc-ua",
                "sputnik-zas", "qazaqtv-nuryshev", "mir24");
        // a planned size (6 January) and counts that exceed the official total (7 January) are not
        // counts of the force present: no total is reported before Tokayev's 2,030 on the 10th
        assertThat(state("2022-01-09").at("/troops/reportedTotal").isNull()).isTrue();
        assertThat(state("2022-01-10").at("/troops/reportedTotal/best").asLong()).isEqualTo(2030);
        // and the parts agree with every whole reported, so the state shows no disagreement
        for (String day : days.keySet()) {
            assertThat(state(day).at("/troops/disagreement").isNull()).as(day).isTrue();
        }
        JsonNode armenia = state("2022-01-12").at("/troops/contingents/AM");
        assertThat(armenia.get("low").asLong()).isLessThan(armenia.get("high").asLong());
    }

    @Test
    void detaineesOnThe7thAndSecurityDeadOnThe12th() {
        JsonNode detained = state("2022-01-07").at("/host/detained");
        assertThat(figure(detained)).isEqualTo("3811 (3000-3811)");
        assertThat(detained.get("sources").toString()).contains("tass-1384901");
        JsonNode security = state("2022-01-12").at("/host/casualties/security");
        assertThat(security.at("/killed/best").asLong()).isEqualTo(17);
        assertThat(security.at("/wounded/best").asLong()).isEqualTo(1300);
        assertThat(state("2022-01-11").at("/host/casualties/security/killed/best").asLong()).isEqualTo(16);
        assertThat(state("2022-01-15").at("/host/casualties/security/killed/best").asLong()).isEqualTo(19);
    }

    @Test
    void nazarbayevsRelativesLeaveTheirPostsBy25January() {
        List<String> dismissed = new ArrayList<>();
        state("2022-01-25").at("/host/dismissed").forEach(d -> dismissed.add(d.get("person").asText() + " " + d.get("on").asText()));
        assertThat(dismissed).containsExactly("Karim Massimov 2022-01-05", "Kairat Sharipbayev 2022-01-14",
                "Dimash Dosanov 2022-01-14", "Timur Kulibayev 2022-01-17", "Samat Abish 2022-01-17",
                "Berik Imashev 2022-01-25");
    }

    @Test
    void contestedDetaineeFiguresOnThe10th() {
        JsonNode detained = state("2022-01-10").at("/host/detained");
        assertThat(detained.get("best").asLong()).isEqualTo(7939);
        assertThat(detained.get("low").asLong()).isEqualTo(7932);
        assertThat(detained.get("high").asLong()).isEqualTo(7939);
        assertThat(detained.get("sources").toString()).contains("nationalpost-7939", "analysis");
    }

    @Test
    void theRetractedDeathTollCountsOnlyForWhatWasKnownBeforeItsRetraction() throws Exception {
        CliHarness.Result hindsight = ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-09", "--json"));
        CliHarness.Result known = ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-09", "--as-known-on",
                "2022-01-09", "--json"));
        JsonNode afterRetraction = JSON.readTree(hindsight.out()).at("/host/casualties");
        JsonNode before = JSON.readTree(known.out()).at("/host/casualties");
        // in hindsight the Health Ministry's 164 never stood: only the security forces' toll remains
        assertThat(afterRetraction.has("total")).as(afterRetraction.toString()).isFalse();
        assertThat(afterRetraction.at("/security/killed/best").asLong()).isEqualTo(16);
        // as known on 9 January (the retraction was reported on the 10th) it is the total
        assertThat(before.at("/total/killed")).isEqualTo(JSON.readTree(
                "{\"best\": 164, \"low\": 164, \"high\": 164, \"sources\": [\"ap-164\", \"rferl-internet\"]}"));
        assertThat(before.at("/total/wounded").isNull()).as(before.toString()).isTrue();
        assertThat(before.get("security")).isEqualTo(afterRetraction.get("security"));
    }

    @Test
    void theSameQueryGivesTheSameBytesAndStoresNothingMore() {
        CliHarness.Result a = ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-12", "--json"));
        CliHarness.Result b = ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-12", "--json"));
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(StoreProbe.eventCount(data)).isEqualTo(eventsAfterFirstRun);
    }

    @Test
    void stateAndReplayAgree() throws Exception {
        CliHarness.Result a = ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-15", "--json"));
        assertThat(JSON.readTree(a.out())).isEqualTo(state("2022-01-15"));
    }

    @Test
    void aRebuildGivesTheSameAnswers() throws Exception {
        CliHarness.Result before = ok(JarHarness.run(data, "replay", BASELINE, "--json"));
        CliHarness.Result rebuild = ok(JarHarness.run(data, "rebuild"));
        assertThat(rebuild.out()).contains("rebuilt projection");
        CliHarness.Result after = ok(JarHarness.run(data, "replay", BASELINE, "--json"));
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(StoreProbe.eventCount(data)).isEqualTo(eventsAfterFirstRun);
    }

    @Test
    void everyStoredEventIsTheFilesOwnAndCitesItsSources() throws Exception {
        CliHarness.Result r = ok(JarHarness.run(data, "events", BASELINE, "--json"));
        String[] lines = r.out().split("\n");
        assertThat(lines.length).isGreaterThanOrEqualTo(40);
        for (int i = 0; i < lines.length; i++) {
            JsonNode e = JSON.readTree(lines[i]);
            assertThat(e.get("seq").asInt()).isEqualTo(i + 1);
            assertThat(e.get("sources")).as(e.get("id").asText()).isNotEmpty();
            assertThat(e.get("rule").isNull()).isTrue();
        }
        // the store holds the story events plus the storyline's opening and closing
        assertThat(eventsAfterFirstRun).isEqualTo(lines.length + 2L);
    }

    @Test
    void theHumanReplayShowsEachDayWithSourcesAndChanges() {
        CliHarness.Result r = ok(JarHarness.run(data, "replay", BASELINE, "--from", "2022-01-11", "--to", "2022-01-11"));
        assertThat(r.out()).contains("2022-01-11  Tuesday", "withdrawal-announced", "WithdrawalAnnounced",
                "sources:", "mission.status", "DEPLOYED  →  WITHDRAWAL_ANNOUNCED");
    }
}
