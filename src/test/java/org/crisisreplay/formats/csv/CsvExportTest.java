package org.crisisreplay.formats.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.crisisreplay.formats.Fixtures;
import org.crisisreplay.formats.KnownEvents;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.story.StoryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTest {

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(p.getHeaderNames()).containsAll(List.of("event_id", "event_date", "time_precision", "event_type",
                    "sub_event_type", "actor1", "actor2", "location", "source", "notes", "fatalities",
                    "fatalities_low", "fatalities_high", "reported_on", "cameo"));
            return p.getRecords();
        }
    }

    private static Map<String, CSVRecord> byId(List<CSVRecord> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.get("event_id"), Function.identity()));
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.BASELINE, Fixtures.EVERY_TYPE})
    void oneRowPerStoredEventInTheOrderApplied(String file) throws IOException {
        Scenario s = Fixtures.load(file);
        List<CSVRecord> rows = parse(CsvExport.toString(s, KnownEvents.of(s.events(), null)));
        assertThat(rows).extracting(r -> r.get("event_id"))
                .containsExactlyElementsOf(s.events().stream().map(e -> e.meta().id()).toList());
        for (int i = 0; i < rows.size(); i++) {
            StoryEvent e = s.events().get(i);
            CSVRecord r = rows.get(i);
            assertThat(r.get("event_date")).isEqualTo(e.meta().on().toString());
            assertThat(r.get("event_type")).isEqualTo(e.type());
            assertThat(r.get("time_precision")).isEqualTo(e.meta().approx() ? "2" : "1");
            assertThat(r.get("reported_on")).isEqualTo(e.meta().reported().toString());
            assertThat(r.get("source_id")).isEqualTo(String.join("; ", e.meta().sources()));
            assertThat(FormulaGuard.unescape(r.get("notes"))).isEqualTo(e.meta().summary() == null ? "" : e.meta().summary());
            assertThat(r.get("cameo")).as(e.type()).matches(e instanceof StoryEvent.Note ? "" : "\\d{3,4}");
        }
    }

    @Test
    void theFixtureHasEveryEventTypeAndEachButNoteHasACameoCode() throws IOException {
        Scenario s = Fixtures.load(Fixtures.EVERY_TYPE);
        List<CSVRecord> rows = parse(CsvExport.toString(s, KnownEvents.of(s.events(), null)));
        assertThat(rows.stream().map(r -> r.get("event_type")).distinct())
                .containsExactlyInAnyOrderElementsOf(StoryEvent.TYPES.stream().map(Class::getSimpleName).toList());
        rows.forEach(r -> assertThat(r.get("cameo").isEmpty()).as(r.get("event_type"))
                .isEqualTo(r.get("event_type").equals("Note")));
    }

    @Test
    void actorsFiguresAndPlacesGoToTheirAcledColumns() throws IOException {
        Scenario s = Fixtures.load(Fixtures.EVERY_TYPE);
        Map<String, CSVRecord> rows = byId(parse(CsvExport.toString(s, KnownEvents.of(s.events(), null))));
        CSVRecord appeal = rows.get("appeal");
        assertThat(appeal.get("actor1")).isEqualTo("Host, the republic");
        assertThat(appeal.get("actor1_id")).isEqualTo("H");
        assertThat(appeal.get("actor2")).isEqualTo("Alliance");
        CSVRecord killed = rows.get("killed");
        assertThat(List.of(killed.get("fatalities"), killed.get("fatalities_low"), killed.get("fatalities_high")))
                .containsExactly("16", "10", "16");
        assertThat(killed.get("sub_event_type")).isEqualTo("security");
        CSVRecord arrival = rows.get("arrival-n");
        assertThat(List.of(arrival.get("count"), arrival.get("count_low"), arrival.get("count_high")))
                .containsExactly("1200", "1000", "3000");
        assertThat(rows.get("talks").get("actor1")).isEqualTo("Alliance; Neighbour; Far ally");
        assertThat(rows.get("talks").get("location")).isEqualTo("Geneva, the lake side");
        assertThat(rows.get("lifted").get("location")).isEqualTo("all");
        assertThat(rows.get("fired").get("source")).isEqualTo("Wire service, \"Morning\" edition; A newspaper;; evening");
        assertThat(EventTable.split(rows.get("fired").get("source")))
                .containsExactly("Wire service, \"Morning\" edition", "A newspaper; evening");
        assertThat(rows.get("arrival-n").get("claim_source")).isEqualTo("A newspaper;; evening");
    }

    @Test
    void rfc4180QuotingUtf8TextAndLineBreaksSurviveAParser() throws IOException {
        Scenario s = Fixtures.load(Fixtures.EVERY_TYPE);
        String csv = CsvExport.toString(s, KnownEvents.of(s.events(), null));
        assertThat(csv).contains("\r\n").contains("\"Protests begin; crowds chant \"\"enough\"\"\"");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\r");
        Map<String, CSVRecord> rows = byId(parse(csv));
        assertThat(rows.get("protests").get("notes")).isEqualTo("Protests begin; crowds chant \"enough\"");
        assertThat(rows.get("authorized").get("fields")).contains("Gen. Ölçer");
        assertThat(rows.get("statement").get("fields")).contains("We will \\\"stay\\\" as long as needed, then leave");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaAreEscaped() throws IOException {
        Scenario s = Fixtures.load(Fixtures.EVERY_TYPE);
        Map<String, CSVRecord> rows = byId(parse(CsvExport.toString(s, KnownEvents.of(s.events(), null))));
        assertThat(rows.get("blackout").get("notes")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(rows.get("blackout").get("source")).isEqualTo("'=HYPERLINK(\"https://evil.example\")");
        assertThat(rows.get("resign").get("notes")).isEqualTo("'+The cabinet resigns");
        assertThat(rows.get("fired").get("notes")).isEqualTo("'-Dismissed");
        assertThat(rows.get("appeal").get("notes")).isEqualTo("'@The host appeals");
        for (CSVRecord r : rows.values()) {
            for (String cell : r.values()) {
                assertThat(cell).as("a cell of " + r.get("event_id")).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@");
            }
        }
    }

    @Test
    void asKnownOnLeavesOutLaterReportsAndShowsRetractionsKnownByThen() throws IOException {
        Scenario s = Fixtures.load(Fixtures.EVERY_TYPE);
        Map<String, CSVRecord> on8 = byId(parse(CsvExport.toString(s, KnownEvents.of(s.events(), LocalDate.of(2031, 3, 8)))));
        assertThat(on8).containsKey("detained").doesNotContainKey("killed-civil").doesNotContainKey("threat");
        Map<String, CSVRecord> on15 = byId(parse(CsvExport.toString(s, KnownEvents.of(s.events(), LocalDate.of(2031, 3, 15)))));
        assertThat(on15.get("false-report").get("retracted_on")).isEmpty();
        assertThat(on15).containsKey("killed-civil").doesNotContainKey("retract");
        Map<String, CSVRecord> all = byId(parse(CsvExport.toString(s, KnownEvents.of(s.events(), null))));
        assertThat(all.get("false-report").get("retracted_on")).isEqualTo("2031-03-16");
        assertThat(all.get("retract").get("fields")).isEqualTo("{\"retracts\":\"false-report\"}");
    }

    @Test
    void theSameEventsGiveTheSameBytes() {
        Scenario s = Fixtures.load(Fixtures.BASELINE);
        assertThat(CsvExport.toString(s, KnownEvents.of(s.events(), null)))
                .isEqualTo(CsvExport.toString(Fixtures.load(Fixtures.BASELINE), KnownEvents.of(s.events(), null)));
    }
}
