package org.crisisreplay.scenario;

import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.StoreProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file under {@code src/test/resources/bad} is a small scenario with one mistake; its first
 * line says what the user must be told: {@code # expect: LINE:COLUMN: message} for a place in the
 * file itself, {@code # expect: OTHER.yaml:LINE:COLUMN: message} for a place in a file next to it,
 * {@code # expect: error: message} for an error found while running that names no place.
 * A few inputs cannot carry a comment (empty, not UTF-8, too big): they are made here, with their
 * expectation. Each is given to {@code validate} and to {@code state} on a store that already
 * holds the baseline: both must refuse it with exit code 2, the exact first line on stderr, no
 * stack trace, and not one event more in the store.
 */
class BadInputCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/bad");
    static final String EXPECT = "# expect: ";
    static final String BASELINE = "scenarios/kazakhstan-2022.yaml";

    /** Expectations of the committed files that cannot hold a comment. */
    static final Map<String, String> WITHOUT_COMMENT = Map.of(
            "empty.yaml", "1:1: the file is empty: a scenario needs at least 'scenario' and 'events'");

    @TempDir
    static Path data;

    @TempDir
    static Path generated;

    static long storedEvents;

    record Case(String name, Path file, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void storeTheBaseline() {
        CliHarness.Result r = CliHarness.run(data, "state", BASELINE, "--on", "2022-01-12");
        assertThat(r.exit()).as(r.err()).isZero();
        storedEvents = StoreProbe.eventCount(data);
        assertThat(storedEvents).isPositive();
    }

    static Stream<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = CORPUS.relativize(file).toString();
                String expectation = WITHOUT_COMMENT.get(name);
                if (expectation == null) {
                    String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
                    assertThat(first).as(name + " starts with its expectation").startsWith(EXPECT);
                    expectation = first.substring(EXPECT.length());
                }
                cases.add(new Case(name, file, expected(file, expectation)));
            }
        }
        return cases.stream();
    }

    /** {@code LINE:COLUMN: message} is in {@code file}; {@code NAME:LINE:COLUMN: message} in its sibling NAME. */
    static String expected(Path file, String expectation) {
        if (expectation.startsWith("error: ")) {
            return expectation;
        }
        String head = expectation.substring(0, expectation.indexOf(':'));
        if (head.chars().allMatch(Character::isDigit)) {
            return file + ":" + expectation;
        }
        return file.resolveSibling(head).normalize() + expectation.substring(head.length());
    }

    static Stream<Case> made() throws IOException {
        String sample = Files.readString(CORPUS.resolve("unknown-top-key.yaml")).replace("titel:", "title:")
                .lines().skip(2).reduce("", (a, b) -> a + b + "\n");
        List<Case> cases = new ArrayList<>();

        // a summary saved in Latin-1: "Tokaïev" has the byte 0xEF, which UTF-8 never has before 'e'
        byte[] latin1 = sample.replace("summary: Tokayev appeals to the CSTO", "summary: Appel de Tokaïev à l'OTSC")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path notUtf8 = write("latin-1.yaml", latin1);
        int line = lineOf(sample, "summary: Tokayev appeals");
        cases.add(new Case("latin-1.yaml", notUtf8, notUtf8 + ":" + line + ":27: byte 0xEF is not UTF-8: save the "
                + "file as UTF-8"));

        // saved as UTF-16 by an editor: the byte order mark is not UTF-8
        byte[] utf16 = ("\uFEFF" + sample).getBytes(StandardCharsets.UTF_16LE);
        Path wide = write("utf-16.yaml", utf16);
        cases.add(new Case("utf-16.yaml", wide, wide + ":1:1: byte 0xFF is not UTF-8: save the file as UTF-8"));

        // about 9 MB: thousands of notes after the sample
        StringBuilder big = new StringBuilder(sample);
        for (int i = 0; big.length() < 9_000_000; i++) {
            big.append("  - {id: note-").append(i).append(", on: 2022-01-20, type: Note, text: \"")
                    .append("A long note that repeats itself to make the file big. ".repeat(4)).append("\"}\n");
        }
        byte[] bigBytes = big.toString().getBytes(StandardCharsets.UTF_8);
        Path tooBig = write("too-big.yaml", bigBytes);
        cases.add(new Case("too-big.yaml", tooBig, tooBig + ":1:1: file is " + bigBytes.length
                + " bytes; the limit is 8388608 bytes (8 MiB)"));

        // one event over the limit of a file, each small enough to stay under 8 MiB
        StringBuilder many = new StringBuilder("scenario: bad-too-many-events\nperiod: {from: 2022-01-01, to: 2022-01-31}"
                + "\nevents:\n");
        for (int i = 0; i <= Limits.MAX_EVENTS; i++) {
            many.append("  - {id: n").append(i).append(", on: 2022-01-20, type: Note, text: x}\n");
        }
        Path tooMany = write("too-many-events.yaml", many.toString().getBytes(StandardCharsets.UTF_8));
        cases.add(new Case("too-many-events.yaml", tooMany, tooMany + ":4:3: too many events: 50001 (the limit is "
                + "50000)"));
        // the limit holds for the story, not each file: a base two events short of it, a what-if of it
        // with one event more, and a what-if of that one adding two
        StringBuilder manyBase = new StringBuilder("scenario: bad-many-base\nperiod: {from: 2022-01-01, to: 2022-01-31}"
                + "\nevents:\n");
        for (int i = 2; i < Limits.MAX_EVENTS; i++) {
            manyBase.append("  - {id: n").append(i).append(", on: 2022-01-20, type: Note, text: x}\n");
        }
        write("many-base.yaml", manyBase.toString().getBytes(StandardCharsets.UTF_8));
        write("many-middle.yaml", ("scenario: bad-many-middle\nextends: many-base.yaml\nevents:\n"
                + "  - {id: m1, on: 2022-01-20, type: Note, text: x}\n").getBytes(StandardCharsets.UTF_8));
        Path manyAdds = write("many-adds.yaml", ("scenario: bad-many-adds\nextends: many-middle.yaml\nchanges:\n"
                + "  - add: {id: x1, on: 2022-01-20, type: Note, text: x}\n"
                + "  - add: {id: x2, on: 2022-01-20, type: Note, text: x}\n").getBytes(StandardCharsets.UTF_8));
        cases.add(new Case("many-adds.yaml", manyAdds, manyAdds + ":5:10: too many events: 50001, counting the "
                + "scenarios it extends (the limit is 50000)"));
        return cases.stream();
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(generated.resolve(name), bytes);
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"corpus", "made"})
    void aBadFileIsRefusedAtItsPlaceAndStoresNothing(Case c) {
        String file = c.file().toString();
        for (String[] verb : List.of(new String[] {"validate", file}, new String[] {"state", file, "--on", "2022-01-12"})) {
            CliHarness.Result r = CliHarness.run(data, verb);
            String what = c.name() + " (" + verb[0] + ")";
            assertThat(r.exit()).as(what + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).as(what).isEqualTo(c.expected());
            for (String output : List.of(r.out(), r.err())) {
                assertThat(output).as(what + ": no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
            }
            assertThat(StoreProbe.eventCount(data)).as(what + ": the store is untouched").isEqualTo(storedEvents);
        }
    }

    @Test
    void theCorpusCoversAtLeastFortyFiveMistakes() throws IOException {
        assertThat(corpus().count() + made().count()).isGreaterThanOrEqualTo(45);
    }
}
