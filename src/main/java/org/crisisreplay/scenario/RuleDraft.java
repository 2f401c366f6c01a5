package org.crisisreplay.scenario;

import java.util.List;

/** A rule as written: a condition, and the events it makes {@code afterDays} later. */
public record RuleDraft(String id, Position at, Condition when, int afterDays, boolean repeat,
                        List<EventDraft> then) {
}
