package org.crisisreplay.scenario;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Field;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing the scenario reader and assembler: whatever bytes come in, a file is either read or
 * refused with an {@link InvalidScenarioException} whose every problem has a line, a column and a
 * message. Any other exception (or error) escaping fails the property. Seeds are fixed and tries
 * bounded so that the run is the same every time and takes seconds.
 */
class ScenarioReaderProperties {

    static final int TRIES = 1000;
    static final Path BASELINE = Path.of("scenarios/kazakhstan-2022.yaml");
    static final Path WORK = Path.of("target", "fuzz");
    static final List<String> LINES = readLines();

    // ---------------------------------------------------------------- the properties

    @Property(tries = TRIES, seed = "20220105", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void aMutatedBaselineIsReadOrRefusedWithPlaces(@ForAll("mutations") List<Mutation> mutations) {
        readOrRefuse(mutate(mutations), "mutated.yaml");
    }

    @Property(tries = TRIES, seed = "20220106", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED)
    void yamlishTextIsReadOrRefusedWithPlaces(@ForAll("yamlish") String text) {
        readOrRefuse(text.getBytes(StandardCharsets.UTF_8), "yamlish.yaml");
    }

    @Property(tries = TRIES, seed = "20220107", generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.BOUNDED,
            edgeCases = EdgeCasesMode.NONE)
    void aScenarioShapedFileIsReadOrRefusedWithPlaces(@ForAll("scenarioShaped") String text) {
        readOrRefuse(text.getBytes(StandardCharsets.UTF_8), "shaped.yaml");
    }

    /** Reads the bytes, and if they read, assembles them from disk; a refusal must say where and what. */
    static void readOrRefuse(byte[] bytes, String name) {
        Path file = WORK.resolve(name);
        try {
            Files.createDirectories(WORK);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ScenarioReader.read(bytes, file, name);
            new ScenarioAssembler(new ScenarioCatalog(Path.of("scenarios"))).load(file);
        } catch (InvalidScenarioException e) {
            assertThat(e.problems()).isNotEmpty();
            for (Problem p : e.problems()) {
                assertThat(p.at().line()).as(p.toString()).isGreaterThanOrEqualTo(1);
                assertThat(p.at().column()).as(p.toString()).isGreaterThanOrEqualTo(1);
                assertThat(p.message()).as(p.toString()).isNotBlank();
            }
        }
    }

    // ---------------------------------------------------------------- mutations of the baseline

    /** One edit of the baseline: {@code where} and {@code what} pick the line, place and replacement. */
    record Mutation(Kind kind, int where, int what) {
    }

    enum Kind {
        DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, SWAP_CHARS, DELETE_CHAR, INSERT_TAB, INSERT_PUNCTUATION,
        INDENT, NUMBER_TO_TEXT, EXTREME_NUMBER, BAD_DATE, BORROW_WORD, MISSPELL_KEY, TRUNCATE, INSERT_BYTE
    }

    static final String PUNCTUATION = ":{}[],&*!|>'\"#-?%@`~ \\";
    static final List<String> WORDS = List.of("many", "all", "~", "null", "true", "[]", "{}", "\"\"", "- x", "&a", "*a",
            "!!binary", "<<", "{after: appeal}", "[1, 2]", "{claims: []}", "{claims: [{value: 1}]}", "2022-01-05", "12:00");
    static final List<String> EXTREMES = List.of("-1", "0", "1.5", "2147483648", "99999999999999999999", "1e9", "0x10",
            "-0", "+7", "1_000", ".5", "36501", "-36501");
    static final List<String> BAD_DATES = List.of("2022-02-30", "2031-02-30", "2022-13-01", "2021-12-31", "2023-01-01",
            "2022-1-5", "0000-01-01", "9999-12-31", "2022-01-00", "20220105");
    static final byte[][] BYTES = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {0}, {7}, {(byte) 0xE2, (byte) 0x80},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0x0D}, {(byte) 0xC2, (byte) 0x85}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}};
    static final Pattern NUMBER = Pattern.compile("(?<![-\\d])\\d{1,6}(?![-\\d:])");
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 20)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    static byte[] mutate(List<Mutation> mutations) {
        List<String> lines = new ArrayList<>(LINES);
        List<Mutation> onBytes = new ArrayList<>();
        for (Mutation m : mutations) {
            if (m.kind() == Kind.TRUNCATE || m.kind() == Kind.INSERT_BYTE) {
                onBytes.add(m);
            } else if (!lines.isEmpty()) {
                edit(lines, m);
            }
        }
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        for (Mutation m : onBytes) {
            int at = m.where() % (bytes.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            if (m.kind() == Kind.INSERT_BYTE) {
                out.writeBytes(BYTES[m.what() % BYTES.length]);
                out.write(bytes, at, bytes.length - at);
            }
            bytes = out.toByteArray();
        }
        return bytes;
    }

    private static void edit(List<String> lines, Mutation m) {
        int i = m.where() % lines.size();
        String line = lines.get(i);
        int col = line.isEmpty() ? 0 : m.what() % line.length();
        switch (m.kind()) {
            case DELETE_LINE -> lines.remove(i);
            case DUPLICATE_LINE -> lines.add(i, line);
            case SWAP_LINES -> {
                int j = m.what() % lines.size();
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case SWAP_CHARS -> {
                if (line.length() > 1) {
                    int c = Math.min(col, line.length() - 2);
                    lines.set(i, line.substring(0, c) + line.charAt(c + 1) + line.charAt(c) + line.substring(c + 2));
                }
            }
            case DELETE_CHAR -> {
                if (!line.isEmpty()) {
                    lines.set(i, line.substring(0, col) + line.substring(col + 1));
                }
            }
            case INSERT_TAB -> lines.set(i, line.substring(0, col) + "\t" + line.substring(col));
            case INSERT_PUNCTUATION -> lines.set(i, line.substring(0, col)
                    + PUNCTUATION.charAt(m.what() % PUNCTUATION.length()) + line.substring(col));
            case INDENT -> lines.set(i, m.what() % 2 == 0 ? " " + line : line.replaceFirst("^ ", ""));
            case NUMBER_TO_TEXT -> lines.set(i, replaceOne(line, NUMBER, WORDS.get(m.what() % WORDS.size()), m.what()));
            case EXTREME_NUMBER -> lines.set(i, replaceOne(line, NUMBER, EXTREMES.get(m.what() % EXTREMES.size()), m.what()));
            case BAD_DATE -> lines.set(i, replaceOne(line, DATE, BAD_DATES.get(m.what() % BAD_DATES.size()), m.what()));
            case BORROW_WORD -> {
                // a word from another line: an id where another id was, a key where a value was...
                Matcher w = WORD.matcher(lines.get(m.what() % lines.size()));
                if (w.find()) {
                    lines.set(i, replaceOne(line, WORD, w.group(), m.what() >> 3));
                }
            }
            case MISSPELL_KEY -> lines.set(i, line.replaceFirst("^(\\s*-?\\s*[a-z_]+?)[a-z](:)", "$1$2"));
            default -> throw new IllegalStateException(m.kind().name());
        }
    }

    /** Replaces the n-th (modulo their number) match of {@code p} in {@code line}. */
    private static String replaceOne(String line, Pattern p, String by, int n) {
        List<int[]> found = new ArrayList<>();
        Matcher m = p.matcher(line);
        while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
        }
        if (found.isEmpty()) {
            return line;
        }
        int[] at = found.get(Math.floorMod(n, found.size()));
        return line.substring(0, at[0]) + by + line.substring(at[1]);
    }

    // ---------------------------------------------------------------- YAML-ish text

    static final List<String> KEYS = List.of("scenario", "title", "period", "from", "to", "sources", "actors", "events",
            "rules", "changes", "extends", "id", "on", "at", "type", "by", "troops", "claims", "value", "source", "best",
            "after", "before", "days", "when", "then", "state", "event", "above", "remove", "shift", "set", "add",
            "contingent", "starts", "within_days", "regions", "retracts", "reported", "approx", "summary", "text");
    static final List<String> VALUES = List.of("kazakhstan-2022", "appeal", "KZ", "RU", "CSTO", "analysis",
            "TroopsArrived", "AssistanceRequested", "WithdrawalAnnounced", "TroopsWithdrawn", "StatementMade", "Note",
            "2022-01-05", "2022-02-30", "1500", "-3", "1.5", "all", "true", "~", "\"23:00\"", "'x'", "mission.status",
            "12345678901234567890");
    static final List<String> SYNTAX = List.of(": ", ":", "- ", "\n", "\n  ", "\n    ", "\n      ", "{", "}", "[", "]",
            ", ", "&a ", "*a", "&b ", "*b", "<<: ", "? ", "!!str ", "!!binary ", "!!map ", "|\n  ", ">\n  ", "---\n",
            "...\n", "%YAML 1.1\n", "# note\n", "\"", "'", "\t", "\r\n", "\\", "\u00e9", "\u2028", "\uFEFF", "@", "`");

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(KEYS)),
                Tuple.of(3, Arbitraries.of(VALUES)),
                Tuple.of(6, Arbitraries.of(SYNTAX)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
        return token.list().ofMaxSize(300).map(ts -> String.join("", ts));
    }

    // ---------------------------------------------------------------- scenario-shaped files

    static final List<String> ANCHORS = List.of("e0", "e1", "e2", "e3", "e5", "e9");
    static final List<String> WRONG = List.of("many", "[]", "{}", "[KZ, [RU]]", "{claims: []}", "-1", "~", "\"\"",
            "{after: e1, days: -2}", "2022-02-30", "12345678901234567890");

    /**
     * Files of the right shape whose events have each type's fields, mostly with values of the right
     * kind (one in ten of another kind), and random extras: such files get past the reader into the
     * assembler's checks (names, anchors, cycles, the period, {@code reported}).
     */
    @Provide
    Arbitrary<String> scenarioShaped() {
        Arbitrary<List<String>> event = Arbitraries.of(EventTypes.all()).flatMap(spec -> {
            List<Arbitrary<String>> parts = new ArrayList<>();
            parts.add(date().map(d -> "on: " + d));
            parts.add(Arbitraries.of("type: " + spec.name()));
            for (EventTypes.FieldSpec f : spec.fields()) {
                Arbitrary<String> v = Arbitraries.frequencyOf(Tuple.of(40, valueOf(f)), Tuple.of(1, Arbitraries.of(WRONG)));
                parts.add(v.map(x -> f.name() + ": " + x).injectNull(f.optional() ? 0.5 : 0.01));
            }
            parts.add(date().map(d -> "reported: " + d).injectNull(0.8));
            parts.add(Arbitraries.of("\"08:00\"", "\"23:59\"", "\"12:30\"", "\"24:00\"").map(t -> "at: " + t).injectNull(0.9));
            parts.add(Arbitraries.of("[analysis]", "[analysis, tass]", "[tass]", "[nope]").map(x -> "sources: " + x)
                    .injectNull(0.5));
            return Combinators.combine(parts).as(ps -> ps.stream().filter(x -> x != null).toList());
        });
        Arbitrary<String> rule = Combinators.combine(
                Arbitraries.of("{event: TroopsArrived}", "{event: StatementMade, where: {by: KZ}}",
                        "{state: mission.daysDeployed, above: 3}", "{state: troops.inCountry.best, below: 1}",
                        "{all: [{event: Note}, {state: mission.status, equals: DEPLOYED}]}",
                        "{any: [{event: Note}, {event: TroopsWithdrawn}]}", "{event: Nope}", "{state: nowhere, equals: 1}",
                        "{any: []}"),
                Arbitraries.of("{type: StatementMade, by: KZ, text: x}", "{type: Note, text: x}",
                        "{type: TroopsWithdrawn, contingent: RU, troops: 5}", "{type: TroopsArrived, contingent: RU, troops: 5}",
                        "{type: ReportRetracted, retracts: e0}", "{type: Note, text: x, on: 2022-01-05}"),
                Arbitraries.integers().between(0, 40), Arbitraries.of("", "\n    repeat: true"))
                .as((when, then, after, repeat) -> "  - id: r" + after + "\n    when: " + when + "\n    after_days: "
                        + after + repeat + "\n    then:\n      - " + then + "\n");
        return Combinators.combine(event.list().ofMinSize(1).ofMaxSize(6), rule.list().ofMaxSize(1),
                        Arbitraries.of("", "period: {from: 2022-01-01, to: 2022-01-31}\n", "period: {from: 2022-01-10, to: 2022-01-20}\n"),
                        Arbitraries.integers().between(0, 20))
                .as((events, rules, period, duplicate) -> {
                    StringBuilder sb = new StringBuilder("scenario: fuzzed\ntitle: Fuzzed\n" + period
                            + "sources:\n  analysis: {title: An analysis}\n  tass: {title: TASS}\n"
                            + "actors:\n  KZ: {name: Kazakhstan}\n  RU: {name: Russia}\n  CSTO: {name: CSTO}\n"
                            + "events:\n");
                    for (int i = 0; i < events.size(); i++) {
                        // ids are unique, but now and then one repeats its neighbour's
                        int id = duplicate == 0 && i > 0 ? i - 1 : i;
                        sb.append("  - id: e").append(id).append('\n');
                        events.get(i).forEach(line -> sb.append("    ").append(line).append('\n'));
                    }
                    if (!rules.isEmpty()) {
                        sb.append("rules:\n");
                        rules.forEach(sb::append);
                    }
                    return sb.toString();
                });
    }

    private static Arbitrary<String> date() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(1, 31).map(d -> String.format("2022-01-%02d", d))),
                Tuple.of(3, Combinators.combine(Arbitraries.of("after", "after", "before"), Arbitraries.of(ANCHORS),
                        Arbitraries.integers().between(0, 5)).as((w, a, n) -> "{" + w + ": " + a + ", days: " + n + "}")),
                Tuple.of(1, Arbitraries.of("2022-02-03", "2021-12-31", "{after: e0}", "{before: e1}")));
    }

    private static Arbitrary<String> valueOf(EventTypes.FieldSpec f) {
        boolean actor = f.ref() == Field.Ref.ACTOR;
        Arbitrary<String> count = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 3000).map(String::valueOf)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 3000), Arbitraries.integers().between(0, 3000),
                        Arbitraries.of("analysis", "tass", "nope")).as((a, b, src) ->
                        "{claims: [{value: " + a + ", source: " + src + "}, {value: " + b + ", source: tass}], best: " + a + "}")));
        return switch (f.kind()) {
            case TEXT -> f.ref() == Field.Ref.EVENT ? Arbitraries.of(ANCHORS)
                    : actor ? Arbitraries.of("KZ", "RU", "CSTO", "KZ", "RU", "CSTO", "KZ", "RU", "CSTO", "XX") : Arbitraries.of("security", "\"Almaty airport\"", "x");
            case TEXT_LIST -> actor ? Arbitraries.of("[KZ, RU]", "[RU, CSTO]", "[KZ]", "[KZ, XX]") : Arbitraries.of("[Almaty, Aktau]", "[Almaty]");
            case INTEGER -> Arbitraries.integers().between(0, 20).map(String::valueOf);
            case DATE -> date();
            case FIGURE -> count;
            case AMOUNT -> Arbitraries.oneOf(count, Arbitraries.of("all"));
            case SELECTION -> Arbitraries.of("all", "[Almaty]", "[Almaty, Aktau]");
        };
    }

    private static List<String> readLines() {
        try {
            return Files.readAllLines(BASELINE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
