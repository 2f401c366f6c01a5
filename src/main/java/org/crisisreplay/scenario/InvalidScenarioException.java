package org.crisisreplay.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be run, with every problem found; the command line exits with 2. */
public class InvalidScenarioException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public InvalidScenarioException(Position at, String message) {
        this(List.of(new Problem(at, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
