package org.crisisreplay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.ServedJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API of the real jar, on loopback. */
class ServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static ServedJar server;

    @BeforeAll
    static void start() throws Exception {
        server = ServedJar.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return server.get(path);
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return server.post("/api/scenarios", body);
    }

    @Test
    void listsTheScenariosOfTheFolder() throws Exception {
        HttpResponse<String> r = get("/api/scenarios");
        assertThat(r.statusCode()).isEqualTo(200);
        // every scenario file of the folder, in the order of their paths, with the id and title it
        // declares, and whether it is a sweep (has a 'vary' section)
        ArrayNode expected = JSON.createArrayNode();
        try (Stream<Path> files = Files.walk(Path.of("scenarios"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> f = new Yaml().load(Files.readString(p));
                expected.addObject().put("id", (String) f.get("scenario"))
                        .put("title", (String) f.getOrDefault("title", f.get("scenario"))).put("origin", "file")
                        .put("sweep", f.containsKey("vary"));
            }
        }
        assertThat(expected.findValuesAsText("id")).contains("kazakhstan-2022", "kremlin-stalls", "appeal-later-sweep");
        assertThat(expected.findValuesAsText("sweep")).contains("true", "false");
        // then the uploads: the one of takesAnUploadedWhatIfAndDiffsIt, if it ran first
        ArrayNode withUpload = expected.deepCopy();
        withUpload.addObject().put("id", "upload-test").put("title", "uploaded what-if").put("origin", "upload")
                .put("sweep", false);
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
    void takesAnUploadedWhatIfAndDiffsIt(@TempDir Path own) throws Exception {
        HttpResponse<String> r = post(Files.readString(Path.of("src/test/resources/http/upload-what-if.yaml")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).get("id").asText()).isEqualTo("upload-test");
        JsonNode diff = JSON.readTree(get("/api/diff?base=kazakhstan-2022&whatIf=upload-test").body());
        assertThat(diff.get("firstDivergence").asText()).isEqualTo("2022-01-11");
        assertThat(diff.get("removed").get(0).asText()).isEqualTo("withdrawal-announced");
        // the upload's states were kept from its run in memory: the diff is the one its stored projection gives
        CliHarness.Result stored = CliHarness.run(own, "diff", "kazakhstan-2022", "src/test/resources/http/upload-what-if.yaml",
                "--json");
        assertThat(stored.exit()).as(stored.err()).isZero();
        assertThat(diff).isEqualTo(JSON.readTree(stored.out()));
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

    /**
     * A bounded load on loopback: 200 requests at once, mixing states (both clocks), replays and
     * diffs. Every one must be answered with 200; the latencies are printed, never asserted.
     */
    @Test
    void answersTwoHundredConcurrentRequestsWithoutAnError() throws Exception {
        List<String> kinds = List.of(
                "/api/scenarios/kazakhstan-2022/state?on=2022-01-%02d",
                "/api/scenarios/kazakhstan-2022/state?on=2022-01-%02d&asKnownOn=2022-01-09",
                "/api/scenarios/late-appeal/state?on=2022-01-%02d",
                "/api/scenarios/kazakhstan-2022/days",
                "/api/diff?base=kazakhstan-2022&whatIf=late-appeal",
                "/api/diff?base=kazakhstan-2022&whatIf=kremlin-stalls");
        for (String kind : kinds) {
            // each scenario in the store first: the load measures answers, not first runs
            assertThat(get(String.format(kind, 1)).statusCode()).isEqualTo(200);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(8)).build();
        int n = 200;
        List<CompletableFuture<long[]>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = String.format(kinds.get(i % kinds.size()), 1 + i % 25);
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofMinutes(3)).build();
            long started = System.nanoTime();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new long[]{r.statusCode(), System.nanoTime() - started})
                    .exceptionally(e -> new long[]{-1, System.nanoTime() - started}));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        List<long[]> done = answers.stream().map(CompletableFuture::join).toList();
        long errors = done.stream().filter(a -> a[0] != 200).count();
        long[] millis = done.stream().mapToLong(a -> a[1] / 1_000_000).sorted().toArray();
        System.out.printf("load: %d concurrent requests (state, days, diff), %d errors, p50 %d ms, p99 %d ms, max %d ms%n",
                n, errors, millis[n / 2], millis[(int) Math.ceil(n * 0.99) - 1], millis[n - 1]);
        assertThat(errors).as("requests not answered with 200").isZero();
    }
}
