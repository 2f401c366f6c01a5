package org.crisisreplay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.crisisreplay.support.JarHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

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
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API of the real jar, on loopback. */
class ServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;
    static Process server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(JarHarness.command(data, "serve", "--port", Integer.toString(port)));
        server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolve("serve.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(data.resolve("serve.log")).contains("serving on")) {
                return;
            }
            assertThat(server.isAlive()).as(Files.readString(data.resolve("serve.log"))).isTrue();
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not start");
    }

    @AfterAll
    static void stop() throws Exception {
        server.destroy();
        server.waitFor();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/scenarios")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheScenariosOfTheFolder() throws Exception {
        HttpResponse<String> r = get("/api/scenarios");
        assertThat(r.statusCode()).isEqualTo(200);
        // every scenario file of the folder, in the order of their paths, with the id and title it declares
        ArrayNode expected = JSON.createArrayNode();
        try (Stream<Path> files = Files.walk(Path.of("scenarios"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> f = new Yaml().load(Files.readString(p));
                expected.addObject().put("id", (String) f.get("scenario"))
                        .put("title", (String) f.getOrDefault("title", f.get("scenario"))).put("origin", "file");
            }
        }
        assertThat(expected.findValuesAsText("id")).contains("kazakhstan-2022", "kremlin-stalls");
        // then the uploads: the one of takesAnUploadedWhatIfAndDiffsIt, if it ran first
        ArrayNode withUpload = expected.deepCopy();
        withUpload.addObject().put("id", "upload-test").put("title", "uploaded what-if").put("origin", "upload");
        assertThat(JSON.readTree(r.body())).isIn(expected, withUpload);
    }

    @Test
    void answersTheStateOfADate() throws Exception {
        HttpResponse<String> r = get("/api/scenarios/kazakhstan-2022/state?on=2022-01-12");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode state = JSON.readTree(r.body());
        assertThat(state.at("/mission/status").asText()).isEqualTo("WITHDRAWAL_ANNOUNCED");
        JsonNode known = JSON.readTree(get("/api/scenarios/kazakhstan-2022/state?on=2022-01-09&asKnownOn=2022-01-09").body());
        assertThat(known.at("/host/casualties/total/killed/best").asLong()).isEqualTo(164);
    }

    @Test
    void answersTheDaysAndASeries() throws Exception {
        JsonNode days = JSON.readTree(get("/api/scenarios/kazakhstan-2022/days").body());
        assertThat(days).hasSize(25);
        assertThat(days.get(0).get("on").asText()).isEqualTo("2022-01-01");
        JsonNode series = JSON.readTree(get("/api/scenarios/kazakhstan-2022/series?field=mission.status").body());
        assertThat(series.get("field").asText()).isEqualTo("mission.status");
        assertThat(series.get("points")).hasSize(25);
    }

    @Test
    void refusesWhatItCannotAnswer() throws Exception {
        assertThat(get("/api/scenarios/nope/state?on=2022-01-12").statusCode()).isEqualTo(404);
        HttpResponse<String> badDate = get("/api/scenarios/kazakhstan-2022/state?on=2022-02-30");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("does not exist").doesNotContain("Exception");
        assertThat(get("/api/scenarios/kazakhstan-2022/state").statusCode()).isEqualTo(400);
        assertThat(get("/api/scenarios/kazakhstan-2022/series?field=mission.sttus").body()).contains("mission.status");
    }

    @Test
    void takesAnUploadedWhatIfAndDiffsIt() throws Exception {
        HttpResponse<String> r = post(Files.readString(Path.of("src/test/resources/http/upload-what-if.yaml")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).get("id").asText()).isEqualTo("upload-test");
        JsonNode diff = JSON.readTree(get("/api/diff?base=kazakhstan-2022&whatIf=upload-test").body());
        assertThat(diff.get("firstDivergence").asText()).isEqualTo("2022-01-11");
        assertThat(diff.get("removed").get(0).asText()).isEqualTo("withdrawal-announced");
        assertThat(get("/api/scenarios").body()).contains("upload-test");
    }

    @Test
    void refusesABadUploadWithPositions() throws Exception {
        HttpResponse<String> r = post("scenario: bad\nevents:\n  - {id: a, on: 2030-01-01, type: Nte}\n");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText()).contains("did you mean 'Note'");
        HttpResponse<String> outside = post("scenario: sneaky\nextends: ../../etc/passwd\n");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(post("x".repeat(1024 * 1024 + 1)).statusCode()).isEqualTo(413);
    }
}
