package org.crisisreplay.support;

import org.crisisreplay.cli.Cli;
import org.crisisreplay.cli.Engine;
import org.crisisreplay.store.StoreUrl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in this JVM against a store of the test's own. */
public final class CliHarness {

    public record Result(int exit, String out, String err) {
    }

    private CliHarness() {
    }

    public static String storeUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("store") + StoreUrl.H2_SETTINGS;
    }

    /** The application context on a store (its URL), saying nothing: for tests that call its beans. */
    public static Engine engine(String storeUrl) {
        return new Engine(new ArrayList<>(List.of("--spring.datasource.url=" + storeUrl)),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    public static Result run(Path dataDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + storeUrl(dataDir));
        int code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
