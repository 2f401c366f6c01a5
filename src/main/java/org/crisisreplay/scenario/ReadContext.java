package org.crisisreplay.scenario;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;

/** The file being read and the problems found in it so far, shared by the readers of its parts. */
final class ReadContext {

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    ReadContext(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Position pos(Node n) {
        return ScenarioReader.at(file, n.getStartMark());
    }

    void problem(Node n, String message) {
        problems.add(new Problem(pos(n), message));
    }

    void problem(Position at, String message) {
        problems.add(new Problem(at, message));
    }

    /** How many problems were found so far: a reader compares counts to see whether its part was clean. */
    int count() {
        return problems.size();
    }

    List<Problem> problems() {
        return problems;
    }

    /** Adds the problem and stops reading the file. */
    InvalidScenarioException fail(Position at, String message) {
        problems.add(new Problem(at, message));
        throw new InvalidScenarioException(problems);
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
    }
}
