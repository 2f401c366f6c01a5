package org.crisisreplay.timeline;

import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;
import org.crisisreplay.scenario.ScenarioGenerator;
import org.crisisreplay.simulation.Calendar;
import org.crisisreplay.story.StoryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What closing a storyline writes: a row per day with events, and checkpoints that name the events after them. */
class ClosingTest {

    @TempDir
    Path dir;

    private List<Timeline.Stored> stored() throws Exception {
        Path file = dir.resolve("cl.yaml");
        Files.writeString(file, ScenarioGenerator.generate("cl", 400, 30, 2));
        Scenario s = new ScenarioAssembler(new ScenarioCatalog(dir)).load(file);
        List<Timeline.Stored> out = new ArrayList<>();
        long seq = 1; // 0 is the storyline's opening
        for (StoryEvent e : Calendar.events(s)) {
            out.add(new Timeline.Stored(e, seq++, 100));
        }
        return out;
    }

    @Test
    void aDayIsARangeOfTheStreamAndCheckpointsChainOverIt() throws Exception {
        List<Timeline.Stored> stored = stored();
        TimelineProjection.Closing closing = TimelineProjection.closing("cl@1", stored);
        long covered = 0;
        long next = 1;
        for (Object[] day : closing.days()) {
            long first = ((Number) day[2]).longValue();
            long last = ((Number) day[3]).longValue();
            assertThat(first).as("days follow one another in the stream").isEqualTo(next);
            for (long q = first; q <= last; q++) {
                assertThat(stored.get((int) q - 1).event().meta().on()).isEqualTo(day[1]);
            }
            covered += last - first + 1;
            next = last + 1;
        }
        assertThat(covered).isEqualTo(stored.size());
        // one series: the first checkpoint is before any event, each one's range ends where the next begins
        List<Object[]> chain = closing.checkpoints();
        assertThat(chain.size()).isGreaterThan(2);
        assertThat(chain.get(0)[4]).isEqualTo(0L);
        for (int k = 0; k < chain.size(); k++) {
            long until = (Long) chain.get(k)[5];
            assertThat(until).isEqualTo(k + 1 < chain.size() ? chain.get(k + 1)[4] : (long) stored.size());
            assertThat(chain.get(k)[6]).as("nothing left out of the only series").isNull();
        }
    }

    @Test
    void foldedAsTheEventsArriveItWritesWhatFoldedAtTheEndWould() throws Exception {
        List<Timeline.Stored> stored = stored();
        // a late report, so that there are two series, and the early fold leaves it out of the first
        Timeline.Stored last = stored.get(stored.size() - 1);
        StoryEvent.Note late = new StoryEvent.Note(new org.crisisreplay.story.Meta("late-1", last.event().meta().on(), null, false,
                last.event().meta().on().plusDays(3), "a late note", List.of("gen"), null), "a late note");
        stored.add(new Timeline.Stored(late, last.seq() + 1, 120));
        TimelineProjection.Closing atTheEnd = TimelineProjection.closing("cl@1", stored);
        Arriving arriving = new Arriving("cl@1", Runnable::run, org.crisisreplay.store.StoreJson.MAPPER);
        stored.forEach(arriving::add);
        TimelineProjection.Closing early = arriving.closing().join();
        assertThat(rows(early.checkpoints())).isEqualTo(rows(atTheEnd.checkpoints()));
        assertThat(rows(early.days())).isEqualTo(rows(atTheEnd.days()));
        assertThat(atTheEnd.checkpoints().stream().map(r -> r[1]).distinct().count()).isEqualTo(2);
    }

    private static List<List<Object>> rows(List<Object[]> rows) {
        // a checkpoint's JSON is bytes: compared as its text
        return rows.stream().map(r -> java.util.Arrays.stream(r)
                .map(v -> v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v).toList()).toList();
    }

    @Test
    void refusesEventsNotRecordedDayByDay() throws Exception {
        List<Timeline.Stored> stored = new ArrayList<>(stored());
        Timeline.Stored last = stored.remove(stored.size() - 1);
        stored.add(0, new Timeline.Stored(last.event(), 0, last.bytes()));
        LocalDate on = last.event().meta().on();
        assertThatThrownBy(() -> TimelineProjection.closing("cl@1", stored))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recorded day by day").hasMessageContaining(on.toString());
    }

    @Test
    void sequenceNumbersKeptInAColumn() {
        assertThat(Seqs.write(List.of())).isNull();
        assertThat(Seqs.write(List.of(12L, 3L, 40L))).isEqualTo("12,3,40");
        assertThat(Seqs.read("12,3,40")).containsExactly(3, 12, 40);
        assertThat(Seqs.read(null)).isEmpty();
        assertThat(Seqs.holds(Seqs.read("12,3,40"), 12)).isTrue();
        assertThat(Seqs.holds(Seqs.read("12,3,40"), 13)).isFalse();
        assertThat(Seqs.holds(Seqs.read(null), 1)).isFalse();
    }
}
