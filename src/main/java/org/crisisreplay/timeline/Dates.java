package org.crisisreplay.timeline;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The one way a day is written by a user, on the command line and over HTTP: {@code YYYY-MM-DD}. */
public final class Dates {

    private Dates() {
    }

    /** The day written as {@code YYYY-MM-DD}; refuses other forms and days that do not exist. */
    public static LocalDate parse(String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new BadDate(false, "'" + value + "' is not a date: write YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw new BadDate(true, "date " + value + " does not exist");
        }
    }

    /** Not a day: either not written {@code YYYY-MM-DD} ({@code wellFormed} false) or a day that does not exist. */
    public static final class BadDate extends IllegalArgumentException {
        private final boolean wellFormed;

        BadDate(boolean wellFormed, String message) {
            super(message);
            this.wellFormed = wellFormed;
        }

        public boolean wellFormed() {
            return wellFormed;
        }
    }
}
