package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.ScenarioFile;
import org.crisisreplay.scenario.SourceUse;
import org.crisisreplay.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sources", mixinStandardHelpOptions = true,
        description = {"The scenario's sources, each with the number of stored events citing it."})
class SourcesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a scenario file, or the id of one in scenarios/")
    String file;

    @Option(names = "--json", description = "print JSON: {scenario, sources: [{id, title, url, published, events}]}")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    SourcesCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        Scenario scenario = workspace.load(file);
        Workspace.Opened opened = workspace.open(scenario);
        var events = opened.timeline().storedEvents(opened.story().storylineId());
        Map<String, Integer> counts = SourceUse.counts(scenario, events);
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", scenario.id());
        ArrayNode list = root.putArray("sources");
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            ScenarioFile.SourceDef s = scenario.sources().get(c.getKey());
            ObjectNode o = list.addObject();
            o.put("id", c.getKey());
            o.put("title", s.title());
            o.put("url", s.url());
            o.put("published", s.published() == null ? null : s.published().toString());
            o.put("events", c.getValue());
            if (!json) {
                out.printf("%s  %4d  %s%s%n", Text.pad(c.getKey(), width), c.getValue(), s.title(),
                        s.url() == null ? "" : "  <" + s.url() + ">");
            }
        }
        if (json) {
            out.println(Json.pretty(root));
        }
        out.flush();
        return Cli.OK;
    }
}
