package org.crisisreplay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.crisisreplay.formats.Fixtures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.formats.KnownEvents;
import org.crisisreplay.formats.KnownStates;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.formats.timelinejs.TimelineJsExport;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.support.Browser;
import org.crisisreplay.support.CliHarness;
import org.crisisreplay.support.JarHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The formats through the real jar (three runs: the CSV export of a what-if whose rules make events,
 * its import, and the what-if's replay to compare the import with), and the TimelineJS export in
 * TimelineJS itself: the npm package, served from this machine, in headless Chromium.
 */
class FormatsIT {

    private static final String TIMELINEJS = "@knight-lab/timelinejs@3.9.x";
    private static final Path NPM_PREFIX = Path.of("target", "timelinejs");
    private static final Path DIST = NPM_PREFIX.resolve("node_modules/@knight-lab/timelinejs/dist");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path work;

    /** A what-if whose rules make events: they come back from the table as events of their own. */
    private static final String WHAT_IF = "scenarios/what-if/occupiers.yaml";

    static CliHarness.Result csvRun;
    static CliHarness.Result replayRun;
    static CliHarness.Result importRun;
    static HttpServer server;
    static WebDriver browser;

    @BeforeAll
    static void exportAndImportWithTheJar() throws Exception {
        csvRun = JarHarness.run(data, "export", WHAT_IF, "--format", "csv", "--out", work.resolve("what-if.csv").toString());
        importRun = JarHarness.run(data, "import", work.resolve("what-if.csv").toString(),
                "--out", work.resolve("what-if-back.yaml").toString());
        replayRun = JarHarness.run(data, "replay", WHAT_IF, "--json");
        for (String name : List.of(Fixtures.EVERY_TYPE, Fixtures.BASELINE)) {
            Scenario s = Fixtures.load(name);
            Files.writeString(work.resolve(s.id() + ".json"), TimelineJsExport.toJson(s, KnownEvents.of(s.events(), null)),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(work.resolve("page.html"), PAGE, StandardCharsets.UTF_8);
        installTimelineJs();
        server = serve();
        browser = Browser.open();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** The package from the npm registry, once per build directory. */
    private static void installTimelineJs() throws Exception {
        if (Files.exists(DIST.resolve("js/timeline.js"))) {
            return;
        }
        Files.createDirectories(NPM_PREFIX);
        Process p = new ProcessBuilder("npm", "install", "--prefix", NPM_PREFIX.toString(), "--no-audit", "--no-fund",
                TIMELINEJS).redirectErrorStream(true).redirectOutput(NPM_PREFIX.resolve("npm.log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("npm install finished").isTrue();
        assertThat(p.exitValue()).as(() -> "npm install " + TIMELINEJS + ": " + read(NPM_PREFIX.resolve("npm.log"))).isZero();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * A page that embeds TimelineJS as its README says, with the document named in the query. No
     * web font: the default font comes from Google's servers, and this machine has no network.
     */
    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>export</title><link rel="icon" href="data:,">
            <link rel="stylesheet" href="/timelinejs/css/timeline.css">
            <script src="/timelinejs/js/timeline.js"></script></head>
            <body><div id="timeline-embed" style="width: 100%; height: 600px"></div>
            <script>
              const doc = new URLSearchParams(location.search).get('doc');
              window.timeline = new TL.Timeline('timeline-embed', '/' + doc, {font: null, script_path: '/timelinejs/js/'});
              window.timeline.on('loaded', () => { window.loaded = true; });
            </script></body></html>
            """;

    private static HttpServer serve() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> types = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
                "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8", "svg", "image/svg+xml");
        s.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = path.startsWith("/timelinejs/") ? DIST.resolve(path.substring("/timelinejs/".length()))
                    : work.resolve(path.substring(1));
            file = file.normalize();
            boolean inside = file.startsWith(DIST.normalize()) || file.startsWith(work.normalize());
            if (!inside || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            exchange.getResponseHeaders().set("Content-Type",
                    types.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream"));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        return s;
    }

    /** Opens the page on one exported document and waits until TimelineJS has built it. */
    private static void show(String doc) {
        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/page.html?doc=" + doc);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.loaded === true")));
    }

    private static int eventSlides() {
        return browser.findElements(By.cssSelector(".tl-slide:not(.tl-slide-titleslide)")).size();
    }

    @Test
    void aWhatIfWithRulesExportsAndImportsBackToTheSameStateOnEveryDay() throws IOException {
        assertThat(csvRun.exit()).as(csvRun.err()).isZero();
        assertThat(importRun.exit()).as(importRun.err()).isZero();
        assertThat(importRun.err()).isEmpty();
        assertThat(replayRun.exit()).as(replayRun.err()).isZero();
        List<String> table = Files.readAllLines(work.resolve("what-if.csv"));
        assertThat(table.stream().filter(l -> l.contains(",occupier-backlash,"))).isNotEmpty();
        Scenario back = new ScenarioAssembler(new ScenarioCatalog(work)).load(work.resolve("what-if-back.yaml"));
        assertThat(back.rules()).isEmpty();
        assertThat(importRun.out()).contains(back.events().size() + " events from");
        int days = 0;
        for (String line : replayRun.out().split("\n")) {
            JsonNode day = JSON.readTree(line);
            ObjectNode expected = ((ObjectNode) day.get("state")).deepCopy();
            expected.remove(List.of("scenario", "on", "asKnownOn"));
            LocalDate on = LocalDate.parse(day.get("on").asText());
            // compared as printed: the replay's numbers are read back as ints, the fold's are longs
            // the what-if's own source id (what-if:ID, which no file may declare) comes back as what-if.ID
            assertThat(KnownStates.state(back.events(), on, null).toString()).as("state on " + on)
                    .isEqualTo(expected.toString().replace("\"what-if:occupiers\"", "\"what-if.occupiers\""));
            days++;
        }
        assertThat(days).isGreaterThan(20);
    }

    @Test
    void timelineJsRendersOneSlidePerEventOfEveryTypeWithoutAConsoleError() throws IOException {
        JsonNode doc = JSON.readTree(work.resolve("every-type.json").toFile());
        show("every-type.json");
        assertThat(eventSlides()).isEqualTo(doc.get("events").size());
        assertThat(browser.findElements(By.cssSelector(".tl-timemarker"))).hasSize(doc.get("events").size());
        String text = browser.findElement(By.id("timeline-embed")).getAttribute("textContent");
        assertThat(text).contains("[Retracted] A new contingent lands, says one report")
                .contains("The date is approximate").contains("<script>alert(1)</script>");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void timelineJsRendersTheBaselineOneSlidePerEventWithoutAConsoleError() {
        show("kazakhstan-2022.json");
        assertThat(eventSlides()).isEqualTo(Fixtures.load(Fixtures.BASELINE).events().size());
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }
}
