package org.crisisreplay.formats.timelinejs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.formats.Fixtures;
import org.crisisreplay.formats.KnownEvents;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.story.StoryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineJsExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode export(Scenario s, LocalDate asKnownOn) throws Exception {
        return JSON.readTree(TimelineJsExport.toJson(s, KnownEvents.of(s.events(), asKnownOn)));
    }

    private static Map<String, JsonNode> slides(JsonNode doc) {
        Map<String, JsonNode> out = new HashMap<>();
        doc.get("events").forEach(e -> out.put(e.get("unique_id").asText().substring("event-".length()), e));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.BASELINE, Fixtures.EVERY_TYPE})
    void oneSlidePerStoredEventWithItsDateTextAndGroup(String file) throws Exception {
        Scenario s = Fixtures.load(file);
        JsonNode doc = export(s, null);
        assertThat(doc.at("/title/text/headline").asText()).isNotBlank();
        assertThat(doc.get("events")).hasSize(s.events().size());
        for (int i = 0; i < s.events().size(); i++) {
            StoryEvent e = s.events().get(i);
            JsonNode slide = doc.get("events").get(i);
            assertThat(slide.get("unique_id").asText()).isEqualTo("event-" + e.meta().id());
            JsonNode d = slide.get("start_date");
            assertThat(LocalDate.of(d.get("year").asInt(), d.get("month").asInt(), d.get("day").asInt())).isEqualTo(e.meta().on());
            assertThat(d.has("hour")).isEqualTo(e.meta().at() != null);
            assertThat(slide.at("/text/headline").asText()).isNotBlank();
            assertThat(slide.get("group").asText()).isEqualTo(e.type());
            assertThat(slide.has("media")).isEqualTo(!e.meta().sources().isEmpty());
            assertThat(slide.at("/text/text").asText().contains("The date is approximate")).isEqualTo(e.meta().approx());
        }
    }

    @Test
    void aTimeOfDaySourcesAndLinksAreOnTheSlide() throws Exception {
        Map<String, JsonNode> slides = slides(export(Fixtures.load(Fixtures.EVERY_TYPE), null));
        JsonNode appeal = slides.get("appeal");
        assertThat(appeal.at("/start_date/hour").asInt()).isEqualTo(23);
        assertThat(appeal.at("/start_date/minute").asInt()).isZero();
        assertThat(appeal.at("/media/credit").asText()).isEqualTo("Wire service, &quot;Morning&quot; edition");
        assertThat(appeal.at("/text/text").asText())
                .contains("<a href=\"https://example.org/wire?a=1&amp;b=2\">Wire service, &quot;Morning&quot; edition</a>");
        assertThat(slides.get("killed-civil").at("/text/text").asText()).contains("Reported on 2031-03-09.");
        assertThat(slides.get("arrival-n").at("/text/text").asText()).contains("troops: 1,200 (1,000–3,000)");
    }

    @Test
    void aRetractedReportIsShownAsRetractedOnceTheRetractionIsKnown() throws Exception {
        Scenario s = Fixtures.load(Fixtures.EVERY_TYPE);
        Map<String, JsonNode> all = slides(export(s, null));
        assertThat(all.get("false-report").at("/text/headline").asText()).startsWith("[Retracted] ");
        assertThat(all.get("false-report").at("/text/text").asText()).startsWith("<p><strong>Retracted</strong> on 2031-03-16");
        assertThat(all.get("retract").at("/text/headline").asText())
                .isEqualTo("Report retracted: A new contingent lands, says one report");
        Map<String, JsonNode> before = slides(export(s, LocalDate.of(2031, 3, 15)));
        assertThat(before.get("false-report").at("/text/headline").asText()).doesNotContain("Retracted");
        assertThat(before).doesNotContainKey("retract").doesNotContainKey("note");
    }

    @Test
    void textIsEscapedForTheHtmlTimelineJsShows() throws Exception {
        Map<String, JsonNode> slides = slides(export(Fixtures.load(Fixtures.EVERY_TYPE), null));
        String note = slides.get("note").at("/text/text").asText();
        assertThat(note).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
        assertThat(slides.get("protests").at("/text/headline").asText()).isEqualTo("Protests begin; crowds chant &quot;enough&quot;");
    }

    @Test
    void theSameEventsGiveTheSameBytes() {
        Scenario s = Fixtures.load(Fixtures.BASELINE);
        assertThat(TimelineJsExport.toJson(s, KnownEvents.of(s.events(), null)))
                .isEqualTo(TimelineJsExport.toJson(Fixtures.load(Fixtures.BASELINE), KnownEvents.of(s.events(), null)));
    }

    @Test
    void everyEventTypeIsAGroup() throws Exception {
        JsonNode doc = export(Fixtures.load(Fixtures.EVERY_TYPE), null);
        List<String> groups = new java.util.ArrayList<>();
        doc.get("events").forEach(e -> groups.add(e.get("group").asText()));
        assertThat(groups.stream().distinct()).containsExactlyInAnyOrderElementsOf(
                StoryEvent.TYPES.stream().map(Class::getSimpleName).toList());
    }
}
