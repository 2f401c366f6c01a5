package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.EventJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"The stored event stream of a scenario, in the order applied (rule-made events included)."})
class EventsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a scenario file, or the id of one in scenarios/")
    String file;

    @Option(names = "--json", description = "one JSON object per line: {seq, id, on, type, fields, sources, rule}")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    EventsCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        Workspace.Opened opened = workspace.open(file);
        List<StoryEvent> events = opened.timeline().storedEvents(opened.story().storylineId());
        PrintWriter out = spec.commandLine().getOut();
        int idWidth = events.stream().mapToInt(e -> e.meta().id().length()).max().orElse(0);
        int typeWidth = events.stream().mapToInt(e -> e.type().length()).max().orElse(0);
        int seq = 0;
        for (StoryEvent e : events) {
            seq++;
            ObjectNode o = EventJson.of(e, seq);
            if (json) {
                out.println(Json.line(o));
            } else {
                out.printf("%5d  %s  %s  %s  %s%s%n", seq, e.meta().on(), Text.pad(e.meta().id(), idWidth),
                        Text.pad(e.type(), typeWidth), e.meta().summary() == null ? "" : e.meta().summary(),
                        e.meta().rule() == null ? "" : "  [rule " + e.meta().rule() + "]");
            }
        }
        out.flush();
        return Cli.OK;
    }
}
