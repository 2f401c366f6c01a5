package org.crisisreplay.timeline;

import org.crisisreplay.cli.Engine;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.state.State;
import org.crisisreplay.state.StateJson;
import org.crisisreplay.store.Store;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.story.Ledger;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state read from a checkpoint and the events folded after it is the state of the whole fold of
 * its knowledge series, on every day and for every knowledge date around the breakpoints; and the
 * checkpoints of a long story weigh about as much as its events, not days times state.
 */
class CheckpointsTest {

    private static final LocalDate START = ScenarioGenerator.START;

    @TempDir
    Path dir;

    @Test
    void checkpointPlusFoldIsTheWholeFoldOfTheSeries() throws Exception {
        // a generated story with late reports (one retracted later, two arriving on one day) and a retraction of a timely report
        String yaml = ScenarioGenerator.generate("ck", 3000, 120, 4)
                + "  - {id: late-a, on: 2030-02-01, reported: 2030-03-10, type: DetentionsReported, detained: 999, sources: [gen]}\n"
                // a second late report arriving the same day, of an earlier day
                + "  - {id: late-c, on: 2030-01-25, reported: 2030-03-10, type: Note, text: late note, sources: [gen]}\n"
                + "  - {id: late-b, on: 2030-01-20, reported: 2030-02-15, type: FacilityGuarded, contingent: A, "
                + "facility: late site, sources: [gen]}\n"
                + "  - {id: take-e40, on: 2030-03-01, type: ReportRetracted, retracts: e40, sources: [gen]}\n"
                + "  - {id: take-late-b, on: 2030-03-20, type: ReportRetracted, retracts: late-b, sources: [gen]}\n";
        Path file = dir.resolve("ck.yaml");
        Files.writeString(file, yaml);
        Scenario s = new ScenarioAssembler(new ScenarioCatalog(dir)).load(file);
        Path data = dir.resolve("data");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Engine engine = CliHarness.engine(CliHarness.storeUrl(data))) {
            engine.bean(Storylines.class).open(s);
        }
        try (Store store = Store.open(new Store.Location(CliHarness.storeUrl(data), "sa", ""), Duration.ofSeconds(10), quiet)) {
            Timeline timeline = new Timeline(store.sql());
            List<StoryEvent> events = timeline.storedEvents(s.storylineId());
            TreeSet<LocalDate> breakpoints = Knowledge.breakpoints(events);
            assertThat(breakpoints).contains(LocalDate.of(2030, 3, 10), LocalDate.of(2030, 2, 15),
                    LocalDate.of(2030, 3, 1), LocalDate.of(2030, 3, 20));
            long checkpoints = store.sql().query("SELECT COUNT(*) FROM state_checkpoint WHERE storyline_id = ? "
                    + "AND series = ?", rs -> rs.getLong(1), s.storylineId(), Knowledge.BEFORE_ALL).get(0);
            assertThat(checkpoints).as("a long story has checkpoints after its start").isGreaterThan(3);

            List<LocalDate> knowns = new ArrayList<>();
            knowns.add(null);
            for (LocalDate b : breakpoints) {
                knowns.addAll(List.of(b.minusDays(1), b, b.plusDays(1)));
            }
            int compared = 0;
            for (LocalDate k : knowns) {
                LocalDate series = Knowledge.seriesFor(breakpoints, k);
                List<StoryEvent> counted = Knowledge.series(events, series);
                for (LocalDate day = START.minusDays(1); !day.isAfter(s.to().plusDays(1)); day = day.plusDays(1)) {
                    LocalDate upTo = k != null && k.isBefore(day) ? k : day;
                    Ledger whole = new Ledger();
                    for (StoryEvent e : counted) {
                        if (!e.meta().on().isAfter(upTo)) {
                            whole.apply(e);
                        }
                    }
                    assertThat(json(timeline.state(s.storylineId(), day, k)))
                            .as("on %s as known on %s", day, k).isEqualTo(json(State.of(whole, day)));
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(1000);

            // the events of a day, and those reported on it (late reports on the day they arrive), read
            // by the day's range of the stream: as filtering the whole story gives them
            int late = 0;
            for (LocalDate day = START.minusDays(1); !day.isAfter(s.to().plusDays(60)); day = day.plusDays(1)) {
                LocalDate d = day;
                assertThat(timeline.eventsOn(s.storylineId(), day)).as("on %s", day)
                        .containsExactlyElementsOf(events.stream().filter(e -> e.meta().on().equals(d)).toList());
                List<StoryEvent> reported = events.stream().filter(e -> e.meta().reported().equals(d)).toList();
                assertThat(timeline.eventsReportedOn(s.storylineId(), day)).as("reported on %s", day)
                        .containsExactlyElementsOf(reported);
                late += (int) reported.stream().filter(e -> !e.meta().on().equals(d)).count();
            }
            assertThat(late).as("late reports read on the day they arrived").isEqualTo(3);

            // the checkpoints of a series weigh about as much as the events (not days times state)
            long eventChars = store.sql().query("SELECT SUM(OCTET_LENGTH(payload)) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    rs -> rs.getLong(1), s.storylineId()).get(0);
            long checkpointChars = store.sql().query("SELECT SUM(OCTET_LENGTH(ledger)) FROM state_checkpoint "
                    + "WHERE storyline_id = ? AND series = ?", rs -> rs.getLong(1), s.storylineId(), Knowledge.BEFORE_ALL).get(0);
            assertThat(checkpointChars).isLessThan(2 * eventChars);
        }
    }

    @Test
    void aStorylineProjectedByAnOlderVersionIsProjectedAgainWhenOpened() throws Exception {
        Path data = dir.resolve("older");
        String file = "scenarios/kazakhstan-2022.yaml";
        CliHarness.Result first = CliHarness.run(data, "state", file, "--on", "2022-01-12", "--as-known-on", "2022-01-08", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        // as an older version left it: the other layout, none of these checkpoints
        try (Connection c = DriverManager.getConnection(CliHarness.storeUrl(data), "sa", "");
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE storyline SET layout = 1");
            st.executeUpdate("DELETE FROM state_checkpoint");
        }
        CliHarness.Result again = CliHarness.run(data, "state", file, "--on", "2022-01-12", "--as-known-on", "2022-01-08", "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM storyline WHERE layout = " + Timeline.LAYOUT)).isEqualTo(1);
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM state_checkpoint")).isPositive();
    }

    private static String json(State state) {
        return StateJson.body(state).toString();
    }
}
