package org.crisisreplay.timeline;

import org.crisisreplay.cli.Engine;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.store.Store;
import org.crisisreplay.storylines.Storylines;
import org.crisisreplay.support.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side on a store opened with plain JDBC (what answers about stored content without the
 * application context) answers exactly as the one inside the context.
 */
class ReadSidesTest {

    @TempDir
    Path data;

    @Test
    void plainAndContextReadSidesGiveTheSameAnswers() {
        ScenarioAssembler assembler = new ScenarioAssembler(new ScenarioCatalog(Path.of("scenarios")));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Engine engine = CliHarness.engine(CliHarness.storeUrl(data))) {
            Storylines storylines = engine.bean(Storylines.class);
            Views.Story base = storylines.open(assembler.load(Path.of("scenarios/kazakhstan-2022.yaml"))).story();
            Views.Story whatIf = storylines.open(assembler.load(Path.of("scenarios/what-if/late-appeal.yaml"))).story();
            Views inContext = engine.bean(Views.class);
            try (Store store = Store.open(new Store.Location(CliHarness.storeUrl(data), "sa", ""), Duration.ofSeconds(10), quiet)) {
                Timeline plainTimeline = new Timeline(store.sql());
                Views plain = new Views(plainTimeline);
                assertThat(Storylines.stored(plainTimeline, whatIf.storylineId())).contains(whatIf);
                assertThat(answers(plain, plainTimeline, base, whatIf))
                        .containsExactlyElementsOf(answers(inContext, engine.bean(Timeline.class), base, whatIf));
            }
        }
    }

    private static List<String> answers(Views views, Timeline timeline, Views.Story base, Views.Story whatIf) {
        List<String> out = new ArrayList<>();
        for (Views.Story s : List.of(base, whatIf)) {
            views.replay(s, null, null, false).forEach(d -> out.add(d.toString()));
            views.replay(s, null, null, true).forEach(d -> out.add(d.toString()));
            out.add(views.stateJson(s, LocalDate.of(2022, 1, 12), LocalDate.of(2022, 1, 8)).toString());
            out.add(views.series(s, "troops.inCountry", null).toString());
            timeline.storedEvents(s.storylineId()).forEach(e -> out.add(EventJson.of(e, null).toString()));
        }
        out.add(views.diff(base, whatIf).toString());
        return out;
    }
}
