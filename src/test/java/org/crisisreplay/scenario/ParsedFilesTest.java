package org.crisisreplay.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A file is parsed again only when its bytes change; a broken file is refused every time. */
class ParsedFilesTest {

    @Test
    void parsesAgainOnlyWhatChanged(@TempDir Path dir) throws Exception {
        Path base = Path.of("scenarios/kazakhstan-2022.yaml");
        ParsedFiles parsed = new ParsedFiles();
        ScenarioFile first = parsed.read(base, "kazakhstan-2022.yaml");
        assertSame(first, parsed.read(base, "kazakhstan-2022.yaml"), "same bytes: the same parse");
        assertNotSame(first, parsed.read(base, "elsewhere.yaml"), "named otherwise: its errors would name it otherwise");

        Path copy = dir.resolve("copy.yaml");
        String text = Files.readString(base);
        Files.writeString(copy, text);
        ScenarioFile before = parsed.read(copy, "copy.yaml");
        Files.writeString(copy, text.replaceFirst("(?m)^title: .*$", "title: Another title"));
        ScenarioFile after = parsed.read(copy, "copy.yaml");
        assertNotSame(before, after);
        assertEquals("Another title", after.title());

        // assembled with and without the parses kept: the same scenario
        ScenarioCatalog catalog = new ScenarioCatalog(Path.of("scenarios"));
        Path whatIf = Path.of("scenarios/what-if/late-appeal.yaml");
        ScenarioAssembler kept = new ScenarioAssembler(catalog, parsed);
        kept.load(whatIf);
        assertEquals(new ScenarioAssembler(catalog).load(whatIf).storylineId(), kept.load(whatIf).storylineId());

        Files.write(copy, "scenario: [unclosed\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidScenarioException.class, () -> parsed.read(copy, "copy.yaml"));
        assertThrows(InvalidScenarioException.class, () -> parsed.read(copy, "copy.yaml"));
    }
}
