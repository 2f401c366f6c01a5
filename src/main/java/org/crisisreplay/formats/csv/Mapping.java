package org.crisisreplay.formats.csv;

import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Position;
import org.crisisreplay.scenario.ScenarioReader;
import org.crisisreplay.scenario.Problem;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.story.EventTypes;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the columns of an event table become events of the scenario language: which column holds the
 * date, the type, the sources ..., and for each value of the type column, the event type it means
 * and the column (or fixed value) that gives each of its fields. Read from a YAML file; the default,
 * {@code acled-mapping.yaml} next to this class, reads ACLED-like tables and this program's own export.
 */
public record Mapping(String name, Map<String, List<String>> columns, Map<String, TypeRule> types, DateTimeFormatter dateFormat) {

    /** What the {@code columns} section may name; {@code date} and {@code type} must be named. */
    public static final List<String> COLUMN_KEYS = List.of("id", "date", "time", "precision", "type", "reported",
            "summary", "source_ids", "source_titles", "source_urls", "claim_source_titles", "claim_source_urls", "fields");
    static final List<String> TOP_KEYS = List.of("columns", "types", "date_format");
    static final List<String> RULE_KEYS = List.of("type", "fields");

    public static final String DEFAULT = "acled-mapping.yaml";

    /** Where a field's value comes from: a column of the table, or a value written in the mapping. */
    public record Source(String column, String value) {
    }

    /** One value of the type column: the event type it becomes and where each of its fields comes from. */
    public record TypeRule(String type, Map<String, Source> fields) {
    }

    /** The column a key names: the first of its names that the header has, else its first name. */
    public String column(String key, java.util.Collection<String> header) {
        List<String> names = columns.getOrDefault(key, List.of());
        return names.stream().filter(header::contains).findFirst().orElse(names.isEmpty() ? null : names.get(0));
    }

    /** The rule for a value of the type column: its own entry, or, for a type of the language, none needed. */
    public TypeRule rule(String typeCell) {
        TypeRule r = types.get(typeCell);
        if (r != null) {
            return r;
        }
        return EventTypes.get(typeCell) != null ? new TypeRule(typeCell, Map.of()) : null;
    }

