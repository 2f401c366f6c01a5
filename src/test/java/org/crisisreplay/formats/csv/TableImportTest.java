package org.crisisreplay.formats.csv;

import org.crisisreplay.formats.Fixtures;
import org.crisisreplay.formats.KnownEvents;
import org.crisisreplay.formats.KnownStates;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Problem;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import, in process: the scenario it writes is assembled here (the command also runs it); the
 * round trip through {@code export --format csv} keeps every state answer.
 */
class TableImportTest {

    private static final String TABLES = "src/test/resources/formats/tables/";

    @TempDir
    Path dir;

    private TableImport.Result importTable(byte[] table, String name, Mapping mapping, boolean skipBad) {
        return TableImport.run(new TableImport.Request(table, name, mapping, dir.resolve("imported.yaml"), skipBad), s -> {
        });
    }

    private TableImport.Result importFile(String file, boolean skipBad) throws IOException {
        return importTable(Files.readAllBytes(Path.of(file)), file, Mapping.defaults(), skipBad);
    }

    private Scenario assemble(TableImport.Result r) throws IOException {
        Path out = dir.resolve("imported.yaml");
        Files.writeString(out, r.yaml(), StandardCharsets.UTF_8);
        return new ScenarioAssembler(new ScenarioCatalog(dir)).load(out);
    }

    private static List<String> problems(Throwable t) {
        return ((InvalidScenarioException) t).problems().stream().map(Problem::toString).toList();
    }

