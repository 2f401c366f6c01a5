package org.crisisreplay.state;

import org.crisisreplay.support.Stories;

import java.time.LocalDate;

/** A fixture scenario's events folded up to a day, without a store: the state's input, as the projection makes it. */
final class StoryFixture {

    static final String EVERY_PART = "src/test/resources/state/every-part.yaml";

    private StoryFixture() {
    }

    static State stateOn(String file, String day) {
        return Stories.stateOf(Stories.load(file).events(), LocalDate.parse(day));
    }
}
