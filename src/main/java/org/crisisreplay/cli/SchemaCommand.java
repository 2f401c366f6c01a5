package org.crisisreplay.cli;

import org.crisisreplay.scenario.ScenarioSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints the JSON Schema of the scenario language (also in scenarios/scenario.schema.json), "
                + "for editors that complete and check YAML files."})
class SchemaCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Json.pretty(ScenarioSchema.generate()));
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
