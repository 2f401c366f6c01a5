package org.crisisreplay.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar as a user would, from the repository root, against a store of the test's own. */
public final class JarHarness {

    private JarHarness() {
    }

    public static Path jar() {
        String p = System.getProperty("crisis-replay.jar", "target/crisis-replay.jar");
        return Path.of(p).toAbsolutePath();
    }

    /** The launcher the build generates beside the jar (target/crisis-replay). */
    public static Path launcher() {
        String p = System.getProperty("crisis-replay.launcher", "target/crisis-replay");
        return Path.of(p).toAbsolutePath();
    }

    public static List<String> command(Path dataDir, String... args) {
        return command(List.of("java", "-jar", jar().toString()), dataDir, args);
    }

    public static List<String> command(List<String> program, Path dataDir, String... args) {
        List<String> cmd = new ArrayList<>(program);
        cmd.addAll(List.of(args));
        cmd.add("--spring.datasource.url=" + CliHarness.storeUrl(dataDir));
        return cmd;
    }

    public static CliHarness.Result run(Path dataDir, String... args) {
        return run(command(dataDir, args), args);
    }

    /** Runs the launcher (or a copy of it) as a user would. */
    public static CliHarness.Result runLauncher(Path launcher, Path dataDir, String... args) {
        return run(command(List.of(launcher.toString()), dataDir, args), args);
    }

    private static CliHarness.Result run(List<String> command, String... args) {
        try {
            Path out = Files.createTempFile("crisis-replay-out", ".txt");
            Path err = Files.createTempFile("crisis-replay-err", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", args));
            }
            CliHarness.Result r = new CliHarness.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
