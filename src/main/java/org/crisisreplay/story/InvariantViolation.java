package org.crisisreplay.story;

import java.time.LocalDate;

/** A story event that would break an invariant; nothing of its run is stored. */
public class InvariantViolation extends RuntimeException {

    private final Invariant rule;
    private final String eventId;
    private final LocalDate on;
    private final String madeByRule;

    public InvariantViolation(Invariant rule, StoryEvent event) {
        super(message(rule, event));
        this.rule = rule;
        this.eventId = event.meta().id();
        this.on = event.meta().on();
        this.madeByRule = event.meta().rule();
    }

    private static String message(Invariant rule, StoryEvent event) {
        Meta m = event.meta();
        String origin = m.rule() == null ? "" : " (made by rule '" + m.rule() + "')";
        return "event '" + m.id() + "'" + origin + " on " + m.on() + " breaks invariant " + rule.label()
                + ": " + rule.description();
    }

    public Invariant rule() {
        return rule;
    }

    public String eventId() {
        return eventId;
    }

    public LocalDate on() {
        return on;
    }

    public String madeByRule() {
        return madeByRule;
    }
}
