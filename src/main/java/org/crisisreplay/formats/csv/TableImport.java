package org.crisisreplay.formats.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.crisisreplay.scenario.InvalidScenarioException;
import org.crisisreplay.scenario.Limits;
import org.crisisreplay.scenario.Position;
import org.crisisreplay.scenario.Problem;
import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.ScenarioReader;
import org.crisisreplay.scenario.Suggestions;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Field;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a table of dated events into a scenario file of this program's language: one event per row,
 * the sources and actors the rows name, a figure's low and high as its claims. A row that cannot be
 * turned into a valid event is an error at {@code TABLE:ROW:COLUMN} (the header is row 1, columns
 * count from 1) or, when bad rows may be skipped, a warning at the same place; no row is dropped
 * without one. The scenario written is assembled (and run, by the caller's check) before it is
 * returned, and what it breaks is reported at the row of the event that breaks it.
 */
public final class TableImport {

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A skipped row may leave others broken (a retraction of it, say); so many rounds settle it. */
    private static final int MAX_ROUNDS = 10;

    /** The scenario file written, the warnings (rows skipped, titles not known), and how many events it has. */
    public record Result(String yaml, List<Problem> warnings, int events) {
    }

    /** What to import and how. {@code out} places the scenario (for its id and for errors in it). */
    public record Request(byte[] table, String tableName, Mapping mapping, Path out, boolean skipBad) {
    }

    private final Request request;
    private final List<Problem> warnings = new ArrayList<>();
    private final List<Problem> errors = new ArrayList<>();
    private final Map<String, String> sourceTitles = new LinkedHashMap<>();
    private final Map<String, String> sourceUrls = new HashMap<>();
    private final Map<String, Integer> sourceFirstRow = new HashMap<>();
    private final Map<String, String> actorNames = new LinkedHashMap<>();
    private final Map<String, Integer> idRows = new HashMap<>();
    private Map<String, Integer> header;
    /** The mapping's keys resolved against the header: the column each names in this table. */
    private final Map<String, String> columns = new HashMap<>();
    private int typeColumn = 1;

    private TableImport(Request request) {
        this.request = request;
    }

    /**
     * Imports the table. {@code check} runs the assembled scenario (invariants and rules) and throws
     * what it breaks; a caller without a simulator passes a check that does nothing.
     */
    public static Result run(Request request, Consumer<Scenario> check) {
        return new TableImport(request).run(check);
    }

    /** One event made from one row. */
    private record Entry(int row, String id, Map<String, Object> event) {
    }

    private Result run(Consumer<Scenario> check) {
        String text = Utf8Reader.read(request.table(), request.tableName());
        List<Entry> entries = rows(text);
        reportOrSkip();
        for (int round = 0; ; round++) {
            if (entries.isEmpty()) {
                throw new InvalidScenarioException(new Position(request.tableName(), 1, 1),
                        "no event to import: the table has no row that could be read");
            }
            Written w = write(entries);
            try {
                Scenario s = new ScenarioAssembler(new ScenarioCatalog(
                        request.out().toAbsolutePath().getParent())).load(w.bytes(), request.out(), request.out().toString());
                check.accept(s);
                return new Result(w.text(), List.copyOf(warnings), entries.size());
            } catch (InvalidScenarioException invalid) {
                Map<Integer, Problem> byRow = new TreeMap<>();
                List<Problem> unplaced = new ArrayList<>();
                for (Problem p : invalid.problems()) {
                    Integer row = w.rowAt(p.at());
                    if (row == null) {
                        unplaced.add(p);
                    } else {
                        byRow.putIfAbsent(row, new Problem(new Position(request.tableName(), row, typeColumn), p.message()));
                    }
                }
                if (!request.skipBad() || !unplaced.isEmpty() || round == MAX_ROUNDS) {
                    List<Problem> all = new ArrayList<>(byRow.values());
                    all.addAll(unplaced);
                    throw new InvalidScenarioException(all);
                }
                byRow.values().forEach(p -> warnings.add(skipped(p)));
                entries = entries.stream().filter(e -> !byRow.containsKey(e.row())).toList();
            }
        }
    }

    private static Problem skipped(Problem p) {
        return new Problem(p.at(), p.message() + "; row skipped");
    }

    /** Errors found in rows stop the import, unless bad rows may be skipped: then they are warnings. */
    private void reportOrSkip() {
        if (errors.isEmpty()) {
            return;
        }
        if (!request.skipBad() || errors.stream().anyMatch(p -> p.at().line() == 1)) {
            throw new InvalidScenarioException(errors);
        }
        errors.forEach(p -> warnings.add(skipped(p)));
    }

    // ------------------------------------------------------------------ reading the rows

    private List<Entry> rows(String text) {
        List<Entry> entries = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setIgnoreSurroundingSpaces(false).get();
        int row = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            header = new LinkedHashMap<>();
            parser.getHeaderMap().forEach((name, index) -> header.put(name.strip(), index));
            if (!headerOk()) {
                return entries;
            }
            Iterator<CSVRecord> it = parser.iterator();
            while (it.hasNext()) {
                CSVRecord r = it.next();
                row++;
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue; // an empty line, as some programs write at the end
                }
                if (!r.isConsistent()) {
                    errors.add(new Problem(new Position(request.tableName(), row, Math.min(r.size(), header.size()) + 1),
                            "the row has " + r.size() + " cells, the header " + header.size()));
                    continue;
                }
                if (entries.size() >= Limits.MAX_EVENTS) {
                    throw new InvalidScenarioException(new Position(request.tableName(), row, 1),
                            "the table has more than " + Limits.MAX_EVENTS + " events, the most a scenario may "
                                    + "hold; split it (by date, say) and import each part");
                }
                Entry e = new Row(r, row).entry();
                if (e != null) {
                    entries.add(e);
                }
            }
        } catch (UncheckedIOException | IOException | IllegalArgumentException | IllegalStateException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e.getCause() instanceof IOException io && io.getMessage() != null) {
                m = io.getMessage();
            }
            if (header == null) {
                Matcher twice = Pattern.compile("duplicate name: \"([^\"]*)\"").matcher(m);
                throw new InvalidScenarioException(new Position(request.tableName(), 1, 1), twice.find()
                        ? "the header names the column '" + twice.group(1) + "' twice" : "cannot read the header: " + m);
            }
            Matcher line = Pattern.compile("line:? (\\d+)").matcher(m);
            int at = line.find() ? Integer.parseInt(line.group(1)) : row + 1;
            throw new InvalidScenarioException(new Position(request.tableName(), Math.max(at, row + 1), 1),
                    "not a valid CSV table (RFC 4180: a quote inside a quoted cell is written twice, \"\"): " + m);
        }
        return entries;
    }

    /** The column of a mapped key in this table. */
    private String col(String key) {
        return columns.computeIfAbsent(key, k -> request.mapping().column(k, header.keySet()));
    }

    /** The columns the mapping needs are there; reported at row 1. */
    private boolean headerOk() {
        if (header.isEmpty()) {
            errors.add(new Problem(new Position(request.tableName(), 1, 1),
                    "the table is empty: its first row names the columns"));
            return false;
        }
        int before = errors.size();
        for (String key : List.of("date", "type")) {
            String col = col(key);
            if (!header.containsKey(col)) {
                errors.add(new Problem(new Position(request.tableName(), 1, 1), "missing column '" + col + "' (the "
                        + key + " column of " + request.mapping().name() + ")" + Suggestions.hint(col, header.keySet())
                        + "; the header has: " + String.join(", ", header.keySet())));
            }
        }
        typeColumn = header.getOrDefault(col("type"), 0) + 1;
        return errors.size() == before;
    }

    /** One row of the table, read into one event. */
    private final class Row {
        private final CSVRecord record;
        private final int row;
        private boolean bad;
        private List<String> rowSources = List.of();
        private final List<String> claimOnly = new ArrayList<>();

        Row(CSVRecord record, int row) {
            this.record = record;
            this.row = row;
        }

        /** The cell of a mapped key's column, unescaped; empty when the table has no such column. */
        String cell(String column) {
            Integer i = column == null ? null : header.get(column);
            return i == null ? "" : FormulaGuard.unescape(record.get(i)).strip();
        }

        String mapped(String key) {
            return cell(col(key));
        }

        void error(String column, String message) {
            Integer i = column == null ? null : header.get(column);
            errors.add(new Problem(new Position(request.tableName(), row, i == null ? typeColumn : i + 1), message));
            bad = true;
        }

        Entry entry() {
            Mapping m = request.mapping();
            Map<String, Object> event = new LinkedHashMap<>();
            String id = mapped("id");
            if (id.isEmpty()) {
                id = "row-" + row;
            } else if (!NAME.matcher(id).matches()) {
                error(col("id"), "event id '" + id + "' may hold only letters, digits and _ . - (and start with a letter or digit)");
            }
            Integer first = idRows.putIfAbsent(id, row);
            if (first != null) {
                error(col("id"), "duplicate event id '" + id + "' (first in row " + first + ")");
            }
            event.put("id", id);
            LocalDate on = date(col("date"), true);
            event.put("on", on == null ? null : on.toString());
            String time = mapped("time");
            if (!time.isEmpty()) {
                if (TIME.matcher(time).matches()) {
                    event.put("at", time);
                } else {
                    error(col("time"), "'" + time + "' is not a time of day: write HH:MM");
                }
            }
            String precision = mapped("precision");
            switch (precision) {
                case "", EventTable.EXACT -> { }
                case EventTable.APPROXIMATE, "3" -> event.put("approx", true);
                default -> error(col("precision"), "time_precision '" + precision
                        + "' is not 1 (the day), 2 (within a week) or 3 (within a month)");
            }
            LocalDate reported = date(col("reported"), false);
            if (reported != null && !reported.equals(on)) {
                event.put("reported", reported.toString());
            }
            String typeCell = mapped("type");
            Mapping.TypeRule rule = m.rule(typeCell);
            if (rule == null) {
                List<String> known = new ArrayList<>(m.types().keySet());
                known.addAll(EventTypes.names());
                error(col("type"), typeCell.isEmpty() ? "no event type" : "unknown event type '" + typeCell + "'"
                        + Suggestions.hint(typeCell, known) + ": name an event type or map it in the mapping's 'types'");
                return null;
            }
            event.put("type", rule.type());
            rowSources = sources();
            EventTypes.TypeSpec spec = EventTypes.get(rule.type());
            String fieldsCell = mapped("fields");
            if (!fieldsCell.isEmpty()) {
                fieldsFromJson(spec, fieldsCell, event);
                titles(claimOnly, mapped("claim_source_titles"), mapped("claim_source_urls"));
            } else {
                fieldsFromColumns(spec, rule, event);
            }
            String summary = mapped("summary");
            if (!summary.isEmpty()) {
                event.put("summary", summary);
            }
            if (!rowSources.isEmpty()) {
                event.put("sources", rowSources);
            }
            actorNamesOfRow();
            return bad ? null : new Entry(row, id, event);
        }

        private LocalDate date(String column, boolean required) {
            String s = cell(column);
            if (s.isEmpty()) {
                if (required) {
                    error(column, "no date in '" + column + "'");
                }
                return null;
            }
            try {
                return LocalDate.parse(s, request.mapping().dateFormat());
            } catch (DateTimeParseException e) {
                error(column, "'" + s + "' is not a date of the form " + (request.mapping().dateFormat()
                        == DateTimeFormatter.ISO_LOCAL_DATE ? "YYYY-MM-DD" : "the mapping's date_format"));
                return null;
            }
        }

        /** The fields written as JSON, as the export writes them: every claim comes back. */
        private void fieldsFromJson(EventTypes.TypeSpec spec, String cell, Map<String, Object> event) {
            String column = col("fields");
            JsonNode node;
            try {
                node = JSON.readTree(cell);
            } catch (JsonProcessingException e) {
                error(column, "not JSON: " + e.getOriginalMessage());
                return;
            }
            if (node == null || !node.isObject()) {
                error(column, "the fields cell holds a JSON object of the event type's fields");
                return;
            }
            node.forEach(field -> field.path("claims").forEach(c -> {
                if (c.hasNonNull("source") && c instanceof com.fasterxml.jackson.databind.node.ObjectNode claim) {
                    claim.put("source", declarable(c.get("source").asText()));
                }
            }));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                EventTypes.FieldSpec fs = spec.field(f.getKey());
                if (fs == null) {
                    error(column, spec.name() + " has no field '" + f.getKey() + "'" + Suggestions.hint(f.getKey(),
                            spec.fieldNames()));
                    continue;
                }
                if (!f.getValue().isNull()) {
                    event.put(f.getKey(), plainFigure(f.getValue()) != null ? plainFigure(f.getValue()) : plain(f.getValue()));
                    if (fs.ref() == Field.Ref.ACTOR) {
                        f.getValue().forEach(a -> actorNames.putIfAbsent(a.asText(), null));
                        if (f.getValue().isTextual()) {
                            actorNames.putIfAbsent(f.getValue().asText(), null);
                        }
                    }
                    f.getValue().path("claims").forEach(c -> {
                        if (c.hasNonNull("source")) {
                            sourceFirstRow.putIfAbsent(c.get("source").asText(), row);
                            if (!rowSources.contains(c.get("source").asText()) && !claimOnly.contains(c.get("source").asText())) {
                                claimOnly.add(c.get("source").asText());
                            }
                        }
                    });
                }
            }
        }

        private void fieldsFromColumns(EventTypes.TypeSpec spec, Mapping.TypeRule rule, Map<String, Object> event) {
            for (EventTypes.FieldSpec f : spec.fields()) {
                Mapping.Source source = rule.fields().get(f.name());
                Object value = null;
                if (source != null && source.value() != null) {
                    value = typed(f, source.value(), null, null);
                } else if (source != null) {
                    if (!header.containsKey(source.column())) {
                        if (!f.optional()) {
                            error(null, spec.name() + " needs '" + f.name() + "' from column '" + source.column()
                                    + "', which the table does not have" + Suggestions.hint(source.column(), header.keySet()));
                        }
                        continue;
                    }
                    value = typed(f, cell(source.column()), source.column(), cell(source.column() + "_id"));
                }
                if (value != null) {
                    event.put(f.name(), value);
                } else if (!f.optional() && !bad) {
                    error(source == null ? null : source.column(), spec.name() + " needs '" + f.name() + "': "
                            + (source == null ? "the mapping gives it no column and the row has no fields JSON"
                            : "the cell is empty"));
                }
            }
        }

        /** A cell as a value of the field's kind; null for an empty cell. */
        private Object typed(EventTypes.FieldSpec f, String text, String column, String ids) {
            if (text.isEmpty() && (column == null || f.kind() != EventTypes.Kind.FIGURE && f.kind() != EventTypes.Kind.AMOUNT)) {
                return null;
            }
            return switch (f.kind()) {
                case TEXT -> f.ref() == Field.Ref.ACTOR ? actors(text, ids, column).get(0) : text;
                case TEXT_LIST -> f.ref() == Field.Ref.ACTOR ? actors(text, ids, column) : split(text);
                case SELECTION -> text.equalsIgnoreCase("all") ? "all" : split(text);
                case INTEGER -> count(column, text);
                case DATE -> {
                    try {
                        yield LocalDate.parse(text, request.mapping().dateFormat()).toString();
                    } catch (DateTimeParseException e) {
                        error(column, "'" + text + "' is not a date");
                        yield null;
                    }
                }
                case AMOUNT -> text.equalsIgnoreCase("all") ? "all" : figure(column, text);
                case FIGURE -> figure(column, text);
            };
        }

        /**
         * A figure from column C: C is the best value; C_low and C_high, where the table has them,
         * become the claims (the row's sources back them, as they back a plain number).
         */
        private Object figure(String column, String best) {
            if (column == null) {
                return count(null, best);
            }
            Long b = best.isEmpty() ? null : count(column, best);
            Long low = header.containsKey(column + "_low") && !cell(column + "_low").isEmpty()
                    ? count(column + "_low", cell(column + "_low")) : null;
            Long high = header.containsKey(column + "_high") && !cell(column + "_high").isEmpty()
                    ? count(column + "_high", cell(column + "_high")) : null;
            LinkedHashSet<Long> claims = new LinkedHashSet<>();
            if (low != null) {
                claims.add(low);
            }
            if (high != null) {
                claims.add(high);
            }
            if (claims.isEmpty() || claims.size() == 1 && claims.contains(b)) {
                return b;
            }
            if (rowSources.isEmpty()) {
                error(column, "a range (" + column + "_low, " + column + "_high) needs a source to attribute its claims "
                        + "to, and the row names none");
                return null;
            }
            // the table does not say which source gave which end of the range: the row's first source
            // stands for both, and each claim's note says which column it came from
            List<Map<String, Object>> list = new ArrayList<>();
            if (low != null) {
                list.add(claim(low, rowSources.get(0), column + "_low"));
            }
            if (high != null && !high.equals(low)) {
                list.add(claim(high, rowSources.get(0), column + "_high"));
            }
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("claims", list);
            if (b != null) {
                figure.put("best", b);
            }
            return figure;
        }

        private static Map<String, Object> claim(long value, String source, String note) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("value", value);
            c.put("source", source);
            c.put("note", "from the table's " + note);
            return c;
        }

        private Long count(String column, String text) {
            try {
                long v = Long.parseLong(text.replace(",", "").replace("_", ""));
                if (v < 0) {
                    error(column, "'" + text + "' is negative; a count is 0 or more");
                    return null;
                }
                return v;
            } catch (NumberFormatException e) {
                error(column, "'" + text + "' is not a whole number");
                return null;
            }
        }

        /** Actors named in a cell; their ids from the sibling _id column where the table has one. */
        private List<String> actors(String names, String ids, String column) {
            List<String> n = split(names);
            List<String> i = ids == null || ids.isEmpty() ? List.of() : split(ids);
            List<String> out = new ArrayList<>();
            for (int k = 0; k < n.size(); k++) {
                String id = i.size() == n.size() ? i.get(k) : slug(n.get(k));
                if (id.isEmpty() || !NAME.matcher(id).matches()) {
                    error(column, "cannot make an actor id of '" + n.get(k) + "'");
                    continue;
                }
                out.add(id);
                actorNames.merge(id, n.get(k), (old, now) -> old == null ? now : old);
            }
            return out.isEmpty() ? List.of("") : out;
        }

        /** Every column C with a sibling C_id names actors: their names, for the actors section. */
        private void actorNamesOfRow() {
            for (String c : header.keySet()) {
                if (header.containsKey(c + "_id")) {
                    List<String> names = split(cell(c));
                    List<String> ids = split(cell(c + "_id"));
                    if (names.size() == ids.size()) {
                        for (int k = 0; k < ids.size(); k++) {
                            if (actorNames.containsKey(ids.get(k)) && actorNames.get(ids.get(k)) == null) {
                                actorNames.put(ids.get(k), names.get(k));
                            }
                        }
                    }
                }
            }
        }

        /** The row's sources: their ids (else ids made from their titles), titles and URLs. */
        private List<String> sources() {
            List<String> ids = split(mapped("source_ids")).stream().map(TableImport::declarable).toList();
            List<String> titles = split(mapped("source_titles"));
            if (ids.isEmpty()) {
                ids = titles.stream().map(TableImport::slug).toList();
                for (String id : ids) {
                    if (!NAME.matcher(id).matches()) {
                        error(col("source_titles"), "cannot make a source id of '" + id + "'");
                        return List.of();
                    }
                }
            }
            for (String id : ids) {
                if (!NAME.matcher(id).matches()) {
                    error(col("source_ids"), "source id '" + id + "' may hold only letters, digits and _ . -");
                    return List.of();
                }
                sourceFirstRow.putIfAbsent(id, row);
            }
            titles(ids, mapped("source_titles"), mapped("source_urls"));
            return ids;
        }

        /** Titles and URLs for source ids, from "; "-separated cells that list them in the same order. */
        private void titles(List<String> ids, String titleCell, String urlCell) {
            List<String> titles = split(titleCell);
            List<String> urls = EventTable.split(urlCell);
            for (int k = 0; k < ids.size(); k++) {
                String id = ids.get(k);
                if (titles.size() == ids.size()) {
                    sourceTitles.putIfAbsent(id, titles.get(k));
                }
                if (urls.size() == ids.size() && !urls.get(k).isEmpty()) {
                    sourceUrls.putIfAbsent(id, urls.get(k));
                }
            }
        }
    }

    /** The values of a list cell, empty ones left out. */
    private static List<String> split(String cell) {
        return EventTable.split(cell).stream().filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A source id a scenario may declare. An exported what-if cites itself as {@code what-if:ID}
     * (a scenario's rules as {@code scenario:ID}): ids no file may declare, so that they never clash
     * with a declared one. Imported, the table is the file that declares them, so the colon becomes
     * a dot ({@code what-if.ID}); any other id is kept as written (and checked as written).
     */
    static String declarable(String id) {
        int colon = id.indexOf(':');
        if (colon > 0 && id.indexOf(':', colon + 1) < 0) {
            String mapped = id.substring(0, colon) + "." + id.substring(colon + 1);
            return NAME.matcher(mapped).matches() ? mapped : id;
        }
        return id;
    }

    /** An id for a name: its letters and digits, other runs of characters as one dash. */
    static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9_.]+", "-").replaceAll("^[-_.]+|-+$", "");
    }

    /** A figure as the export writes a plain number (one claim, no source): the number again. */
    private static Long plainFigure(JsonNode n) {
        JsonNode claims = n.path("claims");
        if (claims.size() == 1 && !claims.get(0).has("source") && !claims.get(0).has("note")
                && n.path("best").asLong() == claims.get(0).path("value").asLong()) {
            return claims.get(0).path("value").asLong();
        }
        return null;
    }

    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(f -> m.put(f.getKey(), plain(f.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(plain(x)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.isNull() ? null : n.asText();
    }

    // ------------------------------------------------------------------ writing the scenario

    /** The scenario file, and the line of each event, to find the row of a problem in it. */
    private record Written(String text, byte[] bytes, String file, int firstEventLine, List<Integer> rows) {
        Integer rowAt(Position p) {
            if (!p.file().equals(file)) {
                return null;
            }
            int i = p.line() - firstEventLine;
            return i >= 0 && i < rows.size() ? rows.get(i) : null;
        }
    }

    private Written write(List<Entry> entries) {
        // only what the events written cite: a skipped row's sources and actors are not declared
        Set<String> usedSources = new HashSet<>();
        Set<String> usedActors = new HashSet<>();
        for (Entry e : entries) {
            EventTypes.TypeSpec spec = EventTypes.get((String) e.event().get("type"));
            e.event().forEach((key, value) -> {
                if (key.equals("sources")) {
                    ((List<?>) value).forEach(x -> usedSources.add((String) x));
                } else if (value instanceof Map<?, ?> figure && figure.get("claims") instanceof List<?> claims) {
                    claims.forEach(c -> usedSources.add((String) ((Map<?, ?>) c).get("source")));
                } else if (spec.field(key) != null && spec.field(key).ref() == Field.Ref.ACTOR) {
                    if (value instanceof List<?> list) {
                        list.forEach(x -> usedActors.add((String) x));
                    } else {
                        usedActors.add((String) value);
                    }
                }
            });
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("scenario", scenarioId());
        top.put("title", "Imported from " + Path.of(request.tableName()).getFileName());
        Map<String, Object> sources = new LinkedHashMap<>();
        for (String id : sourceFirstRow.keySet().stream().filter(usedSources::contains).sorted((a, b) -> sourceFirstRow.get(a) - sourceFirstRow.get(b)
                != 0 ? sourceFirstRow.get(a) - sourceFirstRow.get(b) : a.compareTo(b)).toList()) {
            Map<String, Object> def = new LinkedHashMap<>();
            String title = sourceTitles.get(id);
            if (title == null) {
                title = id;
                Problem w = new Problem(new Position(request.tableName(), sourceFirstRow.get(id), 1), "source '" + id
                        + "' has no title in the table (no row gives as many titles as source ids); "
                        + "its title is written as its id");
                if (!warnings.contains(w)) {
                    warnings.add(w);
                }
            }
            def.put("title", title);
            if (sourceUrls.containsKey(id)) {
                def.put("url", sourceUrls.get(id));
            }
            sources.put(id, def);
        }
        if (!sources.isEmpty()) {
            top.put("sources", sources);
        }
        Map<String, Object> actors = new LinkedHashMap<>();
        actorNames.forEach((id, name) -> {
            if (usedActors.contains(id)) {
                actors.put(id, Map.of("name", name == null ? id : name));
            }
        });
        if (!actors.isEmpty()) {
            top.put("actors", actors);
        }
        DumperOptions block = new DumperOptions();
        block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        block.setWidth(160);
        DumperOptions flow = new DumperOptions();
        flow.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        flow.setSplitLines(false);
        flow.setWidth(Integer.MAX_VALUE);
        Yaml flowYaml = new Yaml(flow);
        StringBuilder sb = new StringBuilder();
        sb.append("# Imported by crisis-replay from ").append(Path.of(request.tableName()).getFileName())
                .append(" with the mapping ").append(request.mapping().name())
                .append(".\n# One event per row of the table; the comment after each event names its row.\n");
        sb.append(new Yaml(block).dump(top));
        sb.append("events:\n");
        int firstEventLine = (int) sb.chars().filter(c -> c == '\n').count() + 1;
        List<Integer> rows = new ArrayList<>(entries.size());
        String day = null;
        String previous = null;
        boolean timed = false;
        for (Entry e : entries) {
            Map<String, Object> event = e.event();
            if (!event.get("on").equals(day)) {
                day = (String) event.get("on");
                previous = null;
                timed = false;
            }
            if (previous != null && timed && !event.containsKey("at")) {
                // within a day, events are ordered by time of day, and one without a time counts as 00:00:
                // anchored to the row before, it keeps its place in the table after a timed event
                event = new LinkedHashMap<>(event);
                event.put("on", new LinkedHashMap<>(Map.of("after", previous, "days", 0)));
            }
            timed |= event.containsKey("at") && !"00:00".equals(event.get("at"));
            previous = e.id();
            sb.append("  - ").append(flowYaml.dump(event).strip()).append("  # row ").append(e.row()).append('\n');
            rows.add(e.row());
        }
        String text = sb.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Limits.MAX_BYTES) {
            long size = 0;
            int row = entries.get(entries.size() - 1).row();
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                size += lines[i].getBytes(StandardCharsets.UTF_8).length + 1;
                if (size > Limits.MAX_BYTES && i >= firstEventLine - 1) {
                    row = rows.get(Math.min(i - (firstEventLine - 1), rows.size() - 1));
                    break;
                }
            }
            throw new InvalidScenarioException(new Position(request.tableName(), row, 1), "from this row on the scenario "
                    + "would pass " + Limits.MAX_BYTES_SHOWN + ", the most a scenario file may hold; "
                    + "split the table (by date, say) and import each part");
        }
        return new Written(text, bytes, request.out().toString(), firstEventLine, rows);
    }

    /** The scenario id: the output file's name, as an id. */
    private String scenarioId() {
        String name = request.out().getFileName().toString().replaceFirst("\\.ya?ml$", "").toLowerCase();
        String id = name.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? "imported" : id;
    }
}