    private Scenario roundTrip(Scenario original) throws IOException {
        String csv = CsvExport.toString(original, KnownEvents.of(original.events(), null));
        TableImport.Result r = importTable(csv.getBytes(StandardCharsets.UTF_8), "export.csv", Mapping.defaults(), false);
        assertThat(r.warnings()).isEmpty();
        Scenario back = assemble(r);
        back.sources().forEach((id, source) -> {
            assertThat(source.title()).as(id).isEqualTo(original.sources().get(id).title());
            assertThat(source.url()).as(id).isEqualTo(original.sources().get(id).url());
        });
        return back;
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.BASELINE, Fixtures.EVERY_TYPE})
    void anExportedTableImportsBackToTheSameStateOnEveryDayAsKnownOnEveryDay(String file) throws IOException {
        Scenario original = Fixtures.load(file);
        Scenario back = roundTrip(original);
        assertThat(back.events()).extracting(e -> e.meta().id())
                .containsExactlyElementsOf(original.events().stream().map(e -> e.meta().id()).toList());
        int compared = 0;
        for (LocalDate day = original.from(); !day.isAfter(original.to()); day = day.plusDays(1)) {
            assertThat(KnownStates.state(back.events(), day, null)).as("hindsight on " + day)
                    .isEqualTo(KnownStates.state(original.events(), day, null));
            for (LocalDate k = original.from(); !k.isAfter(original.to()); k = k.plusDays(1)) {
                assertThat(KnownStates.state(back.events(), day, k)).as("on " + day + " as known on " + k)
                        .isEqualTo(KnownStates.state(original.events(), day, k));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.BASELINE, Fixtures.EVERY_TYPE})
    void aTableExportedAsKnownOnADayImportsToWhatWasKnownThen(String file) throws IOException {
        Scenario original = Fixtures.load(file);
        for (LocalDate k = original.from(); !k.isAfter(original.to()); k = k.plusDays(4)) {
            String csv = CsvExport.toString(original, KnownEvents.of(original.events(), k));
            List<StoryEvent> known = assemble(importTable(csv.getBytes(StandardCharsets.UTF_8), "export.csv",
                    Mapping.defaults(), false)).events();
            for (LocalDate day = original.from(); !day.isAfter(original.to()); day = day.plusDays(1)) {
                assertThat(KnownStates.state(known, day, null)).as("on " + day + " as known on " + k)
                        .isEqualTo(KnownStates.state(original.events(), day, k));
            }
        }
    }

    @Test
    void textThatMeansSomethingInYamlStaysText() throws IOException {
        String csv = "event_id,event_date,event_type,notes\n"
                + "a,2031-01-01,Note,\"!!java.net.URL [\"\"http://x\"\"]\"\n"
                + "b,2031-01-02,Note,\"{a: b} *alias &anchor # not a comment\"\n"
                + "c,2031-01-03,Note,\"null\"\n";
        Scenario s = assemble(importTable(csv.getBytes(StandardCharsets.UTF_8), "t.csv", Mapping.defaults(), false));
        assertThat(s.events()).extracting(e -> ((StoryEvent.Note) e).text())
                .containsExactly("!!java.net.URL [\"http://x\"]", "{a: b} *alias &anchor # not a comment", "null");
    }

    @Test
    void theRoundTripKeepsEveryEventWhole() throws IOException {
        Scenario original = Fixtures.load(Fixtures.EVERY_TYPE);
        Scenario back = roundTrip(original);
        for (int i = 0; i < original.events().size(); i++) {
            StoryEvent a = original.events().get(i);
            StoryEvent b = back.events().get(i);
            assertThat(EventJson.of(b, null)).as(a.meta().id()).isEqualTo(EventJson.of(a, null));
        }
        assertThat(back.sources().get("radio").title()).isEqualTo("=HYPERLINK(\"https://evil.example\")");
        assertThat(back.actors().get("H").name()).isEqualTo("Host, the republic");
    }

    @Test
    void anAcledTableBecomesEventsOfTheLanguageWithTheirSources() throws IOException {
        TableImport.Result r = importFile(TABLES + "acled-sample.csv", false);
        assertThat(r.warnings()).isEmpty();
        Scenario s = assemble(r);
        Map<String, StoryEvent> byId = s.events().stream().collect(Collectors.toMap(e -> e.meta().id(), Function.identity()));
        assertThat(byId.get("XYZ1")).isInstanceOfSatisfying(StoryEvent.ProtestsBegan.class,
                p -> assertThat(p.places()).containsExactly("Port", "Capital"));
        assertThat(byId.get("XYZ2")).isInstanceOfSatisfying(StoryEvent.CasualtiesReported.class, c -> {
            assertThat(c.category()).isEqualTo("battles");
            assertThat(c.killed().bestValue()).isEqualTo(12);
        });
        assertThat(byId.get("XYZ2").meta().approx()).isTrue();
        assertThat(byId.get("XYZ2").meta().sources()).containsExactly("Wire-A", "Paper-B");
        assertThat(byId.get("XYZ3").meta().summary()).isEqualTo("Attack on a market; =1+1 is not a formula here.");
        assertThat(byId.get("XYZ4")).isInstanceOf(StoryEvent.Note.class);
        assertThat(s.sources().get("Radio-C").title()).isEqualTo("Radio C");
    }

    @Test
    void aTableWithLowAndHighGetsClaimsFromTheRowsSource() throws IOException {
        String csv = "event_id,event_date,event_type,actor1,source,count,count_low,count_high\n"
                + "b,2031-01-02,TroopsArrived,Blue force,W,120,100,150\n";
        Scenario s = assemble(importTable(csv.getBytes(StandardCharsets.UTF_8), "t.csv", Mapping.defaults(), false));
        StoryEvent.TroopsArrived b = (StoryEvent.TroopsArrived) s.events().get(0);
        assertThat(b.contingent()).isEqualTo("Blue-force");
        assertThat(b.troops().bestValue()).isEqualTo(120);
        assertThat(b.troops().claims()).extracting(c -> c.value() + " " + c.source()).containsExactly("100 W", "150 W");
        assertThat(s.actors().get("Blue-force").name()).isEqualTo("Blue force");
    }

    @Test
    void aWhatIfsOwnSourceIdBecomesOneTheImportedFileMayDeclare() throws IOException {
        String csv = "event_id,event_date,event_type,source_id,source,fields,claim_source\n"
                + "a,2031-01-02,TroopsArrived,what-if:bigger,the what-if itself,"
                + "\"{\"\"contingent\"\":\"\"B\"\",\"\"troops\"\":{\"\"claims\"\":[{\"\"value\"\":300,\"\"source\"\":\"\"scenario:base\"\"}],"
                + "\"\"best\"\":300}}\",the base's rules\n";
        Scenario s = assemble(importTable(csv.getBytes(StandardCharsets.UTF_8), "t.csv", Mapping.defaults(), false));
        StoryEvent.TroopsArrived a = (StoryEvent.TroopsArrived) s.events().get(0);
        assertThat(a.meta().sources()).containsExactly("what-if.bigger");
        assertThat(a.troops().claims()).extracting(c -> c.source()).containsExactly("scenario.base");
        assertThat(s.sources().get("what-if.bigger").title()).isEqualTo("the what-if itself");
        assertThat(s.sources().get("scenario.base").title()).isEqualTo("the base's rules");
    }

    @Test
    void aRangeWithoutASourceIsAnErrorAtItsCell() {
        String csv = "event_id,event_date,event_type,count,count_low,count_high\nb,2031-01-02,DetentionsReported,120,100,150\n";
        assertThatThrownBy(() -> importTable(csv.getBytes(StandardCharsets.UTF_8), "t.csv", Mapping.defaults(), false))
                .satisfies(t -> assertThat(problems(t)).containsExactly(
                        "t.csv:2:4: a range (count_low, count_high) needs a source to attribute its claims to, and the row names none"));
    }

    @Test
    void everyBadRowIsAnErrorAtItsRowAndColumn() {
        assertThatThrownBy(() -> importFile(TABLES + "bad-rows.csv", false)).satisfies(t -> assertThat(problems(t))
                .containsExactly(
                        TABLES + "bad-rows.csv:3:2: '2031-13-01' is not a date of the form YYYY-MM-DD",
                        TABLES + "bad-rows.csv:4:3: unknown event type 'ProtestBegan' (did you mean 'ProtestsBegan'?): "
                                + "name an event type or map it in the mapping's 'types'",
                        TABLES + "bad-rows.csv:5:8: '-5' is negative; a count is 0 or more",
                        TABLES + "bad-rows.csv:7:1: event id 'bad id' may hold only letters, digits and _ . - "
                                + "(and start with a letter or digit)"));
    }

    @Test
    void skipBadLeavesOutTheBadRowsWithAWarningForEach() throws IOException {
        TableImport.Result r = importFile(TABLES + "bad-rows.csv", true);
        assertThat(r.events()).isEqualTo(2);
        assertThat(r.warnings()).hasSize(4).allSatisfy(w -> assertThat(w.message()).endsWith("; row skipped"));
        assertThat(r.warnings()).extracting(w -> w.at().line()).containsExactly(3, 4, 5, 7);
        assertThat(assemble(r).events()).extracting(e -> e.meta().id()).containsExactly("ok-1", "ok-2");
        assertThat(r.yaml()).contains("  Wire:\n");
    }

    @Test
    void aSkippedRowsSourcesAndActorsAreNotDeclared() throws IOException {
        String csv = "event_id,event_date,event_type,actor1,location,source,notes\n"
                + "ok,2031-01-01,StatementMade,Blue force,,Wire,We stay\n"
                + "bad,2031-13-01,StatementMade,Red force,,Lonely paper,We go\n";
        TableImport.Result r = importTable(csv.getBytes(StandardCharsets.UTF_8), "t.csv", Mapping.defaults(), true);
        Scenario s = assemble(r);
        assertThat(s.sources()).containsOnlyKeys("Wire");
        assertThat(s.actors()).containsOnlyKeys("Blue-force");
    }

    @Test
    void aRowBrokenByASkippedRowIsSkippedTooWithItsOwnWarning() throws IOException {
        String csv = "event_id,event_date,event_type,location,fields\n"
                + "x,2031-01-01,ProtestsBegan,,\n"
                + "y,2031-01-02,Note,,\"{\"\"text\"\":\"\"fine\"\"}\"\n"
                + "z,2031-01-03,ReportRetracted,,\"{\"\"retracts\"\":\"\"x\"\"}\"\n";
        assertThatThrownBy(() -> importTable(csv.getBytes(StandardCharsets.UTF_8), "t.csv", Mapping.defaults(), false))
                .satisfies(t -> assertThat(problems(t)).containsExactly("t.csv:2:4: ProtestsBegan needs 'places': the cell is empty"));
        TableImport.Result r = importTable(csv.getBytes(StandardCharsets.UTF_8), "t.csv", Mapping.defaults(), true);
        assertThat(r.events()).isEqualTo(1);
        assertThat(r.warnings()).extracting(Problem::toString).containsExactly(
                "t.csv:2:4: ProtestsBegan needs 'places': the cell is empty; row skipped",
                "t.csv:4:3: unknown event 'x' (did you mean 'y'?); row skipped");
    }

    @Test
    void aTableNotInUtf8IsRefusedAtTheFirstBadByte() {
        byte[] latin1 = "event_id,event_date,event_type,location\na,2031-01-01,ProtestsBegan,Zhanaözen\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> importTable(latin1, "t.csv", Mapping.defaults(), true)).satisfies(t -> assertThat(problems(t))
                .containsExactly("t.csv:2:33: not UTF-8: byte 0xF6 cannot be read as UTF-8 text; save the table as UTF-8 "
                        + "(it looks like Latin-1 or Windows-1252)"));
        byte[] utf16 = "event_id,event_date\n".getBytes(StandardCharsets.UTF_16);
        assertThatThrownBy(() -> importTable(utf16, "t.csv", Mapping.defaults(), false)).satisfies(t -> assertThat(problems(t))
                .containsExactly("t.csv:1:1: the table is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"));
    }

    @Test
    void aByteOrderMarkAsSpreadsheetsWriteItIsSkipped() throws IOException {
        byte[] csv = "\uFEFFevent_id,event_date,event_type,location\na,2031-01-01,ProtestsBegan,Port\n".getBytes(StandardCharsets.UTF_8);
        assertThat(assemble(importTable(csv, "t.csv", Mapping.defaults(), false)).events()).hasSize(1);
    }

    @Test
    void missingColumnsAreNamedWithTheClosestColumnOfTheHeader() {
        byte[] csv = "event_id,event_dat,type\na,2031-01-01,Note\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importTable(csv, "t.csv", Mapping.defaults(), true)).satisfies(t -> assertThat(problems(t))
                .containsExactly(
                        "t.csv:1:1: missing column 'event_date' (the date column of (default) acled-mapping.yaml) "
                                + "(did you mean 'event_dat'?); the header has: event_id, event_dat, type",
                        "t.csv:1:1: missing column 'event_type' (the type column of (default) acled-mapping.yaml); "
                                + "the header has: event_id, event_dat, type"));
    }

    @Test
    void anEmptyTableOrAColumnNamedTwiceIsAnErrorAtTheHeader() {
        assertThatThrownBy(() -> importTable(new byte[0], "t.csv", Mapping.defaults(), true)).satisfies(t -> assertThat(problems(t))
                .containsExactly("t.csv:1:1: the table is empty: its first row names the columns"));
        byte[] twice = "event_id,event_date,event_date,event_type\na,2031-01-01,2031-01-01,Note\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importTable(twice, "t.csv", Mapping.defaults(), true)).satisfies(t -> assertThat(problems(t))
                .containsExactly("t.csv:1:1: the header names the column 'event_date' twice"));
    }

    @Test
    void aRowWithTooFewCellsIsAnError() {
        byte[] csv = "event_id,event_date,event_type,location\na,2031-01-01,ProtestsBegan\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importTable(csv, "t.csv", Mapping.defaults(), false)).satisfies(t -> assertThat(problems(t))
                .containsExactly("t.csv:2:4: the row has 3 cells, the header 4"));
    }

    @Test
    void quotesInsideAQuotedCellAreReadWhenDoubledAndRefusedWhenNot() throws IOException {
        String table = Files.readString(Path.of(TABLES + "quotes-in-quotes.csv"));
        String good = table.substring(0, table.indexOf("b,"));
        Scenario s = assemble(importTable(good.getBytes(StandardCharsets.UTF_8), "q.csv", Mapping.defaults(), false));
        assertThat(s.events().get(0).meta().summary()).isEqualTo("She said \"go\" and left");
        assertThatThrownBy(() -> importFile(TABLES + "quotes-in-quotes.csv", true)).satisfies(t -> assertThat(problems(t))
                .singleElement().asString().startsWith(TABLES + "quotes-in-quotes.csv:3:1: not a valid CSV table (RFC 4180: "
                        + "a quote inside a quoted cell is written twice, \"\")"));
    }

    @Test
    void aCustomMappingReadsItsOwnColumnsAndDates() throws IOException {
        Mapping m = Mapping.read(Files.readString(Path.of(TABLES + "custom-mapping.yaml")), "custom-mapping.yaml");
        Scenario s = assemble(importTable(Files.readAllBytes(Path.of(TABLES + "custom.csv")), "custom.csv", m, false));
        assertThat(s.events()).extracting(e -> e.meta().id() + " " + e.meta().on() + " " + e.type())
                .containsExactly("row-2 2031-06-01 ProtestsBegan", "row-3 2031-06-02 DetentionsReported");
        assertThat(s.events().get(1).meta().sources()).containsExactly("Local-radio");
    }

    @Test
    void aBadMappingIsRefusedAtItsLinesWithSuggestions() {
        assertThatThrownBy(() -> Mapping.read(Files.readString(Path.of(TABLES + "bad-mapping.yaml")), "bad-mapping.yaml"))
                .satisfies(t -> assertThat(problems(t)).containsExactly(
                        "bad-mapping.yaml:3:3: unknown column key 'typ' (did you mean 'type'?); known: id, date, time, "
                                + "precision, type, reported, summary, source_ids, source_titles, source_urls, claim_source_titles, claim_source_urls, fields",
                        "bad-mapping.yaml:5:10: 'ProtestBegan' is not an event type (did you mean 'ProtestsBegan'?); give the rule a 'type'",
                        "bad-mapping.yaml:1:1: 'columns' must name the 'type' column"));
    }

    @Test
    void aHundredThousandRowTableIsRefusedAtTheRowThatPassesTheLimitOfAScenario() {
        StringBuilder sb = new StringBuilder("event_id,event_date,event_type,location,source,notes\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append("e").append(i).append(",2031-01-").append(String.format("%02d", 1 + i % 28))
                    .append(",ProtestsBegan,Port,Wire,Protest number ").append(i).append('\n');
        }
        byte[] table = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importTable(table, "big.csv", Mapping.defaults(), true)).satisfies(t -> assertThat(problems(t))
                .singleElement().asString().matches("big\\.csv:\\d+:1: (the table has more than 50000 events|from this row on "
                        + "the scenario would pass 8388608 bytes).*split.*"));
    }

    @Test
    void aTableOfFiveThousandRowsImportsWhole() {
        StringBuilder sb = new StringBuilder("event_id,event_date,event_type,location,source,notes\n");
        for (int i = 0; i < 5_000; i++) {
            sb.append("e").append(i).append(",2031-01-").append(String.format("%02d", 1 + i % 28))
                    .append(",ProtestsBegan,Port,Wire,Protest ").append(i).append('\n');
        }
        TableImport.Result r = importTable(sb.toString().getBytes(StandardCharsets.UTF_8), "big.csv", Mapping.defaults(), false);
        // the import has assembled what it wrote: the scenario holds every row
        assertThat(r.events()).isEqualTo(5_000);
        assertThat(r.yaml().lines().filter(l -> l.startsWith("  - {id: e")).count()).isEqualTo(5_000);
    }
}
