package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The two verbs in process: exit codes, errors and warnings as a user sees them. */
class FormatsCommandTest {

    private static final String TABLES = "src/test/resources/formats/tables/";

    @TempDir
    Path data;

    @Test
    void aTableWithBadRowsExitsWith2NamingEachRowAndWritesNothing() {
        Path out = data.resolve("out.yaml");
        CliHarness.Result r = CliHarness.run(data, "import", TABLES + "bad-rows.csv", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(4).allSatisfy(l -> assertThat(l).startsWith(TABLES + "bad-rows.csv:"));
        assertThat(r.err()).contains(TABLES + "bad-rows.csv:4:3: unknown event type 'ProtestBegan' (did you mean 'ProtestsBegan'?)");
        assertThat(out).doesNotExist();
    }

    @Test
    void anImportThatBreaksAnInvariantNamesTheRowAndSkipBadLeavesItOutWithAWarning() throws Exception {
        Path out = data.resolve("out.yaml");
        CliHarness.Result r = CliHarness.run(data, "import", TABLES + "arrival-before-request.csv", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith(TABLES + "arrival-before-request.csv:2:3: ").contains("arrive");
        assertThat(out).doesNotExist();

        CliHarness.Result skipped = CliHarness.run(data, "import", TABLES + "arrival-before-request.csv", "--out",
                out.toString(), "--skip-bad");
        assertThat(skipped.exit()).as(skipped.err()).isZero();
        assertThat(skipped.err().lines()).singleElement().asString()
                .startsWith(TABLES + "arrival-before-request.csv:2:3: warning: ").endsWith("; row skipped");
        assertThat(skipped.out()).isEqualTo(out + ": 2 events from " + TABLES + "arrival-before-request.csv (1 warnings)\n");
        assertThat(Files.readString(out)).contains("id: ask").contains("id: note").doesNotContain("id: arrive");
    }

    @Test
    void exportWritesTheStoredEventsKnownByThenToStandardOutput() throws Exception {
        CliHarness.Result r = CliHarness.run(data, "export", "src/test/resources/formats/every-type.yaml",
                "--format", "timelinejs", "--as-known-on", "2031-03-15");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        // the fixture's 28 events less the two after 15 March: the retraction and the closing note
        assertThat(doc.get("events")).hasSize(26);
        assertThat(doc.at("/title/text/text").asText()).contains("as known on 2031-03-15");
    }

    @Test
    void aMissingTableOrAnUnknownFormatIsInvalidInput() {
        CliHarness.Result missing = CliHarness.run(data, "import", "no-such.csv", "--out", data.resolve("x.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("no-such.csv:1:1: no such file\n");
        CliHarness.Result format = CliHarness.run(data, "export", "scenarios/kazakhstan-2022.yaml", "--format", "xml");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format").contains("timelinejs, csv");
    }
}
