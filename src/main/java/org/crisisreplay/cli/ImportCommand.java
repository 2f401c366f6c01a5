package org.crisisreplay.cli;

import org.crisisreplay.formats.csv.Mapping;
import org.crisisreplay.formats.csv.TableImport;
import org.crisisreplay.formats.csv.Utf8Reader;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Position;
import org.crisisreplay.scenario.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"A table of dated events (CSV, UTF-8; ACLED-like by default) into a scenario file, checked "
                + "as `validate` checks one before it is written.",
                "A row that cannot be imported is an error TABLE:ROW:COLUMN (the header is row 1), or with "
                        + "--skip-bad a warning; no row is left out without one."})
class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TABLE", description = "the table, a CSV file with a header row")
    Path table;

    @Option(names = "--mapping", paramLabel = "MAPPING.yaml",
            description = "which column holds what (default: the ACLED-like layout that export --format csv writes)")
    Path mapping;

    @Option(names = "--out", required = true, paramLabel = "SCENARIO.yaml", description = "the scenario file to write")
    Path out;

    @Option(names = "--skip-bad", description = "leave out the rows that cannot be imported, with a warning for each")
    boolean skipBad;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    ImportCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() throws IOException {
        Mapping m = mapping == null ? Mapping.defaults()
                : Mapping.read(Utf8Reader.read(bytes(mapping), mapping.toString()), mapping.toString());
        Workspace ws = workspace;
        TableImport.Result r = TableImport.run(
                new TableImport.Request(bytes(table), table.toString(), m, out, skipBad), ws::check);
        for (Problem w : r.warnings()) {
            spec.commandLine().getErr().println(w.at() + ": warning: " + w.message());
        }
        Files.writeString(out, r.yaml(), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println(out + ": " + r.events() + " events from " + table
                + (r.warnings().isEmpty() ? "" : " (" + r.warnings().size() + " warnings)"));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return Cli.OK;
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new InvalidScenarioException(new Position(p.toString(), 1, 1), "no such file");
        } catch (IOException e) {
            throw new InvalidScenarioException(new Position(p.toString(), 1, 1), "cannot read: " + e.getMessage());
        }
    }
}
