package org.crisisreplay.scenario;

import java.time.LocalDate;

/**
 * A date as written in a scenario: absolute, or a number of days after (or before) another
 * event's date, so that it moves with that event.
 */
public record DateRef(LocalDate date, String anchor, int days, Position at) {

    public static DateRef absolute(LocalDate date, Position at) {
        return new DateRef(date, null, 0, at);
    }

    public static DateRef relative(String anchor, int days, Position at) {
        return new DateRef(null, anchor, days, at);
    }

    public boolean isRelative() {
        return anchor != null;
    }

    public DateRef shifted(int byDays) {
        return isRelative() ? this : new DateRef(date.plusDays(byDays), null, 0, at);
    }
}
