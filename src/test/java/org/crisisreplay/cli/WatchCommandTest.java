package org.crisisreplay.cli;

import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watch}: an answer on every save (a diff, or the errors), and nothing of the drafts kept. */
class WatchCommandTest {

    @TempDir
    Path data;

    @TempDir
    Path work;

    @Test
    void answersEverySaveAndKeepsNoDraft() throws Exception {
        Path whatIf = work.resolve("watched.yaml");
        Files.writeString(whatIf, whatIfWithTroops(3000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> Cli.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "watch", whatIf.toString(), "--answers=3", "--spring.datasource.url=" + CliHarness.storeUrl(data)));

        awaitOutput(out, "(check 1)", watching, err);
        assertThat(text(out)).contains("first divergence").contains("| 3,000  [");

        Files.writeString(whatIf, whatIfWithTroops(3500));
        awaitOutput(out, "(check 2)", watching, err);
        String second = text(out).substring(text(out).indexOf("(check 2)"));
        assertThat(second).contains("| 3,500  [").doesNotContain("| 3,000  [");

        Files.writeString(whatIf, whatIfWithTroops(3500).replace("to: {troops: 3500}", "to: {troops: many}"));
        assertThat(watching.get(3, TimeUnit.MINUTES)).as(text(err)).isZero();
        String third = text(out).substring(text(out).indexOf("(check 3)"));
        assertThat(third).containsPattern("watched\\.yaml:\\d+:\\d+: ");

        // the base (kremlin-stalls) is stored once; the drafts are not
        long stored = StoreProbe.eventCount(data);
        CliHarness.Result events = CliHarness.run(data, "events", "scenarios/what-if/kremlin-stalls.yaml", "--json");
        assertThat(events.exit()).isZero();
        assertThat(stored).isEqualTo(events.out().lines().count() + 2);
    }

    /**
     * watch's answer (a draft run in memory, never stored) is {@code diff}'s (both stored and
     * projected), byte for byte: every shipped what-if against its base, as text and as JSON, as
     * {@code diff} printed it in the golden files (GoldenOutputTest holds {@code diff} to them); and,
     * against {@code diff} run here, a what-if of a what-if against its parent and a what-if over a
     * longer period than its base's.
     */
    @Test
    void answersAsDiffDoes() throws Exception {
        record Case(String whatIf, String against, String base, boolean json, boolean golden) {
        }
        // a what-if over a longer period than its base's, starting before it and ending after it
        Path stretched = work.resolve("stretched.yaml");
        Files.writeString(stretched, """
                scenario: stretched
                extends: %s
                period: {from: 2021-12-28, to: 2022-02-10}
                changes:
                  - set: ru-arrival
                    to: {troops: 2500}
                """.formatted(Path.of("scenarios/kazakhstan-2022.yaml").toAbsolutePath()));
        List<Case> cases = List.of(
                new Case("late-appeal", null, "kazakhstan-2022", false, true),
                new Case("kremlin-stalls", null, "kazakhstan-2022", false, true),
                new Case("sanctions-reciprocity", null, "kazakhstan-2022", false, true),
                new Case("gcc-leaves-with-emergency", null, "bahrain-2011", false, true),
                new Case("occupiers", "kazakhstan-2022", "kazakhstan-2022", false, true),
                new Case("occupiers", "kazakhstan-2022", "kazakhstan-2022", true, true),
                new Case("occupiers", null, "kremlin-stalls", false, false),
                new Case(stretched.toString(), null, "kazakhstan-2022", true, false));
        for (Case c : cases) {
            List<String> watch = new ArrayList<>(List.of("watch", c.whatIf(), "--answers=1"));
            if (c.against() != null) {
                watch.add("--against=" + c.against());
            }
            if (c.json()) {
                watch.add("--json");
            }
            CliHarness.Result watched = CliHarness.run(data, watch.toArray(String[]::new));
            assertThat(watched.exit()).as(watched.err()).isZero();
            String header = "== " + Path.of(c.whatIf()).getFileName().toString().replaceAll("\\.yaml$", "") + ".yaml (check 1)\n";
            assertThat(watched.out()).as(c.toString()).startsWith(header);
            assertThat(watched.out().substring(header.length())).as(c.toString()).isEqualTo(diffOutput(c.base(),
                    c.whatIf(), c.json(), c.golden()));
        }
    }

    /** What {@code diff BASE WHATIF} prints: as the golden file holds it, or run now. */
    private String diffOutput(String base, String whatIf, boolean json, boolean golden) throws Exception {
        if (golden) {
            String printed = Files.readString(Path.of("src/test/resources/golden", whatIf + (json ? ".diff-json.txt" : ".diff.txt")));
            assertThat(printed).startsWith("exit 0\n--- stdout\n").endsWith("--- stderr\n");
            return printed.substring("exit 0\n--- stdout\n".length(), printed.length() - "--- stderr\n".length());
        }
        CliHarness.Result diffed = json ? CliHarness.run(data, "diff", base, whatIf, "--json") : CliHarness.run(data, "diff", base, whatIf);
        assertThat(diffed.exit()).as(diffed.err()).isZero();
        return diffed.out();
    }

    /** A draft run in memory is still held to the story's invariants: the break, where it is written. */
    @Test
    void answersABrokenInvariantWithItsPlace() throws Exception {
        Path file = Path.of("src/test/resources/bad/invariant-arrival-after-withdrawn.yaml");
        String expected = Files.readAllLines(file).get(0).replace("# expect: ", "");
        CliHarness.Result watched = CliHarness.run(data, "watch", file.toString(), "--against=kazakhstan-2022", "--answers=1");
        assertThat(watched.exit()).as(watched.err()).isZero();
        assertThat(watched.out()).isEqualTo("== " + file.getFileName() + " (check 1)\n" + file + ":" + expected + "\n");
    }

    private static String whatIfWithTroops(int troops) {
        return """
                scenario: watched
                extends: %s
                changes:
                  - set: ru-arrival
                    to: {troops: %d}
                """.formatted(Path.of("scenarios/what-if/kremlin-stalls.yaml").toAbsolutePath(), troops);
    }

    private static void awaitOutput(ByteArrayOutputStream out, String marker, CompletableFuture<Integer> watching,
                                    ByteArrayOutputStream err) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!text(out).contains(marker)) {
            if (watching.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + marker + ": " + text(out) + text(err));
            }
            Thread.sleep(20);
        }
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
