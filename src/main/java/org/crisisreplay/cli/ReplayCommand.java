package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"The story day by day: each day's events with their sources, and what they changed."})
class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a scenario file, or the id of one in scenarios/")
    String file;

    @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class, description = "first day (default: the period's)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class, description = "last day (default: the period's)")
    LocalDate to;

    @Option(names = "--as-it-unfolded", description = "show each day as it was known that day: events appear when reported")
    boolean unfolded;

    @Option(names = "--json", description = "one JSON object per day and line: {on, events, changes, state}")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    ReplayCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        if (from != null && to != null && to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        Workspace.Opened opened = workspace.open(file);
        List<ObjectNode> days = opened.views().replay(opened.story(), from, to, unfolded);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            days.forEach(d -> out.println(Json.line(d)));
        } else {
            out.println(opened.title() + (unfolded ? " — as it unfolded" : ""));
            for (ObjectNode d : days) {
                out.print(day(d, unfolded));
            }
        }
        out.flush();
        return Cli.OK;
    }

    static String day(ObjectNode d, boolean unfolded) {
        StringBuilder sb = new StringBuilder("\n").append(Text.dayHeading(d.get("on").asText())).append('\n');
        JsonNode events = d.get("events");
        if (events.isEmpty()) {
            sb.append("  (nothing ").append(unfolded ? "reported" : "happened").append(")\n");
        }
        int idWidth = 0;
        int typeWidth = 0;
        for (JsonNode e : events) {
            idWidth = Math.max(idWidth, e.get("id").asText().length());
            typeWidth = Math.max(typeWidth, e.get("type").asText().length());
        }
        for (JsonNode e : events) {
            String time = e.get("at").isNull() ? "     " : e.get("at").asText();
            sb.append("  ").append(time).append("  ").append(Text.pad(e.get("id").asText(), idWidth)).append("  ")
                    .append(Text.pad(e.get("type").asText(), typeWidth)).append("  ")
                    .append(e.get("summary").isNull() ? "" : e.get("summary").asText());
            if (e.path("approx").asBoolean()) {
                sb.append(" (date approximate)");
            }
            sb.append('\n');
            String indent = "         " + " ".repeat(idWidth) + "  ";
            if (e.has("happenedOn")) {
                sb.append(indent).append("reported today, happened ").append(e.get("happenedOn").asText()).append('\n');
            } else if (!unfolded && !e.get("reported").asText().equals(e.get("on").asText())) {
                sb.append(indent).append("reported ").append(e.get("reported").asText()).append('\n');
            }
            if (e.has("takesBack")) {
                JsonNode t = e.get("takesBack");
                sb.append(indent).append("takes back ").append(t.get("id").asText()).append(" (")
                        .append(t.get("on").asText()).append("): ")
                        .append(t.get("summary").isNull() ? t.get("type").asText() : t.get("summary").asText()).append('\n');
            }
            if (e.get("rule") != null && !e.get("rule").isNull()) {
                sb.append(indent).append("made by rule ").append(e.get("rule").asText()).append('\n');
            }
            if (!e.get("sources").isEmpty()) {
                sb.append(indent).append("sources: ").append(Text.value(e.get("sources"))).append('\n');
            }
        }
        JsonNode changes = d.get("changes");
        if (!changes.isEmpty()) {
            sb.append("  changed\n");
            int width = 0;
            for (JsonNode c : changes) {
                width = Math.max(width, c.get("path").asText().length());
            }
            for (JsonNode c : changes) {
                sb.append("    ").append(Text.pad(c.get("path").asText(), width)).append("  ")
                        .append(change(c.get("from"), c.get("to"))).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code from → to}; for a list, only what was added and what was taken away. */
    static String change(JsonNode from, JsonNode to) {
        if (from.isArray() && to.isArray() && !from.isEmpty()) {
            List<String> before = new java.util.ArrayList<>();
            List<String> after = new java.util.ArrayList<>();
            from.forEach(x -> before.add(Text.value(x)));
            to.forEach(x -> after.add(Text.value(x)));
            List<String> added = after.stream().filter(x -> !before.contains(x)).toList();
            List<String> removed = before.stream().filter(x -> !after.contains(x)).toList();
            StringBuilder sb = new StringBuilder();
            if (!added.isEmpty()) {
                sb.append("+ ").append(String.join(", ", added));
            }
            if (!removed.isEmpty()) {
                sb.append(sb.length() > 0 ? "   " : "").append("- ").append(String.join(", ", removed));
            }
            if (sb.length() > 0) {
                return sb.toString();
            }
        }
        return Text.value(from) + "  →  " + Text.value(to);
    }
}
