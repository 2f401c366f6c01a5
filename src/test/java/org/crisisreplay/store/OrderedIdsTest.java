package org.crisisreplay.store;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OrderedIdsTest {

    @Test
    void axonMakesItsIdentifiersHere() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(OrderedIds.class);
    }

    @Test
    void eachIdentifierSortsAfterTheOneBeforeAndNoneRepeats() {
        OrderedIds ids = new OrderedIds();
        // far more than the 4,096 a millisecond's counter holds
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            made.add(ids.generateIdentifier());
        }
        assertThat(made).isSorted();
        assertThat(new HashSet<>(made)).hasSize(made.size());
        UUID first = UUID.fromString(made.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(made.get(0)).hasSize(36).isEqualTo(first.toString());
        // the time part is about now (the counter may run ahead of the clock by a little)
        long millis = first.getMostSignificantBits() >>> 16;
        assertThat(Math.abs(millis - System.currentTimeMillis())).isLessThan(60_000);
    }

    @Test
    void twoProcessesMakeDifferentIdentifiersInTheSameMillisecond() {
        // two factories stand for two processes: the same time and counter, different random parts
        String a = new OrderedIds().generateIdentifier();
        String b = new OrderedIds().generateIdentifier();
        assertThat(a).isNotEqualTo(b);
    }
}
