package org.crisisreplay.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be run, with every problem found; the command line exits with 2. */
public class InvalidScenarioException extends RuntimeException {

    /** More problems than this are not listed: the first ones are to be fixed first anyway. */
    public static final int MAX_PROBLEMS = 100;

    private final List<Problem> problems;

    public InvalidScenarioException(List<Problem> problems) {
        this(capped(problems), true);
    }

    private InvalidScenarioException(List<Problem> problems, boolean capped) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = problems;
    }

    /** The problems as listed: the first {@link #MAX_PROBLEMS}, then a note that there are more. */
    static List<Problem> capped(List<Problem> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return List.copyOf(problems);
        }
        List<Problem> out = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        out.add(new Problem(problems.get(MAX_PROBLEMS).at(), "and more problems: only the first " + MAX_PROBLEMS
                + " are listed"));
        return List.copyOf(out);
    }

    public InvalidScenarioException(Position at, String message) {
        this(List.of(new Problem(at, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
