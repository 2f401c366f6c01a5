package org.crisisreplay.scenario;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The files parsed before, each by where it is, how errors name it and its bytes: a loop that reads
 * the same files again and again ({@code watch}) parses again only a file whose bytes changed. A
 * parsed file is immutable, so one parse serves every assembly; a file with errors is not kept (it
 * is parsed, and refused, again). Only the latest bytes of each file are kept.
 */
public final class ParsedFiles {

    private record Place(Path path, String shownAs) {
    }

    private record Parsed(ByteBuffer bytes, ScenarioFile file) {
    }

    private final Map<Place, Parsed> files = new HashMap<>();

    /** The file of these bytes, parsed now or before. */
    public synchronized ScenarioFile read(byte[] bytes, Path path, String shownAs) {
        Place place = new Place(path.toAbsolutePath().normalize(), shownAs);
        ByteBuffer content = ByteBuffer.wrap(bytes.clone());
        Parsed seen = files.get(place);
        if (seen != null && seen.bytes().equals(content)) {
            return seen.file();
        }
        ScenarioFile f = ScenarioReader.read(bytes, path, shownAs);
        files.put(place, new Parsed(content, f));
        return f;
    }

    /** The file on disk, parsed now or before. */
    public ScenarioFile read(Path path, String shownAs) {
        return read(ScenarioReader.readBytes(path, shownAs), path, shownAs);
    }
}
