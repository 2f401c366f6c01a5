package org.crisisreplay.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which stored storyline a scenario file's content would be, found without parsing it: a light
 * read of its top-level {@code scenario:} and {@code extends:} lines (and those of every file it
 * extends), and the hash of their bytes as {@link ScenarioAssembler} makes it. A key that finds a
 * stored storyline names the very bytes that were once parsed and run; a key that finds nothing
 * (or a file this light read cannot follow) sends the caller to the full parse.
 */
public final class ContentKey {

    private static final Pattern ID = Pattern.compile("(?m)^scenario:[ \\t]*(['\"]?)([a-z0-9][a-z0-9-]*)\\1[ \\t]*(#.*)?\\r?$");
    private static final Pattern EXTENDS = Pattern.compile("(?m)^extends:[ \\t]*(['\"]?)([^'\"#\\s]+)\\1[ \\t]*(#.*)?\\r?$");
    private static final Pattern ANY_EXTENDS = Pattern.compile("(?m)^extends\\s*:");

    private ContentKey() {
    }

    /**
     * The matches of a pattern that starts with {@code ^} (multiline) and {@code word}, one per line
     * that starts with the word: what {@code find()} over the whole text gives, found by looking for
     * the word (a scenario file is tens of kilobytes, and a regex tried at every character of it
     * cost a cold start ~10 ms).
     */
    static List<Matcher> atLineStarts(String text, String word, Pattern pattern) {
        List<Matcher> found = new ArrayList<>(1);
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            if (at == 0 || isLineEnd(text.charAt(at - 1))) {
                Matcher m = pattern.matcher(text).region(at, text.length());
                if (m.lookingAt()) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    /** The characters after which {@code ^} matches in a multiline pattern. */
    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** The storyline id the file would be stored under, if the light read can tell. */
    public static Optional<String> storylineId(Path file, ScenarioCatalog catalog) {
        try {
            List<byte[]> contents = new ArrayList<>();
            String id = null;
            Path p = file;
            for (int depth = 0; depth <= Limits.MAX_DEPTH; depth++) {
                if (!Files.isRegularFile(p) || Files.size(p) > Limits.MAX_BYTES) {
                    return Optional.empty();
                }
                byte[] bytes = Files.readAllBytes(p);
                contents.add(0, bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                List<Matcher> ids = atLineStarts(text, "scenario:", ID);
                if (ids.size() != 1) {
                    return Optional.empty();
                }
                if (id == null) {
                    id = ids.get(0).group(2);
                }
                List<Matcher> extendsLines = atLineStarts(text, "extends", EXTENDS);
                if (extendsLines.isEmpty()) {
                    if (!atLineStarts(text, "extends", ANY_EXTENDS).isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(id + "@" + ScenarioAssembler.hash(contents).substring(0, 16));
                }
                if (extendsLines.size() > 1) {
                    return Optional.empty();
                }
                p = catalog.locate(extendsLines.get(0).group(2), p, new Position(p.toString(), 1, 1));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
