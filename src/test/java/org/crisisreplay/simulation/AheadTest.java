package org.crisisreplay.simulation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calendar running ahead on its own thread: its commands reach the calling thread in order, its
 * result after them; an error from either thread is thrown on the calling one, the first in the
 * run's order; the calendar's thread has ended whatever happened.
 */
class AheadTest {

    private static final String NAME = "ahead-test";

    @Test
    void commandsArriveInOrderOnTheCallingThreadThenTheResult() {
        List<Object> sent = new ArrayList<>();
        AtomicReference<Thread> producer = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        String result = Ahead.play(NAME, sink -> {
            producer.set(Thread.currentThread());
            IntStream.range(0, 1_000).forEach(sink::accept);
            return "done";
        }, command -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            sent.add(command);
        });
        assertThat(result).isEqualTo("done");
        assertThat(sent).containsExactlyElementsOf(IntStream.range(0, 1_000).boxed().toList());
        assertThat(producer.get()).isNotSameAs(caller);
        assertThat(producer.get().isDaemon()).isTrue();
        assertThat(producer.get().isAlive()).isFalse();
    }

    @Test
    void theCalendarsErrorComesAfterEveryCommandItMadeBeforeIt() {
        List<Object> sent = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("rule 'echo' runs away");
        AtomicReference<Thread> producer = new AtomicReference<>();
        assertThatThrownBy(() -> Ahead.play(NAME, sink -> {
            producer.set(Thread.currentThread());
            IntStream.range(0, 10).forEach(sink::accept);
            throw failure;
        }, sent::add)).isSameAs(failure);
        assertThat(sent).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(producer.get().isAlive()).isFalse();
    }

    @Test
    void anErrorOfTheCalendarThatIsNotAnExceptionIsThrownAsItIs() {
        StackOverflowError failure = new StackOverflowError("deep");
        assertThatThrownBy(() -> Ahead.play(NAME, sink -> {
            throw failure;
        }, command -> { })).isSameAs(failure);
    }

    @Test
    void aCommandRefusedBeforeTheCalendarFailedIsTheErrorAndStopsTheCalendar() {
        AtomicInteger made = new AtomicInteger();
        AtomicReference<Thread> producer = new AtomicReference<>();
        IllegalArgumentException refused = new IllegalArgumentException("breaks invariant");
        assertThatThrownBy(() -> Ahead.play(NAME, sink -> {
            producer.set(Thread.currentThread());
            // a calendar that would never end on its own: it ends when the caller stops taking
            for (int i = 0; ; i++) {
                sink.accept(i);
                made.incrementAndGet();
                if (i == 50) {
                    throw new IllegalStateException("fails later");
                }
            }
        }, command -> {
            if (command.equals(3)) {
                throw refused;
            }
        })).isSameAs(refused);
        assertThat(producer.get().isAlive()).isFalse();
        // it ran at most a few commands ahead of the one refused
        assertThat(made.get()).isLessThanOrEqualTo(4 + Ahead.DEPTH + 1);
    }

    @Test
    void aCallerThatStopsLeavesNoThreadBehind() {
        AtomicReference<Thread> producer = new AtomicReference<>();
        for (int run = 0; run < 20; run++) {
            assertThatThrownBy(() -> Ahead.play(NAME, sink -> {
                producer.set(Thread.currentThread());
                while (true) {
                    sink.accept("x");
                }
            }, command -> {
                throw new IllegalArgumentException("no");
            })).hasMessage("no");
            assertThat(producer.get().isAlive()).isFalse();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(NAME));
    }
}
