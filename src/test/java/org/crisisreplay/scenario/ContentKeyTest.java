package org.crisisreplay.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The light read finds the storyline the full parse would store, or tells that it cannot. */
class ContentKeyTest {

    private final ScenarioCatalog catalog = new ScenarioCatalog(Path.of("scenarios"));

    @TempDir
    Path work;

    @Test
    void everyShippedScenarioHasTheKeyOfItsFullAssembly() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("scenarios"))) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(3);
        for (Path f : files) {
            assertThat(ContentKey.storylineId(f, catalog)).as(f.toString())
                    .contains(new ScenarioAssembler(catalog).load(f).storylineId());
        }
    }

    @Test
    void aChangeInAFileItExtendsChangesTheKey() throws IOException {
        Path base = work.resolve("base.yaml");
        Files.copy(Path.of("scenarios/kazakhstan-2022.yaml"), base);
        Path whatIf = work.resolve("w.yaml");
        Files.writeString(whatIf, "scenario: w\nextends: base.yaml\nchanges: []\n");
        String before = ContentKey.storylineId(whatIf, catalog).orElseThrow();
        Files.writeString(base, Files.readString(base) + "\n# a comment\n");
        assertThat(ContentKey.storylineId(whatIf, catalog)).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void whatTheLightReadCannotFollowHasNoKey() throws IOException {
        Path flow = work.resolve("flow.yaml");
        Files.writeString(flow, "{scenario: flow, title: x}\n");
        assertThat(ContentKey.storylineId(flow, catalog)).isEmpty();
        Path twice = work.resolve("twice.yaml");
        Files.writeString(twice, "scenario: a\nscenario: b\n");
        assertThat(ContentKey.storylineId(twice, catalog)).isEmpty();
        Path odd = work.resolve("odd.yaml");
        Files.writeString(odd, "scenario: odd\nextends : base.yaml\n");
        assertThat(ContentKey.storylineId(odd, catalog)).isEmpty();
    }

    @Test
    void theLineScanFindsWhatARegexOverTheWholeTextFinds() {
        java.util.regex.Pattern[] patterns = {
                java.util.regex.Pattern.compile("(?m)^scenario:[ \\t]*(['\"]?)([a-z0-9][a-z0-9-]*)\\1[ \\t]*(#.*)?\\r?$"),
                java.util.regex.Pattern.compile("(?m)^extends\\s*:")};
        String[] words = {"scenario:", "extends"};
        String[] pieces = {"scenario: a-1", "scenario:b", "extends: x.yaml", "extends\n:", "extends :", " extends: y",
                "# scenario: c", "\n", "\r\n", "\r", "\u2028", "\u0085", "  ", "'", "\"", "title: t", "x"};
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            for (int w = 0; w < words.length; w++) {
                List<String> expected = new java.util.ArrayList<>();
                java.util.regex.Matcher m = patterns[w].matcher(text);
                while (m.find()) {
                    expected.add(m.start() + ":" + m.group());
                }
                List<String> found = ContentKey.atLineStarts(text.toString(), words[w], patterns[w]).stream()
                        .map(x -> x.start() + ":" + x.group()).toList();
                assertThat(found).as("%s in %s", words[w], text.toString().replace("\n", "\\n").replace("\r", "\\r"))
                        .isEqualTo(expected);
            }
        }
    }
}
