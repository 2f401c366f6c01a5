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
                Matcher m = ID.matcher(text);
                if (!m.find() || m.find()) {
                    return Optional.empty();
                }
                if (id == null) {
                    m.reset();
                    m.find();
                    id = m.group(2);
                }
                Matcher e = EXTENDS.matcher(text);
                if (!e.find()) {
                    if (ANY_EXTENDS.matcher(text).find()) {
                        return Optional.empty();
                    }
                    return Optional.of(id + "@" + ScenarioAssembler.hash(contents).substring(0, 16));
                }
                if (e.find()) {
                    return Optional.empty();
                }
                e.reset();
                e.find();
                p = catalog.locate(e.group(2), p, new Position(p.toString(), 1, 1));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
