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
    void theGenevaTalksAreInTheStateFromThe10th() {
        assertThat(state("2022-01-09").at("/diplomacy/talks")).isEmpty();
        JsonNode talks = state("2022-01-10").at("/diplomacy/talks");
        assertThat(talks).hasSize(1);
        assertThat(talks.get(0).get("place").asText()).isEqualTo("Geneva");
        assertThat(talks.get(0).get("on").asText()).isEqualTo("2022-01-10");
        List<String> parties = new ArrayList<>();
        talks.get(0).get("parties").forEach(p -> parties.add(p.asText()));
        assertThat(parties).containsExactly("US", "RU");
        List<String> places = new ArrayList<>();
        state("2022-01-13").at("/diplomacy/talks").forEach(t -> places.add(t.get("place").asText()));
        assertThat(places).containsExactly("Geneva", "Brussels", "Vienna");
    }

    @Test
    void contestedTroopTotalsKeepEveryClaimAndItsSource() {
        JsonNode total = state("2022-01-12").at("/troops/reportedTotal");
        assertThat(total.get("best").asLong()).isEqualTo(2030);
        assertThat(total.get("low").asLong()).isEqualTo(2030);
        assertThat(total.get("high").asLong()).isEqualTo(2500);
        assertThat(total.get("sources").toString()).contains("analysis", "rbc-ua", "sputnik-zas");
        assertThat(state("2022-01-06").at("/troops/reportedTotal/best").asLong()).isEqualTo(2500);
        JsonNode armenia = state("2022-01-12").at("/troops/contingents/AM");
        assertThat(armenia.get("low").asLong()).isLessThan(armenia.get("high").asLong());
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
    void theRetractedDeathTollCountsOnlyForWhatWasKnownBeforeItsRetraction() {
        CliHarness.Result hindsight = ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-09", "--json"));
        CliHarness.Result known = ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-09", "--as-known-on",
                "2022-01-09", "--json"));
        assertThat(hindsight.out()).doesNotContain("\"best\" : 164");
        assertThat(known.out()).contains("\"best\" : 164");
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
