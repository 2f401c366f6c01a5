package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares two scenarios day by day (usually the real timeline and a what-if): the first day "
                + "their states differ, the events the what-if removed, and per day every differing state path."})
class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASE", description = "a scenario file or id")
    String base;

    @Parameters(index = "1", paramLabel = "WHATIF", description = "a scenario file or id")
    String whatIf;

    @Option(names = "--json", description = "print {base, whatIf, firstDivergence, removed, days: [{on, changes}]}")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    DiffCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        // both files are read (or found stored) before anything runs: a bad one is refused first
        var both = workspace.open(java.util.List.of(base, whatIf));
        Workspace.Opened a = both.get(0);
        Workspace.Opened b = both.get(1);
        ObjectNode diff = b.views().diff(a.story(), b.story());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(diff));
        } else {
            out.print(text(diff, a.title(), b.title()));
        }
        out.flush();
        return Cli.OK;
    }

    static String text(ObjectNode diff, String baseTitle, String whatIfTitle) {
        StringBuilder sb = new StringBuilder();
        sb.append("base     ").append(diff.get("base").asText()).append("  ").append(baseTitle).append('\n');
        sb.append("what-if  ").append(diff.get("whatIf").asText()).append("  ").append(whatIfTitle).append('\n');
        sb.append("removed  ").append(diff.get("removed").isEmpty() ? "—" : Text.value(diff.get("removed"))).append('\n');
        JsonNode first = diff.get("firstDivergence");
        if (first.isNull()) {
            sb.append("\nThe two stories never differ.\n");
            return sb.toString();
        }
        sb.append("first divergence  ").append(first.asText()).append('\n');
        int pathWidth = 4;
        int baseWidth = 4;
        for (JsonNode d : diff.get("days")) {
            for (JsonNode c : d.get("changes")) {
                pathWidth = Math.max(pathWidth, c.get("path").asText().length());
                baseWidth = Math.max(baseWidth, Math.min(48, Text.value(c.get("base")).length()));
            }
        }
        for (JsonNode d : diff.get("days")) {
            boolean isFirst = d.get("on").asText().equals(first.asText());
            sb.append('\n').append(isFirst ? ">> " : "   ").append(Text.dayHeading(d.get("on").asText()))
                    .append(isFirst ? "   <- first divergence" : "").append('\n');
            sb.append("     ").append(Text.pad("path", pathWidth)).append("  ").append(Text.pad("base", baseWidth))
                    .append(" | what-if\n");
            for (JsonNode c : d.get("changes")) {
                sb.append("     ").append(Text.pad(c.get("path").asText(), pathWidth)).append("  ")
                        .append(Text.pad(Text.value(c.get("base")), baseWidth)).append(" | ")
                        .append(Text.value(c.get("whatIf"))).append('\n');
            }
        }
        return sb.toString();
    }
}
