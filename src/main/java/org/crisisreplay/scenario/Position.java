package org.crisisreplay.scenario;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** A place in a scenario file, 1-based, as editors count. */
public record Position(String file, int line, int column) {

    public static Position of(String file, Node node) {
        return of(file, node.getStartMark());
    }

    public static Position of(String file, Mark mark) {
        return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
