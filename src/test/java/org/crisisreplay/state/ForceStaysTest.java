package org.crisisreplay.state;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.story.MissionStatus;
import org.crisisreplay.story.Tally;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A force that stays with no withdrawal announced (src/test/resources/state/force-stays.yaml): contingents
 * of unknown size are listed and make every total a lower bound, drawdowns shrink or end a contingent while
 * the mission stays DEPLOYED, and each contingent's kind of force is shown.
 */
class ForceStaysTest {

    private static final String FILE = "src/test/resources/state/force-stays.yaml";

    private static State on(String day) {
        return StoryFixture.stateOn(FILE, day);
    }

    @Test
    void aContingentOfUnknownSizeIsListedAndMakesTheTotalALowerBound() {
        State s = on("2030-06-04");
        assertThat(s.troops().contingents()).containsExactly(
                Map.entry("N", new Tally(1000, 1000, 1500, List.of("wire", "paper"))),
                Map.entry("P", Tally.unknown(List.of("paper"))),
                Map.entry("S", Tally.unknown(List.of("wire"))));
        assertThat(s.troops().inCountry()).isEqualTo(new Tally(1000, 1000, 1500, List.of("wire", "paper"), false, true));
        assertThat(s.troops().present()).containsExactly("N", "P", "S");
        // before the police arrive the total is what it counts, not a lower bound
        assertThat(on("2030-06-02").troops().inCountry().lowerBound()).isFalse();
    }

    @Test
    void aReportedTotalAboveALowerBoundIsNoDisagreement() {
        State s = on("2030-06-05");
        assertThat(s.troops().reportedTotal().best()).isEqualTo(1600);
        assertThat(s.troops().disagreement()).isNull();
    }

    @Test
    void aDrawdownEndsOrShrinksAContingentAndTheMissionStaysDeployed() {
        State shipsGone = on("2030-06-08");
        assertThat(shipsGone.troops().contingents().get("S")).isEqualTo(new Tally(0, 0, 0, List.of("wire")));
        assertThat(shipsGone.troops().present()).containsExactly("N", "P");
        assertThat(shipsGone.mission().status()).isEqualTo(MissionStatus.DEPLOYED);
        State thinned = on("2030-06-10");
        assertThat(thinned.troops().contingents().get("N")).isEqualTo(new Tally(600, 600, 1100, List.of("wire", "paper")));
        assertThat(thinned.mission().status()).isEqualTo(MissionStatus.DEPLOYED);
        assertThat(thinned.withdrawal().announcedOn()).isNull();
        // a drawdown of unknown size leaves a contingent of unknown size: it stays, no one knows how many
        State unknown = on("2030-06-15");
        assertThat(unknown.troops().contingents().get("N")).isEqualTo(Tally.unknown(List.of("wire", "paper")));
        assertThat(unknown.troops().present()).containsExactly("N", "P");
        assertThat(unknown.troops().inCountry()).isEqualTo(new Tally(0, 0, 0, List.of("wire", "paper"), false, true));
        assertThat(unknown.mission().status()).isEqualTo(MissionStatus.DEPLOYED);
        assertThat(unknown.mission().daysDeployed()).isEqualTo(14);
    }

    @Test
    void eachContingentsKindIsShown() {
        assertThat(on("2030-06-20").troops().kinds()).containsExactly(Map.entry("N", "troops"),
                Map.entry("P", "police"), Map.entry("S", "naval"));
    }

    @Test
    void inJsonALowerBoundSaysSoAndAKnownFigureDoesNot() {
        JsonNode troops = StateJson.body(on("2030-06-15")).get("troops");
        assertThat(troops.at("/inCountry/lowerBound").asBoolean()).isTrue();
        assertThat(troops.at("/contingents/P").toString())
                .isEqualTo("{\"best\":0,\"low\":0,\"high\":0,\"sources\":[\"paper\"],\"lowerBound\":true}");
        assertThat(troops.at("/contingents/S").has("lowerBound")).isFalse();
        assertThat(troops.get("present").toString()).isEqualTo("[\"N\",\"P\"]");
        assertThat(troops.get("kinds").toString()).isEqualTo("{\"N\":\"troops\",\"P\":\"police\",\"S\":\"naval\"}");
    }
}
