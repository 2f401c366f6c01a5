package org.crisisreplay.cli;

import org.crisisreplay.formats.KnownEvents;
import org.crisisreplay.formats.csv.CsvExport;
import org.crisisreplay.formats.timelinejs.TimelineJsExport;
import org.crisisreplay.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"The stored events in another tool's format: a TimelineJS document (JSON), or an "
                + "ACLED-like table (CSV, UTF-8, RFC 4180) with a CAMEO code per event.",
                "Retracted reports stay in, marked as retracted."})
class ExportCommand implements Callable<Integer> {

    enum Format { timelinejs, csv }

    @Parameters(paramLabel = "FILE", description = "a scenario file, or the id of one in scenarios/")
    String file;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "timelinejs or csv")
    Format format;

    @Option(names = "--as-known-on", paramLabel = "DATE", converter = DateConverter.class,
            description = "only what had been reported by this date; retractions reported by then are shown")
    LocalDate asKnownOn;

    @Option(names = "--out", paramLabel = "PATH", description = "write here instead of to standard output")
    Path outFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    ExportCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() throws IOException {
        // the file's sources and actors name what the stored events cite
        Scenario scenario = workspace.load(file);
        Workspace.Opened opened = workspace.open(file);
        KnownEvents known = KnownEvents.of(opened.timeline().storedEvents(opened.story().storylineId()), asKnownOn);
        String text = switch (format) {
            case csv -> CsvExport.toString(scenario, known);
            case timelinejs -> TimelineJsExport.toJson(scenario, known);
        };
        if (outFile != null) {
            Files.writeString(outFile, text, StandardCharsets.UTF_8);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        return Cli.OK;
    }
}
