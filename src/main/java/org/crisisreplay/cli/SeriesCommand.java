package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.state.StateJson;
import org.crisisreplay.state.StatePaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "series", mixinStandardHelpOptions = true,
        description = {"One state path on every day of the period, as JSON {scenario, field, points} or CSV.",
                "Paths: mission.status, mission.daysDeployed, troops.inCountry, troops.contingents.<actor id>, "
                        + "host.detained, host.casualties.security.killed, ... (as in the state JSON)."})
class SeriesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a scenario file, or the id of one in scenarios/")
    String file;

    @Option(names = "--field", required = true, paramLabel = "PATH", description = "a dotted path into the state")
    String field;

    @Option(names = "--csv", description = "write CSV: on,value (a figure: on,best,low,high)")
    boolean csv;

    @Option(names = "--as-known-on", paramLabel = "DATE", converter = DateConverter.class,
            description = "every day as known on this date")
    LocalDate asKnownOn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    SeriesCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        if (!StatePaths.isKnown(field)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown state path '" + field + "'"
                    + Suggestions.hint(field, StatePaths.examples()));
        }
        Workspace.Opened opened = workspace.open(file);
        ObjectNode series = opened.views().series(opened.story(), field, asKnownOn);
        PrintWriter out = spec.commandLine().getOut();
        if (!csv) {
            out.println(Json.pretty(series));
        } else {
            boolean figure = false;
            for (JsonNode p : series.get("points")) {
                figure |= StateJson.isFigure(p.get("value"));
            }
            out.println(figure ? "on,best,low,high" : "on,value");
            for (JsonNode p : series.get("points")) {
                JsonNode v = p.get("value");
                String on = p.get("on").asText();
                if (figure) {
                    out.println(on + "," + (v.isNull() ? ",," : v.get("best").asText() + "," + v.get("low").asText()
                            + "," + v.get("high").asText()));
                } else {
                    out.println(on + "," + csvCell(v));
                }
            }
        }
        out.flush();
        return Cli.OK;
    }

    private static String csvCell(JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        String s = v.isValueNode() ? v.asText() : Text.value(v);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
