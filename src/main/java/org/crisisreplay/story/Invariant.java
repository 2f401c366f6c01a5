package org.crisisreplay.story;

import java.util.Optional;

import org.crisisreplay.story.StoryEvent.*;

/**
 * The rules a story must keep. Each is one named predicate over the story so far and the next
 * event; {@link #check} names the first rule the event would break.
 */
public enum Invariant {

    ARRIVAL_NEEDS_REQUEST("troops cannot arrive before assistance was requested") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            return next instanceof TroopsArrived && story.requestedOn == null;
        }
    },
    NO_ARRIVAL_AFTER_WITHDRAWAL("nothing arrives after the mission is WITHDRAWN") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            return next instanceof TroopsArrived && story.status == MissionStatus.WITHDRAWN;
        }
    },
    DEPARTURE_WITHIN_STRENGTH("no more troops can leave a contingent than it has") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            String contingent = next instanceof TroopsWithdrawn w ? w.contingent()
                    : next instanceof TroopsDrawnDown d ? d.contingent() : null;
            if (contingent == null) {
                return false;
            }
            Amount amount = next instanceof TroopsWithdrawn w ? w.troops() : ((TroopsDrawnDown) next).troops();
            Tally had = story.contingents.get(contingent);
            if (had == null) {
                return true;
            }
            // what a contingent of partly unknown size has is a lower bound: more may leave than it counts
            return !amount.all() && amount.figure().known() && !had.lowerBound()
                    && amount.figure().bestValue() > had.best();
        }
    },
    ANNOUNCEMENT_NEEDS_TROOPS("a withdrawal cannot be announced while no troops are in the country") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            return next instanceof WithdrawalAnnounced && !story.forcePresent();
        }
    },
    START_NOT_BEFORE_ANNOUNCEMENT("a withdrawal cannot start before it is announced") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            return next instanceof WithdrawalAnnounced a && a.starts().isBefore(a.meta().on());
        }
    },
    DEPARTURE_NEEDS_ANNOUNCEMENT("troops cannot leave before a withdrawal is announced") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            return next instanceof TroopsWithdrawn && !story.withdrawalAnnounced();
        }
    },
    DRAWDOWN_BEFORE_ANNOUNCEMENT("a drawdown is a departure while no withdrawal is announced: once one is, "
            + "troops leave by TroopsWithdrawn") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            return next instanceof TroopsDrawnDown && story.withdrawalAnnounced();
        }
    },
    DRAWDOWN_LEAVES_A_FORCE("a drawdown cannot take away the last troops in the country: a mission ends with an "
            + "announced withdrawal") {
        @Override
        boolean breaks(Ledger story, StoryEvent next) {
            if (!(next instanceof TroopsDrawnDown d) || !story.contingents.containsKey(d.contingent())) {
                return false;
            }
            Tally after = d.troops().leaving(story.contingents.get(d.contingent()), d.meta().sources());
            return !after.present() && story.contingents.entrySet().stream()
                    .noneMatch(e -> !e.getKey().equals(d.contingent()) && e.getValue().present());
        }
    };

    private final String description;

    Invariant(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    abstract boolean breaks(Ledger story, StoryEvent next);

    /** The first rule that {@code next} would break if applied to {@code story}. */
    public static Optional<Invariant> check(Ledger story, StoryEvent next) {
        for (Invariant rule : values()) {
            if (rule.breaks(story, next)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The rule's name as users see it, e.g. {@code arrival-needs-request}. */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
