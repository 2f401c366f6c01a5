package org.crisisreplay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.support.Browser;
import org.crisisreplay.support.ServedJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page of {@code serve} in headless Chromium, driven as a person would use it, against the real
 * jar: one server and one browser for the class. Each step saves a screenshot under
 * {@code target/screenshots/} and fails on any error in the browser's console or any request to
 * another host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path data;
    static ServedJar server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        server = ServedJar.start(data);
        browser = Browser.open();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noConsoleErrorAndNoOtherHost() {
        assertThat(Browser.consoleErrors(browser)).as("browser console errors").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(requested).as("every request goes to the server").allMatch(u -> u.startsWith(server.base() + "/"));
    }

    @Test
    @Order(1)
    void baselineOnTwelveJanuaryShowsTheTroopsAndTheirSources() throws Exception {
        open("/");
        new Select(find("scenario")).selectByValue("kazakhstan-2022");
        waitFor(() -> text("date").equals("1 January 2022"));
        WebElement slider = find("day");
        for (int i = 0; i < 11; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        waitFor(() -> text("card-title").equals("12 January 2022") && text("date").equals("12 January 2022"));
        assertThat(browser.getCurrentUrl()).contains("scenario=kazakhstan-2022").contains("on=2022-01-12");

        JsonNode state = api("/api/scenarios/kazakhstan-2022/state?on=2022-01-12");
        JsonNode inCountry = state.at("/troops/inCountry");
        Map<String, String> titles = sourceTitles("kazakhstan-2022");
        waitFor(() -> browser.findElements(By.cssSelector("#troops-total[data-best]")).size() == 1);
        WebElement troops = find("troops-total");
        assertThat(troops.getAttribute("data-best")).isEqualTo(inCountry.get("best").asText());
        assertThat(troops.findElement(By.className("best")).getText()).isEqualTo(String.format("%,d", inCountry.get("best").asLong()));
        List<String> ids = new ArrayList<>();
        inCountry.get("sources").forEach(s -> ids.add(s.asText()));
        List<WebElement> shown = troops.findElements(By.cssSelector(".sources [data-source]"));
        assertThat(shown).extracting(e -> e.getAttribute("data-source")).isNotEmpty().containsExactlyElementsOf(ids);
        // each source by its name (the publisher), its full title on hover
        for (WebElement source : shown) {
            String title = titles.get(source.getAttribute("data-source"));
            assertThat(source.getAttribute("title")).isEqualTo(title);
            assertThat(source.getText()).isNotBlank();
            assertThat(title).startsWith(source.getText());
        }
        assertThat(find("events").getText()).isNotBlank();
        screenshot("01-baseline-kazakhstan-12-january-troops-card");

        // ▶ plays the days as an animation, and stops when pressed again
        find("play").click();
        waitFor(() -> text("date").equals("13 January 2022"));
        find("play").click();
        assertThat(find("play").getAttribute("aria-pressed")).isEqualTo("false");
        String stoppedAt = text("date");
        Thread.sleep(1500);
        assertThat(text("date")).isEqualTo(stoppedAt);
    }

    @Test
    @Order(2)
    void aWhatIfIsOverlaidWithItsFirstDivergenceAndItsDiff() throws Exception {
        new Select(find("whatif")).selectByValue("late-appeal");
        String divergence = api("/api/diff?base=kazakhstan-2022&whatIf=late-appeal").get("firstDivergence").asText();
        waitFor(() -> browser.findElements(By.cssSelector("#troops-legend li[data-series]")).size() == 2
                && !browser.findElements(By.cssSelector("#troops-legend li[data-divergence='" + divergence + "']")).isEmpty());
        List<String> series = browser.findElements(By.cssSelector("#troops-legend li[data-series]")).stream()
                .map(e -> e.getAttribute("data-series")).toList();
        assertThat(series).containsExactly("kazakhstan-2022", "late-appeal");
        // what the chart itself draws: both best lines, and the mark at the first divergence
        @SuppressWarnings("unchecked")
        List<String> drawn = (List<String>) js("return echarts.getInstanceByDom(document.getElementById('troops-chart'))"
                + ".getOption().series.map(s => s.name)");
        assertThat(drawn).contains("kazakhstan-2022", "late-appeal");
        @SuppressWarnings("unchecked")
        List<String> marks = (List<String>) js("return echarts.getInstanceByDom(document.getElementById('troops-chart'))"
                + ".getOption().series.flatMap(s => s.markLine ? s.markLine.data.map(d => d.name + '@' + d.xAxis) : [])");
        assertThat(marks).contains("first divergence@" + divergence);
        waitFor(() -> find("diff").isDisplayed()
                && !browser.findElements(By.cssSelector("#diff-table tbody tr")).isEmpty());
        assertThat(text("diff-summary")).contains("late-appeal").contains(dateLabel(divergence));
        assertThat(browser.getCurrentUrl()).contains("whatIf=late-appeal");
        waitFor(() -> find("whatif-day").isDisplayed() && !browser.findElements(By.cssSelector("#whatif-events li")).isEmpty());
        screenshot("02-what-if-late-appeal-overlay-divergence-and-diff");

        // the second chart draws whatever part of the state is picked: a status as categories, a list as a count
        new Select(find("field")).selectByValue("mission.status");
        waitFor(() -> "category".equals(js("return echarts.getInstanceByDom(document.getElementById('field-chart'))"
                + ".getOption().yAxis[0].type")));
        assertThat(browser.getCurrentUrl()).contains("field=mission.status");
        new Select(find("field")).selectByValue("host.emergencyRegions");
        waitFor(() -> "value".equals(js("return echarts.getInstanceByDom(document.getElementById('field-chart'))"
                + ".getOption().yAxis[0].type")) && find("field-legend").getText().contains("how many"));
        new Select(find("field")).selectByValue("host.detained");
    }

    @Test
    @Order(3)
    void asKnownOnMarksLateAndRetractedReports() throws Exception {
        // a link keeps its view: the same day, as known on 9 January
        open("/?scenario=kazakhstan-2022&on=2022-01-09&known=2022-01-09");
        waitFor(() -> text("card-title").equals("9 January 2022 — as known on 9 January 2022"));
        JsonNode known = api("/api/scenarios/kazakhstan-2022/state?on=2022-01-09&asKnownOn=2022-01-09");
        String killed = String.format("%,d", known.at("/host/casualties/total/killed/best").asLong());
        waitFor(() -> find("state").getText().contains(killed));
        // what was known then, beside what the files know now
        JsonNode now = api("/api/scenarios/kazakhstan-2022/state?on=2022-01-09").at("/host/casualties/total/killed");
        assertThat(now).as("the 164 was taken back").isNotEqualTo(known.at("/host/casualties/total/killed"));
        WebElement later = browser.findElement(By.cssSelector(".hindsight[data-path='host.casualties.total.killed']"));
        assertThat(later.getText()).isEqualTo("in hindsight: —");
        List<WebElement> notYetKnown = browser.findElements(By.cssSelector("#events li.unknown"));
        assertThat(notYetKnown).as("reports made after 9 January are marked as not yet known").isNotEmpty();

        setDate("known", "2022-01-10");
        waitFor(() -> text("card-title").endsWith("as known on 10 January 2022"));
        waitFor(() -> !browser.findElements(By.cssSelector("#events li.retracted .badge.retracted")).isEmpty());
        assertThat(browser.getCurrentUrl()).contains("known=2022-01-10");
        scrollTo("#events li.retracted");
        screenshot("03-as-known-on-10-january-retracted-and-late-reports");
    }

    @Test
    @Order(4)
    void aWhatIfWrittenInThePageShowsItsErrorsAtTheirLineThenItsDiff() throws Exception {
        open("/?scenario=kazakhstan-2022&on=2022-01-12");
        waitFor(() -> editorValue().contains("extends: kazakhstan-2022"));
        String draft = editorValue();
        String[] lines = draft.split("\n", -1);
        int line = 0;
        while (!lines[line].trim().startsWith("- ")) {
            line++;
        }
        int column = lines[line].indexOf("- ") + 2;
        String verb = lines[line].substring(column, lines[line].indexOf(':', column));
        String broken = verb.substring(0, 2) + verb.substring(3); // a letter left out

        typeOver(line, column, verb.length(), broken);
        int shownLine = line + 1;
        waitFor(() -> !browser.findElements(By.cssSelector(".draft-error[data-line='" + shownLine + "']")).isEmpty());
        WebElement error = browser.findElement(By.cssSelector(".draft-error[data-line='" + shownLine + "']"));
        assertThat(error.getText()).contains("line " + shownLine).contains("did you mean '" + verb + "'");
        assertThat(text("draft-status")).contains("error");
        scrollTo(".editor");
        screenshot("04-editor-broken-what-if-error-at-its-line");

        typeOver(line, column, broken.length(), verb);
        waitFor(() -> text("draft-status").startsWith("Valid:") && text("draft-status").contains("compared"));
        assertThat(browser.findElements(By.cssSelector(".draft-error"))).isEmpty();
        String id = new Select(find("whatif")).getFirstSelectedOption().getAttribute("value");
        assertThat(id).isEqualTo("my-kazakhstan-2022");
        waitFor(() -> !browser.findElements(By.cssSelector("#diff-table tbody tr")).isEmpty()
                && browser.findElements(By.cssSelector("#troops-legend li[data-series]")).size() == 2);
        JsonNode diff = api("/api/diff?base=kazakhstan-2022&whatIf=" + id);
        int rows = 0;
        for (JsonNode day : diff.get("days")) {
            rows += day.get("changes").size();
        }
        assertThat(browser.findElements(By.cssSelector("#diff-table tbody tr"))).hasSize(rows);
        scrollTo("#diff");
        screenshot("05-editor-fixed-what-if-diff-and-overlay");
    }

    @Test
    @Order(5)
    void theSecondCrisisAndItsWhatIfOnANarrowScreen() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open("/?scenario=bahrain-2011&whatIf=gcc-leaves-with-emergency");
            waitFor(() -> browser.findElements(By.cssSelector("#troops-legend li[data-series]")).size() == 2
                    && !browser.findElements(By.cssSelector("#troops-legend li[data-divergence]")).isEmpty());
            assertThat(new Select(find("scenario")).getFirstSelectedOption().getAttribute("value")).isEqualTo("bahrain-2011");
            screenshot("06-narrow-bahrain-with-what-if");

            // the editor's own what-if on this scenario is valid as written: a note typed at its end is checked and compared
            waitFor(() -> editorValue().contains("extends: bahrain-2011"));
            int last = ((Number) js("return document.querySelector('.CodeMirror').CodeMirror.lineCount() - 1")).intValue();
            typeOver(last, 0, 0, "# checked in the page");
            waitFor(() -> text("draft-status").startsWith("Valid:") && text("draft-status").contains("compared"));
            waitFor(() -> !browser.findElements(By.cssSelector("#troops-legend li[data-series='my-bahrain-2011']")).isEmpty());
            Object tooWide = js("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
                    + " > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '"
                    + " + Math.round(e.getBoundingClientRect().right))");
            Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.intValue()).as("no sideways scrolling on a narrow screen; widest: " + tooWide).isLessThanOrEqualTo(0);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    @Test
    @Order(6)
    void aSweepIsAFanOverItsLine() throws Exception {
        // a sweep file is a what-if of the scenario it ends at: picked as one, it is drawn as a fan over the base
        open("/?scenario=kazakhstan-2022&whatIf=appeal-later-sweep&on=2022-01-12");
        waitFor(() -> !browser.findElements(By.cssSelector("#troops-legend li.fan[data-fan]")).isEmpty());
        JsonNode sweep = api("/api/sweeps/appeal-later-sweep?field=troops.inCountry");
        assertThat(browser.findElement(By.cssSelector("#troops-legend li.fan")).getAttribute("data-fan"))
                .isEqualTo(sweep.get("ran").asText());
        // the p50 line, the band from p5 to p95 (stacked on p5) and the file's own line, on the same days
        String chart = "echarts.getInstanceByDom(document.getElementById('troops-chart')).getOption()";
        int day = ((Number) js("return " + chart + ".xAxis[0].data.indexOf('2022-01-12')")).intValue();
        JsonNode on12 = null;
        for (JsonNode d : sweep.get("fields").get(0).get("days")) {
            if (d.get("on").asText().equals("2022-01-12")) {
                on12 = d;
            }
        }
        Object p50 = js("return " + chart + ".series.find(s => s.name === 'sweep p50').data[arguments[0]]", day);
        Object p5 = js("return " + chart + ".series.find(s => s.name === 'fan low').data[arguments[0]]", day);
        Object width = js("return " + chart + ".series.find(s => s.name === 'fan range').data[arguments[0]]", day);
        assertThat(((Number) p50).longValue()).isEqualTo(on12.get("p50").asLong());
        assertThat(((Number) p5).longValue()).isEqualTo(on12.get("p5").asLong());
        assertThat(((Number) width).longValue()).isEqualTo(on12.get("p95").asLong() - on12.get("p5").asLong());
        assertThat(browser.findElements(By.cssSelector("#troops-legend li[data-series='kazakhstan-2022']"))).hasSize(1);
        screenshot("07-sweep-fan");
    }

    @Test
    @Order(7)
    void aForceOfPartlyUnknownSizeReadsAsAtLeastItsCount() throws Exception {
        // on 2 June 2011 the Kuwaiti navy, which no source counted, is in Bahrain beside the counted contingents
        open("/?scenario=bahrain-2011&on=2011-06-02");
        JsonNode troops = api("/api/scenarios/bahrain-2011/state?on=2011-06-02").get("troops");
        assertThat(troops.at("/inCountry/lowerBound").asBoolean()).isTrue();
        assertThat(troops.at("/contingents/KW/lowerBound").asBoolean()).isTrue();
        assertThat(troops.at("/contingents/KW/high").asLong()).isZero();
        waitFor(() -> browser.findElements(By.cssSelector("#troops-total[data-best]")).size() == 1);
        String best = String.format(java.util.Locale.US, "%,d", troops.at("/inCountry/best").asLong());
        assertThat(browser.findElement(By.cssSelector("#troops-total .best")).getText()).isEqualTo("≥ " + best);
        assertThat(browser.findElement(By.cssSelector("#troops-total .lower-bound")).getText()).contains("unknown size");
        List<String> kuwait = browser.findElements(By.cssSelector("#contingents tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().equals("KW"))
                .map(r -> r.findElements(By.tagName("td")).get(0).getText()).toList();
        assertThat(kuwait).containsExactly("unknown");
    }

    // ---- helpers ----

    private static void open(String path) {
        browser.get(server.base() + path);
        waitFor(() -> "true".equals(js("return document.body.dataset.ready || ''")));
    }

    private static WebElement find(String id) {
        return browser.findElement(By.id(id));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(RuntimeException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static String editorValue() {
        return (String) js("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
    }

    /** Selects a word of the editor and types over it, key by key, as a person would. */
    private static void typeOver(int line, int column, int length, String typed) {
        browser.findElement(By.cssSelector(".CodeMirror-code")).click();
        js("const cm = document.querySelector('.CodeMirror').CodeMirror; cm.focus();"
                + "cm.setSelection({line: arguments[0], ch: arguments[1]}, {line: arguments[0], ch: arguments[1] + arguments[2]});",
                line, column, length);
        new Actions(browser).sendKeys(typed).perform();
    }

    private static void scrollTo(String css) {
        js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", css);
    }

    private static void setDate(String id, String iso) {
        js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('change', {bubbles: true}));", id, iso);
    }

    private static JsonNode api(String path) throws Exception {
        var r = server.get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Map<String, String> sourceTitles(String scenario) throws Exception {
        Map<String, String> out = new java.util.HashMap<>();
        api("/api/scenarios/" + scenario + "/sources").get("sources")
                .forEach(s -> out.put(s.get("id").asText(), s.get("title").isNull() ? s.get("id").asText() : s.get("title").asText()));
        return out;
    }

    private static String dateLabel(String iso) {
        String[] months = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"};
        String[] p = iso.split("-");
        return Integer.parseInt(p[2]) + " " + months[Integer.parseInt(p[1]) - 1] + " " + p[0];
    }

    private static void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
