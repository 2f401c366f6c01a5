package org.crisisreplay.golden;

import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every verb on every shipped scenario prints exactly what it printed when its golden file was
 * written: a refactoring cannot change an answer unnoticed. A change of data or of output on
 * purpose regenerates the files, in its own commit, with
 * {@code mvn test -Dtest=GoldenOutputTest -Dgolden.update=true}.
 */
class GoldenOutputTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    static Path data;

    /** name of the golden file → the command line that prints it. */
    static Map<String, String[]> commands() {
        Map<String, String[]> c = new LinkedHashMap<>();
        String kazakhstan = "scenarios/kazakhstan-2022.yaml";
        List<String> kazakhstanDays = List.of("2022-01-05", "2022-01-09", "2022-01-12", "2022-01-19");
        verbs(c, kazakhstan, null, kazakhstanDays);
        for (String w : List.of("kremlin-stalls", "late-appeal", "sanctions-reciprocity", "occupiers")) {
            verbs(c, "scenarios/what-if/" + w + ".yaml", kazakhstan, kazakhstanDays);
        }
        // the second crisis: day 7 of the deployment, the emergency, after it, the July drawdowns
        String bahrain = "scenarios/bahrain-2011.yaml";
        List<String> bahrainDays = List.of("2011-03-20", "2011-04-01", "2011-06-02", "2011-07-04");
        verbs(c, bahrain, null, bahrainDays);
        verbs(c, "scenarios/what-if/gcc-leaves-with-emergency.yaml", bahrain, bahrainDays);
        c.put("schema", new String[] {"schema"});
        return c;
    }

    /** Every verb on one scenario, its state on {@code days}; a what-if is also diffed against {@code base}. */
    private static void verbs(Map<String, String[]> c, String s, String base, List<String> days) {
        String name = Path.of(s).getFileName().toString().replace(".yaml", "");
        c.put(name + ".validate", new String[] {"validate", s});
        c.put(name + ".replay", new String[] {"replay", s});
        c.put(name + ".replay-json", new String[] {"replay", s, "--json"});
        c.put(name + ".replay-unfolded", new String[] {"replay", s, "--as-it-unfolded"});
        c.put(name + ".events", new String[] {"events", s});
        c.put(name + ".events-json", new String[] {"events", s, "--json"});
        c.put(name + ".sources", new String[] {"sources", s});
        c.put(name + ".sources-json", new String[] {"sources", s, "--json"});
        for (String day : days) {
            c.put(name + ".state-" + day, new String[] {"state", s, "--on", day});
            c.put(name + ".state-" + day + "-json", new String[] {"state", s, "--on", day, "--json"});
            c.put(name + ".state-" + day + "-known", new String[] {"state", s, "--on", day, "--as-known-on", day});
        }
        for (String field : List.of("troops.inCountry", "mission.status", "host.detained")) {
            c.put(name + ".series-" + field, new String[] {"series", s, "--field", field});
            c.put(name + ".series-" + field + "-csv", new String[] {"series", s, "--field", field, "--csv"});
        }
        if (base != null) {
            c.put(name + ".diff", new String[] {"diff", base, s});
            c.put(name + ".diff-json", new String[] {"diff", base, s, "--json"});
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVerbPrintsWhatItPrintedBefore() {
        return commands().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            CliHarness.Result r = CliHarness.run(data, e.getValue());
            String printed = "exit " + r.exit() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err();
            Path file = GOLDEN.resolve(e.getKey() + ".txt");
            if (UPDATE) {
                write(file, printed);
            } else {
                assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
                assertThat(printed).as(String.join(" ", e.getValue()))
                        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            }
        }));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
