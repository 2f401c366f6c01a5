package org.crisisreplay.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every verb's {@code --help} prints its text as written: a {@code %} in a description is a format
 * specifier to picocli unless doubled, and an undoubled one made picocli print a warning before the
 * help (and keep {@code %n} as it was). Nothing but the usage is printed, on standard output.
 */
class HelpTextTest {

    static Stream<String> verbs() {
        List<String> names = new ArrayList<>(List.of(""));
        for (Class<?> verb : Cli.VERBS) {
            names.add(Cli.nameOf(verb));
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("verbs")
    void helpPrintsTheUsageAndNothingElse(String verb) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream was = System.err;
        int code;
        // picocli warns on the process's own standard error, not on the command line's
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        try {
            String[] args = verb.isEmpty() ? new String[] {"--help"} : new String[] {verb, "--help"};
            code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        } finally {
            System.setErr(was);
        }
        assertThat(code).isZero();
        assertThat(systemErr.toString(StandardCharsets.UTF_8)).doesNotContain("picocli");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        String usage = out.toString(StandardCharsets.UTF_8);
        assertThat(usage).contains("Usage: crisis-replay").doesNotContain("%n").doesNotContain("%%");
        if (verb.equals("generate") || verb.isEmpty()) {
            assertThat(usage.replaceAll("\\s+", " ")).contains("20 % statements, 15 % arrivals");
        }
        if (verb.equals("validate")) {
            assertThat(usage.replaceAll("\\s+", " ")).containsPattern("by more than \\d+ % on the day");
        }
    }
}
