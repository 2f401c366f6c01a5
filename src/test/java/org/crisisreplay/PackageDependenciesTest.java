package org.crisisreplay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which feature may use which: the story knows nothing but itself; the state is the story seen on a
 * day; the simulation tests rules on the state, not on what the read models render; the read models
 * store and show the story without knowing the scenario language.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/org/crisisreplay");

    @ParameterizedTest(name = "{0} uses nothing of {1}")
    @CsvSource({
            "story, scenario simulation state timeline store cli web",
            "state, scenario simulation timeline store cli web",
            "simulation, timeline cli web",
            "timeline, scenario simulation cli web",
            "formats, simulation store cli web",
    })
    void aPackageUsesOnlyWhatItMay(String pkg, String forbidden) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f, StandardCharsets.UTF_8);
                Arrays.stream(forbidden.split(" "))
                        .filter(other -> code.contains("org.crisisreplay." + other + "."))
                        .forEach(other -> offenders.add(MAIN.relativize(f) + " uses " + other));
            }
        }
        assertThat(offenders).isEmpty();
    }
}
