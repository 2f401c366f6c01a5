package org.crisisreplay.cli;

import org.crisisreplay.scenario.ScenarioGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a large valid scenario of made-up events, the same for the same arguments: 20 %% "
                + "statements, 15 %% arrivals, 5 %% talks, 5 %% guarded facilities, the rest detentions, casualties "
                + "and notes, spread over the days from 2030-01-01."})
class GenerateCommand implements Callable<Integer> {

    @Option(names = "--events", required = true, paramLabel = "N", description = "how many events (1 to 50000)")
    int events;

    @Option(names = "--days", defaultValue = "365", paramLabel = "D", description = "over how many days (default 365)")
    int days;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the order and values (default 1)")
    long seed;

    @Option(names = "--id", defaultValue = "generated", paramLabel = "ID", description = "the scenario's id")
    String id;

    @Option(names = "--out", paramLabel = "FILE", description = "write to this file (default: standard output)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String yaml;
        try {
            yaml = ScenarioGenerator.generate(id, events, days, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out != null) {
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(yaml);
            w.flush();
        }
        return Cli.OK;
    }
}
