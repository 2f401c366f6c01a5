package org.crisisreplay.timeline;

import org.axonframework.serialization.json.JacksonSerializer;
import org.crisisreplay.cli.Cli;
import org.crisisreplay.cli.Engine;
import org.crisisreplay.store.Store;
import org.crisisreplay.support.Postgres;
import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.crisisreplay.support.Tables;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM state_checkpoint WHERE skips IS NOT NULL"))
                .as("events a series leaves out").isPositive();
        assertThat(StoreProbe.count(data, "SELECT COUNT(*) FROM story_day WHERE reported_seqs IS NOT NULL"))
                .as("late reports").isPositive();
        // a processor's segment left behind (a pooled run stopped early), rows lost, and a rebuild in
        // transactions of a few events, which end inside storylines
        long head = StoreProbe.count(data, "SELECT MAX(globalIndex) FROM DomainEventEntry");
        try (Connection c = DriverManager.getConnection(CliHarness.storeUrl(data), "sa", "");
             Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO TokenEntry (processorName, segment) VALUES ('" + TimelineProjection.GROUP + "', 0)");
            st.executeUpdate("DELETE FROM story_day WHERE first_seq > 3");
        }
        try (Store store = Store.open(new Store.Location(CliHarness.storeUrl(data), "sa", ""), Duration.ofSeconds(10),
                new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(segments(store)).isEqualTo(-1);
        }
        try (Engine engine = CliHarness.engine(CliHarness.storeUrl(data))) {
            List<Long> told = new ArrayList<>();
            engine.bean(Projections.class).rebuild(Duration.ofMinutes(5), (at, of) -> told.add(at), 97);
            assertThat(told).isSorted().last().isEqualTo(head);
        }
        try (Store store = Store.open(new Store.Location(CliHarness.storeUrl(data), "sa", ""), Duration.ofSeconds(10),
                new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(segments(store)).as("the segment left behind is at the head").isEqualTo(head);
        }
        assertThat(Tables.dump(data)).containsExactlyElementsOf(live);

        // the command, in the transactions it makes
        CliHarness.Result rebuilt = ok(CliHarness.run(data, "rebuild"));
        assertThat(rebuilt.out()).contains("5 storylines");
        assertThat(Tables.dump(data)).containsExactlyElementsOf(live);
    }

    /** On PostgreSQL: the same SQL, the same rows, and a segment left behind moved to the head. */
    @Test
    @Tag("postgres")
    void onPostgresTheRebuiltReadModelIsTheOneWrittenLive() throws Exception {
        String pg = Postgres.freshStore("rebuild_test");
        Store.Location at = Postgres.location(pg);
        ok(cli("diff", "scenarios/kazakhstan-2022.yaml", "scenarios/what-if/occupiers.yaml", "--json", "--store", pg));
        List<String> live = Tables.dump(at);
        assertThat(live).anyMatch(r -> r.startsWith("occupiers@"));
        long head;
        try (Connection c = DriverManager.getConnection(at.url(), at.user(), at.password()); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO TokenEntry (processorName, segment) VALUES ('" + TimelineProjection.GROUP + "', 0)");
            st.executeUpdate("DELETE FROM story_day WHERE first_seq > 3");
            try (var rs = st.executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
                rs.next();
                head = rs.getLong(1);
            }
        }
        assertThat(ok(cli("rebuild", "--store", pg)).out()).contains("2 storylines");
        assertThat(Tables.dump(at)).containsExactlyElementsOf(live);
        try (Store store = Store.open(at, Duration.ofSeconds(10), new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(segments(store)).isEqualTo(head);
        }
    }

    /** The position of the projection's streaming segments, as a processor would read its tokens. */
    private static long segments(Store store) {
        return new Segments(store.sql(), JacksonSerializer.defaultSerializer()).position(TimelineProjection.GROUP);
    }

    private static CliHarness.Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new CliHarness.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CliHarness.Result ok(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }
}
