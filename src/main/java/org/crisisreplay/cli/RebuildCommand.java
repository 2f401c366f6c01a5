package org.crisisreplay.cli;

import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.timeline.Projections;
import org.crisisreplay.timeline.Timeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Drops every projection and rebuilds it from the event store."})
class RebuildCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Workspace workspace;

    RebuildCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Integer call() {
        Engine engine = workspace.engine();
        // the projection's handlers run here, on the stored events read in order, in JDBC batches
        try (Progress progress = new Progress("rebuild", 1, workspace.err())) {
            engine.bean(Projections.class).rebuild(Storylines.PROJECTION_WAIT, progress::at);
        }
        Timeline.Counts c = engine.bean(Timeline.class).counts();
        spec.commandLine().getOut().printf("rebuilt projection 'timeline': replayed %d stored events "
                + "(%d storylines, %d story events, %d state checkpoints)%n", c.events(), c.storylines(), c.storyEvents(),
                c.checkpoints());
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
