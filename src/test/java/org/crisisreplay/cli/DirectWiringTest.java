package org.crisisreplay.cli;

import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
