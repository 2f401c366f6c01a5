package org.crisisreplay.cli;

import org.crisisreplay.state.StateJson;
import org.crisisreplay.timeline.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"The state of things on a date: the mission, the troops (every contested figure with its "
                + "range and sources), the withdrawal, the host country and diplomacy.",
                "Without --as-known-on, everything the file knows counts (hindsight)."})
class StateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a scenario file, or the id of one in scenarios/")
    String file;

    @Option(names = "--on", required = true, paramLabel = "DATE", converter = DateConverter.class,
            description = "the date to look at (YYYY-MM-DD)")
    LocalDate on;

    @Option(names = "--as-known-on", paramLabel = "DATE", converter = DateConverter.class,
            description = "count only what had been reported by this date, minus what was retracted by then")
    LocalDate asKnownOn;

    @Option(names = "--json", description = "print the state as JSON")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    StateCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        Workspace.Opened opened = workspace.open(file);
        Views views = opened.views();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(views.stateJson(opened.story(), on, asKnownOn)));
        } else {
            StringBuilder sb = new StringBuilder();
            sb.append(opened.title()).append('\n');
            sb.append(opened.story().scenario()).append(" on ").append(on)
                    .append(asKnownOn == null ? " (hindsight)" : " as known on " + asKnownOn).append("\n\n");
            Text.block(sb, StateJson.body(views.state(opened.story(), on, asKnownOn)), "");
            out.print(sb);
        }
        out.flush();
        return Cli.OK;
    }
}
