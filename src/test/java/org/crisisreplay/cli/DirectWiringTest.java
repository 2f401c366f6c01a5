package org.crisisreplay.cli;

import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's direct write path (Axon wired by hand, {@link DirectWiring}) stores what the
 * application context stores: the same events (type, payload, revision, sequence) and the same
 * read-model rows, byte for byte, for a baseline and a what-if run over it; and the same answer.
 */
class DirectWiringTest {

    private static final String BASE = "scenarios/kazakhstan-2022.yaml";
    private static final String WHAT_IF = "scenarios/what-if/late-appeal.yaml";

    @TempDir
    Path direct;

    @TempDir
    Path context;

    @Test
    void storesWhatTheApplicationContextStores() throws Exception {
        CliHarness.Result byHand = CliHarness.run(direct, "diff", BASE, WHAT_IF);
        CliHarness.Result bySpring = CliHarness.run(context, "diff", BASE, WHAT_IF, "--crisis-replay.direct-writes=false");
        assertThat(byHand.exit()).as(byHand.err()).isZero();
        assertThat(bySpring.exit()).as(bySpring.err()).isZero();
        assertThat(byHand.out()).isEqualTo(bySpring.out());

        // event ids and time stamps differ from run to run whichever path stores them; neither path
        // adds correlation data to the metadata (StoreConfig.NO_CORRELATION_DATA)
        String events = "SELECT type, aggregateIdentifier, sequenceNumber, payloadType, payloadRevision, "
                + "CAST(payload AS VARCHAR), CAST(metaData AS VARCHAR) FROM DomainEventEntry ORDER BY globalIndex";
        List<String> stored = rows(direct, events);
        assertThat(stored).hasSizeGreaterThan(100).isEqualTo(rows(context, events));
        assertThat(rows(direct, "SELECT DISTINCT CAST(metaData AS VARCHAR) FROM DomainEventEntry")).containsExactly("{}\t");
        for (String readModel : List.of("SELECT * FROM storyline ORDER BY storyline_id",
                "SELECT * FROM scenario_head ORDER BY scenario",
                "SELECT * FROM story_day ORDER BY storyline_id, on_date",
                "SELECT * FROM state_checkpoint ORDER BY storyline_id, series, on_date")) {
            assertThat(rows(direct, readModel)).as(readModel).isNotEmpty().isEqualTo(rows(context, readModel));
        }
        // the same store, read afterwards by the other path, answers the same
        CliHarness.Result again = CliHarness.run(direct, "diff", BASE, WHAT_IF, "--crisis-replay.direct-writes=false",
                "--crisis-replay.plain-reads=false");
        assertThat(again.out()).isEqualTo(byHand.out());
    }

    /**
     * A run long enough that its events are appended a thousand at a time while it still runs
     * ({@code EventStorage.appendWhilePublished}) is stored as the application context stores it.
     */
    @Test
    void aLongRunAppendedWhileItRunsIsStoredTheSame() throws Exception {
        Path story = Files.writeString(direct.resolve("long.yaml"), ScenarioGenerator.generate("long", 3_500, 90, 7));
        CliHarness.Result byHand = CliHarness.run(direct, "state", story.toString(), "--on", "2030-03-01");
        CliHarness.Result bySpring = CliHarness.run(context, "state", story.toString(), "--on", "2030-03-01",
                "--crisis-replay.direct-writes=false");
        assertThat(byHand.exit()).as(byHand.err()).isZero();
        assertThat(byHand.out()).isEqualTo(bySpring.out());
        String events = "SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, payloadType, payloadRevision, "
                + "CAST(payload AS VARCHAR), CAST(metaData AS VARCHAR) FROM DomainEventEntry ORDER BY globalIndex";
        assertThat(rows(direct, events)).hasSize(3_502).isEqualTo(rows(context, events));
        for (String readModel : List.of("SELECT * FROM story_day ORDER BY storyline_id, on_date",
                "SELECT * FROM state_checkpoint ORDER BY storyline_id, series, on_date")) {
            assertThat(rows(direct, readModel)).as(readModel).isNotEmpty().isEqualTo(rows(context, readModel));
        }
    }

    /**
     * A long run that breaks an invariant near its end, after thousands of its events were written
     * ahead of its commit, leaves the store as it was: the writing stops, and the transaction rolls
     * them back.
     */
    @Test
    void aLongRunThatFailsLateLeavesTheStoreAsItWas() throws Exception {
        Path small = Files.writeString(direct.resolve("small.yaml"), ScenarioGenerator.generate("small", 20, 10, 1));
        assertThat(CliHarness.run(direct, "state", small.toString(), "--on", "2030-01-05").exit()).isZero();
        List<String> before = rows(direct, "SELECT globalIndex, aggregateIdentifier, sequenceNumber FROM DomainEventEntry "
                + "ORDER BY globalIndex");
        List<String> readModelBefore = rows(direct, "SELECT * FROM storyline ORDER BY storyline_id");

        // the host's troops never arrived: none of them can leave (the last event, on the last day)
        String broken = ScenarioGenerator.generate("broken", 3_500, 90, 7) + "  - {id: late-break, on: 2030-03-31, "
                + "type: TroopsWithdrawn, contingent: H, troops: 100, sources: [gen]}\n";
        Path story = Files.writeString(direct.resolve("broken.yaml"), broken);
        CliHarness.Result failed = CliHarness.run(direct, "state", story.toString(), "--on", "2030-03-01");
        assertThat(failed.exit()).as(failed.out()).isEqualTo(2);
        assertThat(failed.err()).contains("broken.yaml:").contains("late-break").contains("breaks invariant");
        assertThat(rows(direct, "SELECT globalIndex, aggregateIdentifier, sequenceNumber FROM DomainEventEntry "
                + "ORDER BY globalIndex")).isEqualTo(before);
        assertThat(rows(direct, "SELECT * FROM storyline ORDER BY storyline_id")).isEqualTo(readModelBefore);

        // the numbers the rolled-back events took are not handed out again: they had been written
        Path next = Files.writeString(direct.resolve("next.yaml"), ScenarioGenerator.generate("next", 20, 10, 2));
        assertThat(CliHarness.run(direct, "state", next.toString(), "--on", "2030-01-05").exit()).isZero();
        long first = Long.parseLong(rows(direct, "SELECT MIN(globalIndex) FROM DomainEventEntry "
                + "WHERE aggregateIdentifier LIKE 'next@%'").get(0).trim());
        assertThat(first).isGreaterThan(before.size() + 2_000L);
    }

    @Test
    void everyVerbButServeAndRebuildTakesTheDirectPath() {
        String store = "--spring.datasource.url=" + CliHarness.storeUrl(direct);
        assertThat(engine(store).direct()).isTrue();
        assertThat(engine(store, "--crisis-replay.lock-wait=5").direct()).isTrue();
        assertThat(engine(store, "--crisis-replay.direct-writes=false").direct()).isFalse();
        assertThat(engine(store, "--spring.sql.init.mode=never").direct()).isFalse();
        Engine rebuild = engine(store);
        rebuild.useStreamingProcessor();
        assertThat(rebuild.direct()).isFalse();
        Engine serve = engine(store);
        serve.enableWeb("127.0.0.1", 0);
        assertThat(serve.direct()).isFalse();
    }

    private static Engine engine(String... args) {
        return new Engine(new ArrayList<>(List.of(args)), System.err);
    }

    private static List<String> rows(Path data, String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(CliHarness.storeUrl(data), "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            ResultSetMetaData m = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('\t');
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
