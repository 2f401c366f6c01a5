package org.crisisreplay.golden;

import org.crisisreplay.cli.Cli;
import org.crisisreplay.store.Sql;
import org.crisisreplay.store.Store;
import org.crisisreplay.store.StoreUrl;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.Postgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code copy-store} moves a store from H2 to PostgreSQL and back without loss: the same event rows
 * (global index, ids, sequence, payload bytes, in order), and every verb prints the same as before,
 * answered from the copied streams (nothing is run again: the event count does not move).
 */
@Tag("postgres")
class CopyStoreTest {

    private static final String EVENTS = "SELECT globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier, type, "
            + "payloadType, payloadRevision, timeStamp, payload, metaData FROM DomainEventEntry ORDER BY globalIndex";

    @TempDir
    Path dir;

    /** The golden commands of one crisis and one of its what-ifs: every verb (each form once), a diff among them. */
    private static Map<String, String[]> commands() {
        Map<String, String[]> c = new LinkedHashMap<>();
        GoldenOutputTest.commands().forEach((name, args) -> {
            boolean oneOfEach = !(name.contains(".state-") && !name.contains("2022-01-12"))
                    && !(name.contains(".series-") && !name.contains("mission.status"));
            if ((name.startsWith("kazakhstan-2022.") || name.startsWith("kremlin-stalls.")) && oneOfEach) {
                c.put(name, args);
            }
        });
        return c;
    }

    @Test
    void everyStreamMovesFromH2ToPostgresAndBackWithTheSameAnswers() throws Exception {
        String pg = Postgres.freshStore("copy_test");
        String h2 = CliHarness.storeUrl(dir.resolve("original"));
        String back = dir.resolve("back").resolve("store").toString();

        Map<String, String> before = outputs("--spring.datasource.url=" + h2);
        List<String> rows = rows(new Store.Location(h2, "sa", ""));
        assertThat(rows).hasSizeGreaterThan(100);

        assertThat(cli("copy-store", "--from", h2, "--to", pg)).startsWith("copied " + rows.size() + " events from ");
        assertThat(rows(Postgres.location(pg))).isEqualTo(rows);
        assertThat(outputs("--store", pg)).isEqualTo(before);
        assertThat(rows(Postgres.location(pg))).as("answered from the copy, nothing run again").isEqualTo(rows);

        assertThat(cli("copy-store", "--from", pg, "--to", back)).startsWith("copied " + rows.size() + " events from ");
        Store.Location backAt = StoreUrl.parse(back, Map.of(), "sa", "");
        assertThat(rows(backAt)).isEqualTo(rows);
        assertThat(outputs("--store", back)).isEqualTo(before);
        assertThat(rows(backAt)).isEqualTo(rows);

        // a store that holds events is not a copy's target
        assertThat(run(new String[] {"copy-store", "--from", h2, "--to", pg}).err()).contains("already holds " + rows.size() + " events");
    }

    private Map<String, String> outputs(String... store) {
        Map<String, String> out = new LinkedHashMap<>();
        commands().forEach((name, args) -> {
            List<String> all = new ArrayList<>(Arrays.asList(store));
            all.addAll(List.of(args));
            CliHarness.Result r = run(all.toArray(String[]::new));
            out.put(name, "exit " + r.exit() + "\n" + r.out() + "--- stderr\n" + r.err());
        });
        return out;
    }

    private static String cli(String... args) {
        CliHarness.Result r = run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out();
    }

    private static CliHarness.Result run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliHarness.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every stored event, each as one line of its columns (bytes in hex). */
    private static List<String> rows(Store.Location at) throws Exception {
        try (Connection c = DriverManager.getConnection(at.url(), at.user(), at.password())) {
            HexFormat hex = HexFormat.of();
            return Sql.on(c).query(EVENTS, rs -> {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                byte[] meta = rs.getBytes(10);
                return b.append(hex.formatHex(rs.getBytes(9))).append('|').append(meta == null ? "null" : hex.formatHex(meta)).toString();
            });
        }
    }
}
