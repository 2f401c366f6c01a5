package org.crisisreplay;

import org.crisisreplay.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Doors that stay shut because nothing is there to open them, rather than because a setting says
 * so: no XStream to deserialize into arbitrary classes, no expression or script engine behind the
 * rules (conditions are data, compared by plain code), no H2 web console.
 */
class SafeByConstructionTest {

    /** Packages whose use would let a scenario file or a stored event run code. */
    static final List<String> ENGINES = List.of("javax/script", "org/springframework/expression", "groovy/lang",
            "jdk/nashorn", "org/openjdk/nashorn", "org/mvel2", "ognl/", "bsh/");

    @Test
    void xstreamIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void noCompiledClassOfOursReferencesAScriptOrExpressionEngine() throws IOException, URISyntaxException {
        Path classes = Path.of(ScenarioReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> found;
        try (Stream<Path> files = Files.walk(classes.resolve("org/crisisreplay"))) {
            found = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(found).as("compiled classes under " + classes).hasSizeGreaterThan(20);
        List<String> offenders = new ArrayList<>();
        for (Path c : found) {
            // class references sit in the constant pool as plain ASCII names like javax/script/ScriptEngine
            String pool = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            ENGINES.stream().filter(pool::contains).forEach(e -> offenders.add(classes.relativize(c) + " uses " + e));
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void noSourceOfOursEvaluatesExpressionsOrTypesJsonByDefault() throws IOException {
        List<String> forbidden = new ArrayList<>(ENGINES.stream().map(e -> e.replace('/', '.')).toList());
        forbidden.addAll(List.of("ScriptEngine", "SpelExpressionParser", "StandardEvaluationContext",
                "enableDefaultTyping", "activateDefaultTyping", "XStreamSerializer", "com.thoughtworks.xstream"));
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                // comments may name what is avoided (e.g. "no XStream"); code may not use it
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "")
                        .replaceAll("(?m)^\\s*#.*$", "").replaceAll("(?s)<!--.*?-->", "");
                forbidden.stream().filter(code::contains).forEach(w -> offenders.add(f + " mentions " + w));
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theH2WebConsoleIsOff() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = SafeByConstructionTest.class.getResourceAsStream("/application.properties")) {
            assertThat(in).as("application.properties on the classpath").isNotNull();
            settings.load(in);
        }
        assertThat(settings.getProperty("spring.h2.console.enabled")).isEqualTo("false");
    }
}
