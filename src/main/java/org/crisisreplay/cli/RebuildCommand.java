package org.crisisreplay.cli;

import org.crisisreplay.timeline.Projections;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Drops every projection and rebuilds it from the event store."})
class RebuildCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Cli.engine().bean(Projections.class).rebuild(Workspace.PROJECTION_WAIT);
        JdbcTemplate jdbc = Cli.engine().bean(JdbcTemplate.class);
        Long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        Long storylines = jdbc.queryForObject("SELECT COUNT(*) FROM storyline", Long.class);
        Long stories = jdbc.queryForObject("SELECT COUNT(*) FROM story_event", Long.class);
        Long days = jdbc.queryForObject("SELECT COUNT(*) FROM day_state", Long.class);
        spec.commandLine().getOut().printf("rebuilt projection 'timeline': replayed %d stored events "
                + "(%d storylines, %d story events, %d day states)%n", events, storylines, stories, days);
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
