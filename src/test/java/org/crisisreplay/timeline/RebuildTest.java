package org.crisisreplay.timeline;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.crisisreplay.cli.Engine;
import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.crisisreplay.support.Tables;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rebuild} writes the read model a run writes live, byte for byte: on the shipped scenarios,
 * a what-if, a generated story with late reports and retractions (several knowledge series), and two
 * contents of one scenario id (its head is the later); in one transaction or in many that cut
 * storylines; and a streaming processor's segments end at the head.
 */
class RebuildTest {

    @TempDir
    Path dir;

    @Test
    void theRebuiltReadModelIsTheOneWrittenLive() throws Exception {
        Path data = dir.resolve("data");
        ok(CliHarness.run(data, "diff", "scenarios/kazakhstan-2022.yaml", "scenarios/what-if/occupiers.yaml", "--json"));
        ok(CliHarness.run(data, "state", "scenarios/bahrain-2011.yaml", "--on", "2011-03-20"));
        Path generated = dir.resolve("gen-rb.yaml");
        String story = ScenarioGenerator.generate("gen-rb", 1500, 90, 7)
                + "  - {id: late-a, on: 2030-02-01, reported: 2030-03-10, type: DetentionsReported, detained: 999, sources: [gen]}\n"
                + "  - {id: late-b, on: 2030-01-20, reported: 2030-02-15, type: FacilityGuarded, contingent: A, "
                + "facility: late site, sources: [gen]}\n"
                + "  - {id: take-e40, on: 2030-03-01, type: ReportRetracted, retracts: e40, sources: [gen]}\n"
                + "  - {id: take-late-b, on: 2030-03-20, type: ReportRetracted, retracts: late-b, sources: [gen]}\n";
        Files.writeString(generated, story);
        ok(CliHarness.run(data, "events", generated.toString()));
        // a second content of the same scenario id, stored later: the scenario's head
        Files.writeString(generated, story.replace("detained: 999", "detained: 998"));
        ok(CliHarness.run(data, "events", generated.toString()));

        List<String> live = Tables.dump(data);
        assertThat(live).anyMatch(r -> r.startsWith("occupiers@")).anyMatch(r -> r.startsWith("bahrain-2011@"));
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM storyline WHERE scenario = 'gen-rb' AND closed")).isEqualTo(2);
        assertThat(live).as("a late report's series").anyMatch(r -> r.startsWith("gen-rb@") && r.contains("| 2030-03-10 | 0001-01-01 |"));
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM story_event WHERE retracted_on IS NOT NULL")).isPositive();

        CliHarness.Result rebuilt = ok(CliHarness.run(data, "rebuild"));
        assertThat(rebuilt.out()).contains("5 storylines");
        assertThat(Tables.dump(data)).containsExactlyElementsOf(live);

        // a processor's segment left behind (a pooled run stopped early), and a rebuild in transactions
        // of a few events, which end inside storylines
        long head = StoreProbe.count(data, "SELECT MAX(globalIndex) FROM DomainEventEntry");
        try (Connection c = DriverManager.getConnection(CliHarness.storeUrl(data), "sa", "");
             Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO TokenEntry (processorName, segment) VALUES ('" + TimelineProjection.GROUP + "', 0)");
            st.executeUpdate("DELETE FROM story_event WHERE seq > 3");
        }
        try (Engine engine = new Engine(new ArrayList<>(List.of("--spring.datasource.url=" + CliHarness.storeUrl(data),
                "--crisis-replay.direct-writes=false")), new PrintStream(OutputStream.nullOutputStream()))) {
            Segments segments = engine.bean(Segments.class);
            assertThat(segments.position(TimelineProjection.GROUP)).isEqualTo(-1);
            List<Long> told = new ArrayList<>();
            new Rebuild(engine.bean(TimelineProjection.class).jdbc(), engine.bean(TransactionManager.class),
                    engine.bean(Timeline.class), segments, 97)
                    .run(engine.bean(EventStore.class).createHeadToken(), Duration.ofMinutes(5), (at, of) -> told.add(at));
            assertThat(segments.position(TimelineProjection.GROUP)).isEqualTo(head);
            assertThat(told).isSorted().last().isEqualTo(head);
        }
        assertThat(Tables.dump(data)).containsExactlyElementsOf(live);
    }

    private static CliHarness.Result ok(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }
}
