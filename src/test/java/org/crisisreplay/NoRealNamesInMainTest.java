package org.crisisreplay;

import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Field;
import org.crisisreplay.story.Selection;
import org.crisisreplay.story.StoryEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine is generic: nothing in main (code, help texts, resources, the web page) names a real
 * country, person or place. The names are those the shipped scenarios use: their actors' names and
 * ids, and the proper names in the text fields of their events (people, places, regions,
 * facilities). An actor id is a short code ("AB") that code may hold for other reasons (SQL's
 * {@code ORDER BY}), so it counts only where it would be a name: quoted, or a part of a path.
 */
class NoRealNamesInMainTest {

    private static final Path MAIN = Path.of("src/main");

    @Test
    void mainNamesNoActorPersonOrPlaceOfTheShippedScenarios() throws IOException {
        Set<String> names = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        for (Scenario s : shippedScenarios()) {
            s.actors().values().forEach(a -> {
                codes.add(a.id());
                names.add(a.name());
            });
            for (StoryEvent e : s.events()) {
                EventTypes.TypeSpec spec = EventTypes.get(e.type());
                for (Map.Entry<String, Object> f : EventTypes.fieldsOf(e).entrySet()) {
                    if (spec.field(f.getKey()).ref() == Field.Ref.NONE) {
                        properNames(f.getValue(), names);
                    }
                }
            }
        }
        assertThat(codes).as("the actors of the shipped scenarios").isNotEmpty();
        assertThat(names).as("the names in the shipped scenarios").isNotEmpty();
        List<Pattern> patterns = new ArrayList<>();
        names.forEach(n -> patterns.add(Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(n) + "(?![\\p{L}\\d])")));
        codes.forEach(c -> patterns.add(Pattern.compile("(?<=[\"'.`])" + Pattern.quote(c) + "(?![\\p{L}\\d_-])")));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    for (Pattern p : patterns) {
                        var m = p.matcher(lines.get(i));
                        if (m.find()) {
                            found.add(f + ":" + (i + 1) + ": '" + m.group() + "'");
                        }
                    }
                }
            }
        }
        assertThat(found).as("real names belong in scenarios/*.yaml only").isEmpty();
    }

    private static List<Scenario> shippedScenarios() throws IOException {
        ScenarioAssembler assembler = new ScenarioAssembler(new ScenarioCatalog(Path.of("scenarios")));
        try (Stream<Path> files = Files.walk(Path.of("scenarios"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(assembler::load).toList();
        }
    }

    /** Text that starts with a capital and is short enough to be a name rather than a sentence. */
    private static void properNames(Object value, Set<String> out) {
        if (value instanceof String s && s.length() <= 60 && Character.isUpperCase(s.codePointAt(0))) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            list.forEach(v -> properNames(v, out));
        } else if (value instanceof Selection sel && !sel.all()) {
            sel.items().forEach(v -> properNames(v, out));
        }
    }
}
