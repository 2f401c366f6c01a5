package org.crisisreplay.cli;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Problem;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.SourceUse;
import org.crisisreplay.state.State;
import org.crisisreplay.state.StateJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks syntax, references, dates and invariants (by running the story without storing it).",
                "Prints 'FILE: ok' or every error as FILE:LINE:COLUMN: message; warns about sources no event cites, "
                        + "events that cite none, and reported totals of the troops that the contingents contradict "
                        + "by more than " + State.Disagreement.TOLERANCE_PERCENT + " %% on the day of the report."})
class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "scenario files")
    List<String> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    ValidateCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = Cli.OK;
        Workspace ws = workspace;
        for (String file : files) {
            try {
                Scenario s = ws.load(file);
                List<State.Disagreement> disagreements = ws.check(s);
                for (Problem w : SourceUse.warnings(s)) {
                    err.println(w.at() + ": warning: " + w.message());
                }
                for (State.Disagreement d : disagreements) {
                    err.println(s.positionOf(d.event(), null) + ": warning: the troops do not add up: "
                            + Text.value(StateJson.value(d)));
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
