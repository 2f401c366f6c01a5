package org.crisisreplay.cli;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void numbersAreGroupedAsFormatGroupsThem() {
        LongStream.concat(LongStream.rangeClosed(-100_000, 100_000),
                        LongStream.of(999_999, 1_000_000, 12_345_678_901L, Long.MAX_VALUE, Long.MIN_VALUE, -1_000_000))
                .forEach(n -> assertThat(Text.number(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n)));
    }
}
