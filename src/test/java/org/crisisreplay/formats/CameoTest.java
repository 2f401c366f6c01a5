package org.crisisreplay.formats;

import org.crisisreplay.story.StoryEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CameoTest {

    @Test
    void everyEventTypeButNoteHasACode() {
        for (Class<? extends StoryEvent> type : StoryEvent.TYPES) {
            assertThat(Cameo.of(type).isPresent()).as(type.getSimpleName()).isEqualTo(type != StoryEvent.Note.class);
        }
    }

    @Test
    void theReadmeTableIsTheTableTheExportUses() throws IOException {
        Pattern row = Pattern.compile("^\\| `(\\w+)` \\| (\\d{3,4}|—) \\| (.+) \\|$");
        Map<String, String> readme = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                readme.put(m.group(1), m.group(2) + " " + m.group(3));
            }
        }
        Map<String, String> code = new LinkedHashMap<>();
        for (Class<? extends StoryEvent> type : StoryEvent.TYPES) {
            code.put(type.getSimpleName(), Cameo.of(type).map(c -> c.code() + " " + c.name()).orElse("— —"));
        }
        assertThat(readme).containsExactlyEntriesOf(code);
    }
}
