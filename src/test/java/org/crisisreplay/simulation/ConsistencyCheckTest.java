package org.crisisreplay.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check every scenario gets: a reported total of the troops held against the contingents
 * summed at the end of the day it was reported. More than 10 % apart, {@code validate} warns (and
 * still passes) and the state shows the disagreement beside the figure until the next report.
 */
class ConsistencyCheckTest {

    static final String DISAGREE = "src/test/resources/consistency/parts-disagree.yaml";
    static final String AGREE = "src/test/resources/consistency/parts-agree.yaml";

    @TempDir
    static Path store;

    @Test
    void validateWarnsWithTheDateBothFiguresAndTheirSources() {
        CliHarness.Result r = CliHarness.run(store, "validate", DISAGREE);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(DISAGREE + ": ok\n");
        // the whole of 3 June against the parts at the end of 3 June (1,000 + 300, the 300 arriving after
        // the report); the report of 6 June agrees with its day's parts and is not named
        assertThat(r.err()).isEqualTo(DISAGREE + ":30:5: warning: the troops do not add up: parts 1,300 [wire, radio] "
                + "vs reported 700 [paper] (−46 %) on 2030-06-03\n");
    }

    @Test
    void validateIsSilentWhenTheTotalsAgreeWithinATenth() {
        CliHarness.Result r = CliHarness.run(store, "validate", AGREE);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theStateShowsTheDisagreementUntilTheNextReport() {
        JsonNode onTheDay = state("2030-06-03");
        JsonNode d = onTheDay.at("/troops/disagreement");
        assertThat(d.get("on").asText()).isEqualTo("2030-06-03");
        assertThat(d.get("event").asText()).isEqualTo("low-count");
        assertThat(d.get("parts")).isEqualTo(onTheDay.at("/troops/inCountry"));
        assertThat(d.get("whole")).isEqualTo(onTheDay.at("/troops/reportedTotal"));
        assertThat(d.get("difference").asLong()).isEqualTo(-600);
        assertThat(d.get("percent").asLong()).isEqualTo(-46);
        // two days later a third contingent has come: the comparison stays that of 3 June
        JsonNode later = state("2030-06-05");
        assertThat(later.at("/troops/inCountry/best").asLong()).isEqualTo(1800);
        assertThat(later.at("/troops/disagreement")).isEqualTo(d);
        assertThat(state("2030-06-06").at("/troops/disagreement").isNull()).isTrue();
        assertThat(state("2030-06-02").at("/troops/disagreement").isNull()).as("nothing reported yet").isTrue();
    }

    @Test
    void theStateTextShowsTheDisagreementUnderTheReportedTotal() {
        CliHarness.Result r = CliHarness.run(store, "state", DISAGREE, "--on", "2030-06-04");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("  reportedTotal  700  [paper]\n"
                + "  disagreement   parts 1,300 [wire, radio] vs reported 700 [paper] (−46 %) on 2030-06-03\n");
        CliHarness.Result agreeing = CliHarness.run(store, "state", AGREE, "--on", "2030-07-05");
        assertThat(agreeing.out()).contains("  disagreement   —\n");
    }

    @Test
    void aSeriesFollowsTheDisagreementByItsPaths() {
        CliHarness.Result r = CliHarness.run(store, "series", DISAGREE, "--field", "troops.disagreement.percent", "--csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("on,value\n2030-06-01,\n2030-06-02,\n2030-06-03,-46\n2030-06-04,-46\n"
                + "2030-06-05,-46\n2030-06-06,\n2030-06-07,\n2030-06-08,\n");
    }

    private static JsonNode state(String day) {
        CliHarness.Result r = CliHarness.run(store, "state", DISAGREE, "--on", day, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return Output.json(r.out());
    }
}