    public static Mapping defaults() {
        try (InputStream in = Mapping.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("the default mapping " + DEFAULT + " is missing from the program");
            }
            return read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "(default) " + DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a mapping file; every problem is reported at its line and column. */
    public static Mapping read(String text, String shownAs) {
        List<Problem> problems = new ArrayList<>();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new InvalidScenarioException(ScenarioReader.at(shownAs, e.getProblemMark()), "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new InvalidScenarioException(new Position(shownAs, 1, 1), "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode top)) {
            throw new InvalidScenarioException(root == null ? new Position(shownAs, 1, 1) : ScenarioReader.at(shownAs, root.getStartMark()),
                    "a mapping file is a YAML mapping with 'columns' and 'types'");
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, TypeRule> types = new LinkedHashMap<>();
        DateTimeFormatter dateFormat = DateTimeFormatter.ISO_LOCAL_DATE;
        for (NodeTuple t : top.getValue()) {
            String key = scalar(t.getKeyNode(), shownAs, problems);
            if (key == null) {
                continue;
            }
            Node v = t.getValueNode();
            switch (key) {
                case "columns" -> {
                    for (NodeTuple c : entries(v, "'columns' (a mapping of names to columns)", shownAs, problems)) {
                        String k = scalar(c.getKeyNode(), shownAs, problems);
                        List<String> names = new ArrayList<>();
                        if (c.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
                            seq.getValue().forEach(x -> names.add(scalar(x, shownAs, problems)));
                        } else {
                            names.add(scalar(c.getValueNode(), shownAs, problems));
                        }
                        if (k != null && !COLUMN_KEYS.contains(k)) {
                            problems.add(new Problem(ScenarioReader.at(shownAs, c.getKeyNode().getStartMark()), "unknown column key '" + k + "'"
                                    + Suggestions.hint(k, COLUMN_KEYS) + "; known: " + String.join(", ", COLUMN_KEYS)));
                        } else if (k != null && !names.isEmpty() && !names.contains(null)) {
                            columns.put(k, List.copyOf(names));
                        }
                    }
                }
                case "types" -> {
                    for (NodeTuple r : entries(v, "'types' (a mapping of type column values to rules)", shownAs, problems)) {
                        String value = scalar(r.getKeyNode(), shownAs, problems);
                        TypeRule rule = rule(value, r.getValueNode(), shownAs, problems);
                        if (value != null && rule != null) {
                            types.put(value, rule);
                        }
                    }
                }
                case "date_format" -> {
                    String pattern = scalar(v, shownAs, problems);
                    try {
                        dateFormat = pattern == null ? dateFormat : DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem(ScenarioReader.at(shownAs, v.getStartMark()), "not a date pattern: " + e.getMessage()));
                    }
                }
                default -> problems.add(new Problem(ScenarioReader.at(shownAs, t.getKeyNode().getStartMark()), "unknown key '" + key + "'"
                        + Suggestions.hint(key, TOP_KEYS) + "; known: " + String.join(", ", TOP_KEYS)));
            }
        }
        for (String required : List.of("date", "type")) {
            if (!columns.containsKey(required)) {
                problems.add(new Problem(ScenarioReader.at(shownAs, top.getStartMark()), "'columns' must name the '" + required + "' column"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        return new Mapping(shownAs, Map.copyOf(columns), types, dateFormat);
    }

    private static TypeRule rule(String value, Node n, String shownAs, List<Problem> problems) {
        String type = value;
        Map<String, Source> fields = new LinkedHashMap<>();
        Node fieldsNode = null;
        for (NodeTuple t : entries(n, "a rule ({type, fields})", shownAs, problems)) {
            String key = scalar(t.getKeyNode(), shownAs, problems);
            if ("type".equals(key)) {
                type = scalar(t.getValueNode(), shownAs, problems);
            } else if ("fields".equals(key)) {
                fieldsNode = t.getValueNode();
            } else if (key != null) {
                problems.add(new Problem(ScenarioReader.at(shownAs, t.getKeyNode().getStartMark()), "unknown key '" + key + "'"
                        + Suggestions.hint(key, RULE_KEYS) + "; a rule has: type, fields"));
            }
        }
        EventTypes.TypeSpec spec = type == null ? null : EventTypes.get(type);
        if (spec == null) {
            problems.add(new Problem(ScenarioReader.at(shownAs, n.getStartMark()), "'" + type + "' is not an event type"
                    + Suggestions.hint(String.valueOf(type), EventTypes.names()) + "; give the rule a 'type'"));
            return null;
        }
        if (fieldsNode != null) {
            for (NodeTuple f : entries(fieldsNode, "'fields' (field: column, or field: {value: ...})", shownAs, problems)) {
                String field = scalar(f.getKeyNode(), shownAs, problems);
                if (field == null) {
                    continue;
                }
                if (spec.field(field) == null) {
                    problems.add(new Problem(ScenarioReader.at(shownAs, f.getKeyNode().getStartMark()), type + " has no field '" + field + "'"
                            + Suggestions.hint(field, spec.fieldNames()) + "; it has: " + String.join(", ", spec.fieldNames())));
                    continue;
                }
                Node v = f.getValueNode();
                if (v instanceof MappingNode m && m.getValue().size() == 1
                        && "value".equals(scalar(m.getValue().get(0).getKeyNode(), shownAs, problems))) {
                    fields.put(field, new Source(null, scalar(m.getValue().get(0).getValueNode(), shownAs, problems)));
                } else if (v instanceof ScalarNode) {
                    fields.put(field, new Source(scalar(v, shownAs, problems), null));
                } else {
                    problems.add(new Problem(ScenarioReader.at(shownAs, v.getStartMark()), "field '" + field
                            + "' is a column name or {value: ...}"));
                }
            }
        }
        return new TypeRule(type, fields);
    }

    private static List<NodeTuple> entries(Node n, String what, String shownAs, List<Problem> problems) {
        if (n instanceof MappingNode m) {
            return m.getValue();
        }
        problems.add(new Problem(ScenarioReader.at(shownAs, n.getStartMark()), "expected " + what));
        return List.of();
    }

    private static String scalar(Node n, String shownAs, List<Problem> problems) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        problems.add(new Problem(ScenarioReader.at(shownAs, n.getStartMark()), "expected a single value here"));
        return null;
    }
}
