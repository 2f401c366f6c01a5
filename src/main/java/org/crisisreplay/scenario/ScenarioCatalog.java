package org.crisisreplay.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scenarios a user can name by id: the files of the scenarios folder (and its subfolders).
 * {@code extends} names either a file, relative to the extending file, or one of these ids.
 */
public final class ScenarioCatalog {

    private static final Pattern ID_LINE = Pattern.compile("(?m)^scenario:\\s*['\"]?([a-z0-9][a-z0-9-]*)['\"]?\\s*(#.*)?$");

    private final Path root;

    public ScenarioCatalog(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Scenario id to file, in a stable order (by path). */
    public Map<String, Path> known() {
        Map<String, Path> out = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
            for (Path p : files.filter(ScenarioCatalog::isScenarioFile).sorted().toList()) {
                idOf(p).ifPresent(id -> out.putIfAbsent(id, p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static boolean isScenarioFile(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    private static java.util.Optional<String> idOf(Path p) {
        try {
            if (Files.size(p) > Limits.MAX_BYTES) {
                return java.util.Optional.empty();
            }
            String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            Matcher m = ID_LINE.matcher(text);
            return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether {@code extends} names a file (rather than a scenario id). */
    public static boolean looksLikePath(String ref) {
        return ref.contains("/") || ref.contains("\\") || ref.endsWith(".yaml") || ref.endsWith(".yml");
    }

    /** The file that {@code ref} names, seen from the file {@code from}. */
    public Path locate(String ref, Path from, Position at) {
        if (looksLikePath(ref)) {
            Path p = from.toAbsolutePath().getParent().resolve(ref).normalize();
            if (!Files.isRegularFile(p)) {
                throw new InvalidScenarioException(at, "'extends': no such file " + ref);
            }
            return p;
        }
        Map<String, Path> ids = new LinkedHashMap<>(known());
        Path dir = from.toAbsolutePath().getParent();
        if (dir != null && !dir.equals(root.toAbsolutePath())) {
            ids.putAll(new ScenarioCatalog(dir).known());
        }
        Path p = ids.get(ref);
        if (p == null) {
            List<String> names = new ArrayList<>(ids.keySet());
            throw new InvalidScenarioException(at, "'extends': no scenario with id '" + ref + "' in " + root
                    + Suggestions.hint(ref, names));
        }
        return p;
    }
}
