package org.crisisreplay.simulation;

import org.crisisreplay.story.Commands;
import org.crisisreplay.story.Meta;
import org.crisisreplay.story.StoryEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's commands, with the story events in chunks: the same events, in the same order, the same first error. */
class ChunksTest {

    private static StoryEvent note(int n) {
        return new StoryEvent.AssistanceRequested(new Meta("e" + n, LocalDate.of(2030, 1, 1), null, false, null, null,
                List.of("src"), null), "HOST", "ALLIANCE", null);
    }

    @Test
    void storyEventsGoInChunksAndEveryOtherCommandAfterThoseBeforeIt() {
        List<Object> sent = new ArrayList<>();
        Chunks chunks = new Chunks("s", sent::add);
        Object other = new Commands.CloseStoryline("s", 0);
        chunks.sendingFirst(() -> {
            chunks.accept(other);
            IntStream.range(0, Chunks.SIZE + 2).forEach(n -> chunks.accept(new Commands.RecordEvent("s", note(n))));
            chunks.accept(new Commands.CloseStoryline("s", Chunks.SIZE + 2));
            IntStream.range(0, 3).forEach(n -> chunks.accept(new Commands.RecordEvent("s", note(n))));
        });
        assertThat(sent).hasSize(5);
        assertThat(sent.get(0)).isSameAs(other);
        assertThat(((Commands.RecordEvents) sent.get(1)).events())
                .containsExactlyElementsOf(IntStream.range(0, Chunks.SIZE).mapToObj(ChunksTest::note).toList());
        assertThat(((Commands.RecordEvents) sent.get(2)).events()).containsExactly(note(Chunks.SIZE), note(Chunks.SIZE + 1));
        assertThat(sent.get(3)).isEqualTo(new Commands.CloseStoryline("s", Chunks.SIZE + 2));
        assertThat(((Commands.RecordEvents) sent.get(4)).events()).containsExactly(note(0), note(1), note(2));
    }

    @Test
    void anEventRefusedBeforeTheRunFailedIsTheErrorReported() {
        Chunks chunks = new Chunks("s", command -> {
            if (command instanceof Commands.RecordEvents r && r.events().contains(note(1))) {
                throw new IllegalArgumentException("refused e1");
            }
        });
        assertThatThrownBy(() -> chunks.sendingFirst(() -> {
            IntStream.range(0, 3).forEach(n -> chunks.accept(new Commands.RecordEvent("s", note(n))));
            throw new IllegalStateException("the run failed after e2");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("refused e1");
    }

    @Test
    void aRunThatFailsWithEveryEventTakenReportsItsOwnError() {
        List<Object> sent = new ArrayList<>();
        Chunks chunks = new Chunks("s", sent::add);
        assertThatThrownBy(() -> chunks.sendingFirst(() -> {
            chunks.accept(new Commands.RecordEvent("s", note(0)));
            throw new IllegalStateException("the run failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the run failed");
        assertThat(sent).containsExactly(new Commands.RecordEvents("s", List.of(note(0))));
    }
}
