package org.crisisreplay.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every endpoint the page of {@code serve} calls, and the page's own files, in one application
 * context on a store of the test's own (the shipped scenarios folder).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class PageApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> CliHarness.storeUrl(data));
        registry.add("crisis-replay.scenarios", () -> "scenarios");
    }

    @Autowired
    MockMvc mvc;

    private JsonNode json(String url) throws Exception {
        MvcResult r = mvc.perform(get(url)).andExpect(status().isOk()).andReturn();
        return JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private JsonNode draft(String yaml) throws Exception {
        MvcResult r = mvc.perform(post("/api/drafts").contentType(YAML).content(yaml)).andExpect(status().isOk()).andReturn();
        return JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void thePageAndEverythingItLoadsComeFromTheServerUnderAContentSecurityPolicy() throws Exception {
        MvcResult page = mvc.perform(get("/index.html")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")))
                .andReturn();
        String html = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        List<String> assets = new ArrayList<>();
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).contains("app.js", "app.css").anyMatch(a -> a.startsWith("webjars/echarts/"))
                .anyMatch(a -> a.startsWith("webjars/codemirror/"))
                .noneMatch(a -> a.contains("//")).noneMatch(a -> a.startsWith("http"));
        for (String asset : assets) {
            mvc.perform(get("/" + asset)).andExpect(status().isOk());
        }
        assertThat(html).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void describesAScenarioItsPeriodItsEventDaysAndWhatItExtends() throws Exception {
        JsonNode base = json("/api/scenarios/kazakhstan-2022");
        assertThat(base.get("from").asText()).isEqualTo("2022-01-01");
        assertThat(base.get("to").asText()).isEqualTo("2022-01-25");
        assertThat(base.get("extends").isNull()).isTrue();
        assertThat(base.get("root").asText()).isEqualTo("kazakhstan-2022");
        List<String> eventDays = new ArrayList<>();
        base.get("eventDays").forEach(d -> eventDays.add(d.asText()));
        JsonNode days = json("/api/scenarios/kazakhstan-2022/days");
        List<String> withEvents = new ArrayList<>();
        days.forEach(d -> {
            if (!d.get("events").isEmpty()) {
                withEvents.add(d.get("on").asText());
            }
        });
        assertThat(eventDays).isNotEmpty().isEqualTo(withEvents);

        JsonNode whatIfOfAWhatIf = json("/api/scenarios/occupiers");
        assertThat(whatIfOfAWhatIf.get("extends").asText()).isEqualTo("kremlin-stalls");
        assertThat(whatIfOfAWhatIf.get("root").asText()).isEqualTo("kazakhstan-2022");
        assertThat(whatIfOfAWhatIf.get("removed")).isNotEmpty();
        assertThat(json("/api/scenarios/gcc-leaves-with-emergency").get("root").asText()).isEqualTo("bahrain-2011");
        mvc.perform(get("/api/scenarios/no-such-thing")).andExpect(status().isNotFound());
    }

    @Test
    void listsTheSourcesWithTitlesLinksAndHowManyEventsCiteThem() throws Exception {
        JsonNode sources = json("/api/scenarios/kazakhstan-2022/sources").get("sources");
        assertThat(sources).isNotEmpty();
        sources.forEach(s -> assertThat(s.get("title").asText()).isNotBlank());
        assertThat(sources).anyMatch(s -> s.get("url").asText().startsWith("http"))
                .allMatch(s -> s.get("events").asInt() >= 0);
        // every source a state figure names can be shown by its title
        JsonNode state = json("/api/scenarios/kazakhstan-2022/state?on=2022-01-12");
        List<String> ids = new ArrayList<>();
        sources.forEach(s -> ids.add(s.get("id").asText()));
        state.at("/troops/inCountry/sources").forEach(s -> assertThat(ids).contains(s.asText()));
        // a what-if has the sources of what it extends, and itself for what it makes up
        List<String> whatIf = new ArrayList<>();
        json("/api/scenarios/late-appeal/sources").get("sources").forEach(s -> whatIf.add(s.get("id").asText()));
        List<String> expected = new ArrayList<>(ids);
        expected.add("what-if:late-appeal");
        assertThat(whatIf).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void listsTheStatePathsASeriesMayName() throws Exception {
        JsonNode paths = json("/api/paths");
        List<String> names = new ArrayList<>();
        paths.forEach(p -> names.add(p.get("path").asText()));
        assertThat(names).contains("troops.inCountry", "host.detained", "mission.status", "troops.contingents.*");
        paths.forEach(p -> {
            if (p.get("path").asText().equals("troops.inCountry")) {
                assertThat(p.get("figure").asBoolean()).isTrue();
            }
        });
        for (String path : names) {
            if (!path.contains("*")) {
                mvc.perform(get("/api/scenarios/kazakhstan-2022/series").param("field", path)).andExpect(status().isOk());
            }
        }
    }

    @Test
    void answersTheStateTheSeriesAndTheDiffThePageDraws() throws Exception {
        JsonNode known = json("/api/scenarios/kazakhstan-2022/state?on=2022-01-09&asKnownOn=2022-01-09");
        assertThat(known.get("asKnownOn").asText()).isEqualTo("2022-01-09");
        JsonNode series = json("/api/scenarios/kazakhstan-2022/series?field=troops.inCountry&asKnownOn=2022-01-10");
        JsonNode last = series.get("points").get(series.get("points").size() - 1).get("value");
        assertThat(last.has("best") && last.has("low") && last.has("high")).isTrue();
        JsonNode diff = json("/api/diff?base=kazakhstan-2022&whatIf=late-appeal");
        assertThat(diff.get("firstDivergence").asText()).isEqualTo("2022-01-05");
        mvc.perform(get("/api/scenarios/kazakhstan-2022/series?field=troops.inCuontry")).andExpect(status().isBadRequest());
    }

    @Test
    void checksADraftWithoutStoringItAndPlacesItsErrors() throws Exception {
        JsonNode ok = draft("scenario: draft-ok\nextends: kazakhstan-2022\nchanges:\n  - remove: withdrawal-announced\n");
        assertThat(ok.get("errors")).isEmpty();
        assertThat(ok.get("id").asText()).isEqualTo("draft-ok");
        assertThat(ok.get("extends").asText()).isEqualTo("kazakhstan-2022");
        // checked, not stored: no scenario of that id is known
        mvc.perform(get("/api/scenarios/draft-ok")).andExpect(status().isNotFound());

        JsonNode typo = draft("scenario: draft-bad\nextends: kazakhstan-2022\nchanges:\n  - remvoe: withdrawal-announced\n");
        JsonNode error = typo.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo(Library.UPLOAD_NAME);
        assertThat(error.get("line").asInt()).isEqualTo(4);
        assertThat(error.get("column").asInt()).isEqualTo(5);
        assertThat(error.get("message").asText()).contains("did you mean 'remove'");

        JsonNode unknownEvent = draft("scenario: draft-bad\nextends: kazakhstan-2022\nchanges:\n  - remove: no-such-event\n");
        assertThat(unknownEvent.get("errors").get(0).get("line").asInt()).isEqualTo(4);
    }

    @Test
    void aDraftKeepsTheLimitsOfAnUpload() throws Exception {
        JsonNode outside = draft("scenario: sneaky\nextends: ../../etc/passwd\n");
        assertThat(outside.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(outside.get("errors").get(0).get("message").asText()).contains("scenarios folder");
        JsonNode taken = draft("scenario: kazakhstan-2022\nevents:\n  - {id: a, on: 2022-01-01, type: Note, text: x}\n");
        assertThat(taken.get("errors").get(0).get("message").asText()).contains("choose another id");
        mvc.perform(post("/api/drafts").contentType(YAML).content("x".repeat(Library.MAX_UPLOAD + 1)))
                .andExpect(status().isPayloadTooLarge());
        mvc.perform(post("/api/drafts").contentType(YAML).content("")).andExpect(status().isBadRequest());
    }

    /**
     * The fan chart's data: the shipped sweep's variants summarized per day (the percentiles of its
     * example, seed 2022), as the listing marks it a sweep; run, not stored.
     */
    @Test
    void summarizesASweepFilePerDayForTheFanChart() throws Exception {
        JsonNode listed = json("/api/scenarios");
        listed.forEach(e -> {
            if (e.get("id").asText().equals("appeal-later-sweep")) {
                assertThat(e.get("sweep").asBoolean()).isTrue();
            }
            if (e.get("id").asText().equals("kazakhstan-2022")) {
                assertThat(e.get("sweep").asBoolean()).isFalse();
            }
        });
        assertThat(json("/api/scenarios/appeal-later-sweep").get("sweep").asBoolean()).isTrue();
        JsonNode sweep = json("/api/sweeps/appeal-later-sweep?field=troops.inCountry&on=2022-01-12");
        assertThat(sweep.get("scenario").asText()).isEqualTo("appeal-later-sweep");
        assertThat(sweep.get("variants").asInt()).isEqualTo(120);
        assertThat(sweep.get("seed").asLong()).isEqualTo(2022);
        JsonNode figure = sweep.get("fields").get(0);
        assertThat(figure.get("field").asText()).isEqualTo("troops.inCountry");
        assertThat(figure.get("kind").asText()).isEqualTo("figure");
        JsonNode day = null;
        for (JsonNode d : figure.get("days")) {
            if (!d.get("p50").isNull()) {
                assertThat(d.get("p5").asLong()).isLessThanOrEqualTo(d.get("p50").asLong());
                assertThat(d.get("p50").asLong()).isLessThanOrEqualTo(d.get("p95").asLong());
            }
            if (d.get("on").asText().equals("2022-01-12")) {
                day = d;
            }
        }
        // the example's numbers (README, and the sweep file's header)
        assertThat(List.of(day.get("p5").asLong(), day.get("p50").asLong(), day.get("p95").asLong()))
                .containsExactly(2029L, 2521L, 3703L);
        assertThat(sweep.get("byParameter").get(0).get("on").asText()).isEqualTo("2022-01-12");
        mvc.perform(get("/api/sweeps/appeal-later-sweep?field=troops.inCuontry")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/sweeps/kazakhstan-2022")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/sweeps/no-such-sweep")).andExpect(status().isNotFound());
        mvc.perform(get("/api/sweeps/appeal-later-sweep?on=2030-01-01")).andExpect(status().isBadRequest());
        assertThat(json("/api/scenarios").toString()).as("the variants were not stored").doesNotContain("appeal-later-sweep~");
    }
}
