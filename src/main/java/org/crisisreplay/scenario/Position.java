package org.crisisreplay.scenario;

/** A place in a scenario file, 1-based, as editors count. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
