package org.crisisreplay.e2e;

import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher the build generates (extracted jar, class-data archive) answers exactly as
 * {@code java -jar} does, and a missing or stale archive makes it slower, never wrong.
 */
class LauncherIT {

    private static final String BASELINE = "scenarios/kazakhstan-2022.yaml";
    private static final String WHAT_IF = "scenarios/what-if/late-appeal.yaml";

    @TempDir
    Path data;

    @TempDir
    Path copies;

    @Test
    void theLauncherAnswersByteForByteAsTheJar() {
        // the jar stores the content; the launcher answers from the store
        String replay = ok(JarHarness.run(data, "replay", BASELINE, "--json")).out();
        assertThat(ok(JarHarness.runLauncher(JarHarness.launcher(), data, "replay", BASELINE, "--json")).out())
                .isEqualTo(replay);
        String diff = ok(JarHarness.run(data, "diff", BASELINE, WHAT_IF)).out();
        assertThat(ok(JarHarness.runLauncher(JarHarness.launcher(), data, "diff", BASELINE, WHAT_IF)).out())
                .isEqualTo(diff);
        String state = ok(JarHarness.runLauncher(JarHarness.launcher(), data, "state", BASELINE, "--on", "2022-01-12")).out();
        assertThat(ok(JarHarness.run(data, "state", BASELINE, "--on", "2022-01-12")).out()).isEqualTo(state);
    }

    @Test
    void aMissingOrStaleArchiveIsIgnored() throws IOException {
        // a new story run by the launcher itself: the application context on the archived classes
        String state = ok(JarHarness.runLauncher(JarHarness.launcher(), data, "state", BASELINE, "--on", "2022-01-12")).out();
        assertThat(state).contains("WITHDRAWAL_ANNOUNCED");

        Path launcher = copyOfTheLauncher();
        assertThat(ok(JarHarness.runLauncher(launcher, data, "state", BASELINE, "--on", "2022-01-12")).out())
                .as("no archive").isEqualTo(state);

        Files.write(launcher.resolveSibling("app").resolve("crisis-replay.jsa"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        CliHarness.Result stale = ok(JarHarness.runLauncher(launcher, data, "state", BASELINE, "--on", "2022-01-12"));
        assertThat(stale.out()).as("a broken archive").isEqualTo(state);
        assertThat(stale.err()).isEmpty();
    }

    /** The launcher beside the same extracted jar (linked, not copied), without its archive. */
    private Path copyOfTheLauncher() throws IOException {
        Path original = JarHarness.launcher();
        Path app = Files.createDirectories(copies.resolve("app"));
        Files.createSymbolicLink(app.resolve("crisis-replay.jar"), original.resolveSibling("app").resolve("crisis-replay.jar"));
        Files.createSymbolicLink(app.resolve("lib"), original.resolveSibling("app").resolve("lib"));
        Path launcher = copies.resolve("crisis-replay");
        Files.copy(original, launcher);
        return launcher;
    }

    /** The links go before JUnit cleans up (which would warn about links leaving the temporary folder). */
    @AfterEach
    void unlink() throws IOException {
        Files.deleteIfExists(copies.resolve("app").resolve("crisis-replay.jar"));
        Files.deleteIfExists(copies.resolve("app").resolve("lib"));
    }

    private static CliHarness.Result ok(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }
}
