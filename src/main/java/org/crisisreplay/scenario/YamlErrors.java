package org.crisisreplay.scenario;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import static org.crisisreplay.scenario.Limits.MAX_DEPTH;

/** SnakeYAML's syntax errors in the words of someone editing a scenario file. */
final class YamlErrors {

    private final String file;

    YamlErrors(String file) {
        this.file = file;
    }

    /**
     * SnakeYAML's wording is for parser writers; this says the same in the words of someone editing
     * the file, at the place to look. Something opened and never closed is reported where it opens,
     * as the end of the file says nothing.
     */
    Problem problem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark opened = e.getContextMark();
        String where = opened == null ? "" : " at line " + (opened.getLine() + 1) + ", column " + (opened.getColumn() + 1);
        String message;
        if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
            message = "tab character: YAML is indented with spaces, not tabs";
        } else if (problem.contains("nesting depth")) {
            message = "nested more than " + MAX_DEPTH + " levels deep (the limit)";
        } else if (problem.contains("end of stream") && opened != null && context.contains("quoted scalar")) {
            at = opened;
            message = "invalid YAML: this quote is never closed";
        } else if (problem.contains("end of stream") && opened != null && context.contains("flow")) {
            at = opened;
            message = "invalid YAML: this " + (context.contains("mapping") ? "'{'" : "'['") + " is never closed";
        } else if (context.contains("flow mapping") || context.contains("flow sequence")) {
            boolean map = context.contains("mapping");
            message = "invalid YAML: expected ',' or '" + (map ? "}" : "]") + "' in the " + (map ? "{...}" : "[...]")
                    + " opened" + where + ", found " + found(problem) + " (is a '" + (map ? "}" : "]")
                    + "' missing?)";
        } else if (context.contains("block mapping") || context.contains("block collection")) {
            message = "invalid YAML: bad indentation: this line does not line up with the keys of the map"
                    + " that starts" + where;
        } else if (context.contains("simple key") && opened != null) {
            at = opened;
            message = "invalid YAML: this key has no ':' after it (or the line after it is indented wrongly)";
        } else if (problem.contains("cannot start any token")) {
            String c = problem.replaceFirst("(?s).*character '(.+?)'.*", "$1");
            message = "invalid YAML: '" + c + "' cannot start a value: put the text in quotes";
        } else if (problem.contains("unknown escape character")) {
            String c = problem.replaceFirst("(?s).*unknown escape character (.*?)(\\(\\d+\\))?$", "$1");
            message = "invalid YAML: unknown escape '\\" + c + "' in double quotes: write '\\\\' for a backslash, "
                    + "or use single quotes";
        } else if (problem.contains("<document start>")) {
            message = "invalid YAML: text after the end of the document ('...'): a file holds one scenario";
        } else if (problem.contains("mapping values are not allowed")) {
            message = "invalid YAML: a ':' cannot go here: put text that holds ': ' in quotes, or check the "
                    + "indentation";
        } else if (problem.contains("undefined alias")) {
            String alias = problem.substring(problem.lastIndexOf(' ') + 1);
            message = "invalid YAML: the alias *" + alias + " names no anchor (an anchor is written &" + alias + ")";
        } else if (problem.contains("another document")) {
            message = "invalid YAML: a second document ('---') follows the scenario: a file holds one scenario";
        } else {
            message = "invalid YAML: " + (context.isEmpty() ? "" : context + ": ") + problem;
        }
        return new Problem(ScenarioReader.at(file, at), message);
    }

    /** What SnakeYAML found instead, from "..., but found X" or "..., but got X". */
    private static String found(String problem) {
        int i = Math.max(problem.lastIndexOf("but found "), problem.lastIndexOf("but got "));
        if (i < 0) {
            return "something else";
        }
        String token = problem.substring(problem.indexOf(' ', i + 4) + 1).trim();
        return switch (token) {
            case ":" -> "':'";
            case "<block end>", "<stream end>" -> "the end of the block";
            case "<scalar>" -> "a value";
            default -> token.startsWith("'") ? token : "'" + token + "'";
        };
    }
}
