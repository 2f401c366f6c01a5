package org.crisisreplay.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two clocks: when a thing happened, and when it became known. */
class KnowledgeTest {

    private static final String FILE = "src/test/resources/knowledge/late-reports.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static JsonNode state(String on, String asKnownOn) throws Exception {
        List<String> args = new ArrayList<>(List.of("state", FILE, "--on", on, "--json"));
        if (asKnownOn != null) {
            args.addAll(List.of("--as-known-on", asKnownOn));
        }
        CliHarness.Result r = CliHarness.run(data, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void aLateReportDoesNotCountBeforeItIsReported() throws Exception {
        JsonNode before = state("2030-03-05", "2030-03-03");
        assertThat(before.at("/asKnownOn").asText()).isEqualTo("2030-03-03");
        assertThat(before.at("/troops/contingents").has("A")).isFalse();
        assertThat(before.at("/mission/status").asText()).isEqualTo("REQUESTED");
        assertThat(before.at("/host/detained/best").asLong()).isEqualTo(50);
        JsonNode after = state("2030-03-05", "2030-03-04");
        assertThat(after.at("/troops/contingents/A/best").asLong()).isEqualTo(100);
        assertThat(after.at("/troops/contingents/A/high").asLong()).isEqualTo(150);
        assertThat(after.at("/troops/contingents/A/sources").toString()).contains("wire", "ministry");
    }

    @Test
    void whatHappenedAfterTheKnowledgeDateIsNotKnown() throws Exception {
        // K before D: the toll of the 5th is not known on the 4th
        assertThat(state("2030-03-06", "2030-03-04").at("/host/casualties").has("total")).isFalse();
    }

    @Test
    void aRetractionCountsFromTheDayItIsReported() throws Exception {
        assertThat(state("2030-03-08", "2030-03-06").at("/host/casualties/total/killed/best").asLong()).isEqualTo(10);
        assertThat(state("2030-03-08", "2030-03-07").at("/host/casualties").has("total")).isFalse();
    }

    @Test
    void aKnowledgeDateAfterTheDateSeesLateReportsOfEarlierEvents() throws Exception {
        // K after D: on the 3rd as known on the 9th, the arrival of the 2nd is known, the withdrawn toll is not there
        JsonNode s = state("2030-03-03", "2030-03-09");
        assertThat(s.at("/troops/contingents/A/best").asLong()).isEqualTo(100);
        assertThat(s.at("/mission/firstArrivalOn").asText()).isEqualTo("2030-03-02");
        assertThat(s.at("/host/casualties").has("total")).isFalse();
    }

    @Test
    void hindsightKnowsEverythingIncludingTheRetraction() throws Exception {
        JsonNode s = state("2030-03-05", null);
        assertThat(s.at("/asKnownOn").isNull()).isTrue();
        assertThat(s.at("/troops/contingents/A/best").asLong()).isEqualTo(100);
        assertThat(s.at("/host/casualties").has("total")).isFalse();
    }

    @Test
    void theReplayAsItUnfoldedShowsLateReportsOnTheDayTheyBecameKnown() throws Exception {
        CliHarness.Result r = CliHarness.run(data, "replay", FILE, "--as-it-unfolded", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> days = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            days.add(JSON.readTree(line));
        }
        JsonNode second = days.get(1);
        assertThat(second.get("on").asText()).isEqualTo("2030-03-02");
        assertThat(second.get("events")).isEmpty();
        JsonNode fourth = days.get(3);
        assertThat(fourth.at("/events/0/id").asText()).isEqualTo("arrival");
        assertThat(fourth.at("/events/0/happenedOn").asText()).isEqualTo("2030-03-02");
        assertThat(fourth.at("/state/troops/contingents/A/best").asLong()).isEqualTo(100);
        JsonNode seventh = days.get(6);
        assertThat(seventh.at("/events/0/id").asText()).isEqualTo("toll-withdrawn");
        assertThat(seventh.at("/events/0/takesBack/id").asText()).isEqualTo("toll");
        assertThat(seventh.get("changes").toString()).contains("host.casualties.total.killed");

        CliHarness.Result text = CliHarness.run(data, "replay", FILE, "--as-it-unfolded");
        assertThat(text.out()).contains("reported today, happened 2030-03-02", "takes back toll (2030-03-05)");
    }

    @Test
    void sourcesAreCountedAndValidateWarnsAboutTheUncitedOnes() throws Exception {
        CliHarness.Result r = CliHarness.run(data, "sources", FILE, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode sources = JSON.readTree(r.out()).get("sources");
        assertThat(sources.get(0).get("id").asText()).isEqualTo("wire");
        assertThat(sources.get(0).get("events").asInt()).isEqualTo(2);
        assertThat(sources.get(1).get("events").asInt()).isEqualTo(4);
        assertThat(sources.get(2).get("events").asInt()).isZero();

        CliHarness.Result v = CliHarness.run(data, "validate", FILE);
        assertThat(v.exit()).isZero();
        assertThat(v.out()).contains(FILE + ": ok");
        assertThat(v.err()).contains(FILE + ":8:3: warning: source 'unused' is cited by no event",
                "warning: event 'quiet' cites no source");
    }
}
