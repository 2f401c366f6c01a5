package org.crisisreplay.scenario;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.crisisreplay.scenario.Limits.MAX_ALIASES;
import static org.crisisreplay.scenario.Limits.MAX_BYTES;
import static org.crisisreplay.scenario.Limits.MAX_DEPTH;

/**
 * A scenario file's bytes as a YAML node tree: UTF-8 only, within the {@link Limits}, every
 * SnakeYAML failure turned into a problem at its place in the file.
 */
final class YamlSource {

    private final ReadContext context;
    private final String file;

    YamlSource(ReadContext context) {
        this.context = context;
        this.file = context.file();
    }

    /** A scenario file's bytes, refusing a file over the size limit before reading it. */
    static byte[] readBytes(Path path, String shownAs) {
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new InvalidScenarioException(new Position(shownAs, 1, 1),
                        "file is " + size + " bytes; the limit is " + Limits.MAX_BYTES_SHOWN);
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidScenarioException(new Position(shownAs, 1, 1), "no such file");
        } catch (IOException e) {
            throw new InvalidScenarioException(new Position(shownAs, 1, 1), "cannot read file: " + e.getMessage());
        }
    }

    /**
     * The root node of the file, or a problem that stops the reading; the events of its top-level
     * list are read as they are composed, by {@code events}.
     */
    Node root(byte[] bytes, ComposedEventReader events) {
        if (bytes.length > MAX_BYTES) {
            throw context.fail(new Position(file, 1, 1), "file is " + bytes.length + " bytes; the limit is "
                    + Limits.MAX_BYTES_SHOWN);
        }
        String text = decode(bytes);
        Node root = compose(text, events);
        if (root == null) {
            throw context.fail(new Position(file, 1, 1), (text.isBlank() ? "the file is empty" : "the file holds only comments")
                    + ": a scenario needs at least 'scenario' and 'events'");
        }
        return root;
    }

    private String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String s = decoder.decode(in).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (MalformedInputException e) {
            int offset = in.position();
            String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new InvalidScenarioException(new Position(file, line, column),
                    String.format("byte 0x%02X is not UTF-8: save the file as UTF-8", bytes[offset] & 0xff));
        } catch (CharacterCodingException e) {
            throw new InvalidScenarioException(new Position(file, 1, 1), "the file is not UTF-8 text");
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit((int) MAX_BYTES);
        options.setAllowDuplicateKeys(true); // duplicates are found below, with their position
        return options;
    }

    private Node compose(String text, ComposedEventReader events) {
        try {
            LoaderOptions options = loaderOptions();
            return events.composer(new ParserImpl(new StreamReader(new StringReader(text)), options), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            throw new InvalidScenarioException(List.of(new YamlErrors(file).problem(e)));
        } catch (ReaderException e) {
            throw new InvalidScenarioException(List.of(specialCharacter(text)));
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.contains("aliases")) {
                throw new InvalidScenarioException(whereLimitBroke(text, true), "more than " + MAX_ALIASES
                        + " aliases of lists or maps (the limit): the file looks like an alias bomb");
            }
            if (msg.toLowerCase().contains("nesting depth")) {
                throw new InvalidScenarioException(whereLimitBroke(text, false), "nested more than " + MAX_DEPTH
                        + " levels deep (the limit)");
            }
            if (msg.contains("code points")) {
                throw new InvalidScenarioException(new Position(file, 1, 1), "the file is too long (the limit is "
                        + MAX_BYTES + " characters)");
            }
            throw new InvalidScenarioException(new Position(file, 1, 1),
                    "invalid YAML: " + msg.lines().findFirst().orElse("cannot be read"));
        } catch (StackOverflowError e) {
            throw new InvalidScenarioException(new Position(file, 1, 1),
                    "nested more than " + MAX_DEPTH + " levels deep (the limit)");
        }
    }

    /**
     * SnakeYAML stops at its alias and depth limits without saying where. A second pass over the
     * parse events, which builds no nodes and so cannot blow up, finds the node that went over.
     */
    private Position whereLimitBroke(String text, boolean aliases) {
        Set<String> collectionAnchors = new HashSet<>();
        int aliasesSeen = 0;
        int depth = 0;
        try {
            for (Event ev : new Yaml(loaderOptions()).parse(new StringReader(text))) {
                if (ev instanceof AliasEvent a) {
                    // as SnakeYAML counts: only aliases of lists and maps
                    if (aliases && collectionAnchors.contains(a.getAnchor()) && ++aliasesSeen > MAX_ALIASES) {
                        return ScenarioReader.at(file, ev.getStartMark());
                    }
                    continue;
                }
                if (!aliases && depth > MAX_DEPTH && ev instanceof NodeEvent) {
                    return ScenarioReader.at(file, ev.getStartMark());
                }
                if (ev instanceof CollectionStartEvent c) {
                    depth++;
                    if (c.getAnchor() != null) {
                        collectionAnchors.add(c.getAnchor());
                    }
                } else if (ev instanceof CollectionEndEvent) {
                    depth--;
                } else if (ev instanceof ScalarEvent sc && sc.getAnchor() != null) {
                    collectionAnchors.remove(sc.getAnchor());
                }
            }
        } catch (YAMLException e) {
            // the first pass failed on the limit, before any later syntax error: not expected here
        }
        return new Position(file, 1, 1);
    }

    /** SnakeYAML names a forbidden character without its place; it is the first one it does not accept. */
    private Problem specialCharacter(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                return new Problem(new Position(file, line, column), String.format(
                        "control character U+%04X is not allowed in a YAML file: delete it (or write it as "
                                + "\\u%04X inside double quotes)", c, c));
            }
            i += Character.charCount(c);
            // lines break as SnakeYAML's marks count them, so both point at the same place
            boolean lineBreak = c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                    || c == '\r' && (i >= text.length() || text.charAt(i) != '\n');
            if (lineBreak) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Problem(new Position(file, 1, 1), "invalid YAML: the file holds a character YAML does not allow");
    }
}
