package org.crisisreplay.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged jar running {@code serve} on a free loopback port, against a store of the test's own. */
public final class ServedJar implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String base;
    private final Path log;

    private ServedJar(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts {@code serve} and waits (up to two minutes) until it says where it listens. */
    public static ServedJar start(Path dataDir) throws IOException, InterruptedException {
        int port = freePort();
        return start(JarHarness.command(dataDir, "serve", "--port", Integer.toString(port)), port, dataDir.resolve("serve.log"));
    }

    /** Starts {@code serve} from {@code program} (the launcher, or {@code java -jar} and the jar) and waits for it. */
    public static ServedJar start(List<String> program, Path dataDir) throws IOException, InterruptedException {
        int port = freePort();
        return start(JarHarness.command(program, dataDir, "serve", "--port", Integer.toString(port)), port,
                dataDir.resolve("serve.log"));
    }

    /** Starts {@code serve} on the store {@code --store URL} (a shared one), logging to {@code log}. */
    public static ServedJar startOn(String storeUrl, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = List.of("java", "-jar", JarHarness.jar().toString(), "--store", storeUrl, "serve",
                "--port", Integer.toString(port));
        return start(cmd, port, log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static ServedJar start(List<String> command, int port, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServedJar served = new ServedJar(p, "http://127.0.0.1:" + port, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("serving on")) {
                return served;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("serve stopped: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        served.close();
        throw new IllegalStateException("the server did not start: " + Files.readString(log));
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String base() {
        return base;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String yaml) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The process id (what the token store names a segment's owner by, before the host). */
    public long pid() {
        return process.pid();
    }

    /** Ends the process at once (SIGKILL): no shutdown, no claims released. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
