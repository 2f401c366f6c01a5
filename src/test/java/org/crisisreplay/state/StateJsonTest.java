package org.crisisreplay.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.story.Tally;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The state's JSON, pinned: key order, nulls, dates, figures and their {@code approx} mark. */
class StateJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBodyIsTheStateAsTheContractShowsIt() throws Exception {
        ObjectNode body = StateJson.body(StoryFixture.stateOn(StoryFixture.EVERY_PART, "2030-05-12"));
        String expected = Files.readString(Path.of("src/test/resources/state/every-part.2030-05-12.json"),
                StandardCharsets.UTF_8);
        assertThat(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body)).isEqualTo(expected.strip());
    }

    @Test
    void whatNoEventHasSetIsNull() {
        ObjectNode body = StateJson.body(StoryFixture.stateOn(StoryFixture.EVERY_PART, "2030-05-01"));
        assertThat(body.at("/troops/reportedTotal").isNull()).isTrue();
        assertThat(body.at("/mission/requestedOn").isNull()).isTrue();
        assertThat(body.at("/troops/inCountry")).isEqualTo(StateJson.value(Tally.ZERO));
    }

    @Test
    void theFrameNamesScenarioDayAndKnowledgeBeforeTheBody() {
        ObjectNode body = StateJson.body(StoryFixture.stateOn(StoryFixture.EVERY_PART, "2030-05-12"));
        ObjectNode framed = StateJson.framed("every-part", LocalDate.of(2030, 5, 12), null, body);
        List<String> keys = new ArrayList<>();
        framed.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("scenario", "on", "asKnownOn", "mission", "troops", "withdrawal", "host",
                "diplomacy", "eventsApplied");
        assertThat(framed.get("asKnownOn").isNull()).isTrue();
        assertThat(StateJson.framed("x", LocalDate.of(2030, 5, 12), LocalDate.of(2030, 5, 10), body).get("asKnownOn")
                .asText()).isEqualTo("2030-05-10");
        List<String> bodyKeys = new ArrayList<>();
        body.fieldNames().forEachRemaining(bodyKeys::add);
        assertThat(bodyKeys).doesNotContain("scenario", "on", "asKnownOn");
    }

    @Test
    void aFigureIsAnObjectWithBestLowAndHigh() throws Exception {
        JsonNode figure = JSON.readTree("{\"best\": 1, \"low\": 1, \"high\": 2, \"sources\": []}");
        JsonNode eventFigure = JSON.readTree("{\"claims\": [{\"value\": 1}], \"best\": 1}");
        assertThat(StateJson.isFigure(figure)).isTrue();
        assertThat(StateJson.isFigure(eventFigure)).isFalse();
        assertThat(StateJson.isFigure(JSON.readTree("1"))).isFalse();
        assertThat(StateJson.isFigure(JSON.readTree("null"))).isFalse();
        assertThat(StateJson.isFigure(null)).isFalse();
    }
}
