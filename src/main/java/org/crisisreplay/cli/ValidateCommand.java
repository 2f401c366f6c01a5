package org.crisisreplay.cli;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Problem;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.SourceUse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks syntax, references, dates and invariants (by running the story without storing it).",
                "Prints 'FILE: ok' or every error as FILE:LINE:COLUMN: message; warns about sources no event cites "
                        + "and events that cite none."})
class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "scenario files")
    List<String> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = Cli.OK;
        Workspace ws = Cli.workspace();
        for (String file : files) {
            try {
                Scenario s = ws.load(file);
                ws.check(s);
                for (Problem w : SourceUse.warnings(s)) {
                    err.println(w.at() + ": warning: " + w.message());
                }
                out.println(file + ": ok");
            } catch (InvalidScenarioException e) {
                e.problems().forEach(err::println);
                code = Cli.INVALID;
            }
        }
        out.flush();
        err.flush();
        return code;
    }
}
