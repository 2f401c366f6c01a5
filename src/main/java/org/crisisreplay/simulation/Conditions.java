package org.crisisreplay.simulation;

import org.crisisreplay.scenario.Condition;
import org.crisisreplay.state.State;
import org.crisisreplay.state.StateJson;
import org.crisisreplay.state.StatePaths;
import org.crisisreplay.story.Amount;
import org.crisisreplay.story.EventTypes;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.Selection;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.story.Tally;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Tests rule conditions: plain data compared with events and state, never evaluated as code. */
final class Conditions {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Conditions() {
    }

    /**
     * @param event the event just applied, or null when testing state conditions at the end of a day
     * @param state the state at this moment, made only if a state part is tested
     */
    static boolean holds(Condition c, StoryEvent event, Supplier<State> state) {
        if (c instanceof Condition.OnEvent e) {
            return event != null && event.type().equals(e.type()) && matches(event, e.where());
        }
        if (c instanceof Condition.OnState s) {
            return compare(StatePaths.resolve(state.get(), s.path()), s.op(), s.value());
        }
        if (c instanceof Condition.All a) {
            return a.conditions().stream().allMatch(p -> holds(p, event, state));
        }
        Condition.Any any = (Condition.Any) c;
        return any.conditions().stream().anyMatch(p -> holds(p, event, state));
    }

    private static boolean matches(StoryEvent event, Map<String, String> where) {
        Map<String, Object> fields = EventTypes.fieldsOf(event);
        for (var w : where.entrySet()) {
            if (!valueMatches(fields.get(w.getKey()), w.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueMatches(Object value, String wanted) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(v -> String.valueOf(v).equals(wanted));
        }
        if (value instanceof Figure f) {
            return (f.known() ? Long.toString(f.bestValue()) : "unknown").equals(wanted);
        }
        if (value instanceof Amount a) {
            return a.all() ? wanted.equals("all") : valueMatches(a.figure(), wanted);
        }
        if (value instanceof Selection s) {
            return s.all() ? wanted.equals("all") : s.items().contains(wanted);
        }
        return String.valueOf(value).equals(wanted);
    }


    /** Figures compare by their best value; {@code above} and {@code below} compare a list by its length. */
    private static boolean compare(Object value, Condition.OnState.Op op, String wanted) {
        if (op == Condition.OnState.Op.EQUALS) {
            // a count equals 14 however the file writes it (14, 14.0); anything else compares as text
            BigDecimal number = value instanceof Number || value instanceof Tally ? number(value) : null;
            return number != null && NUMBER.matcher(wanted).matches()
                    ? number.compareTo(new BigDecimal(wanted)) == 0
                    : text(value).equals(wanted);
        }
        BigDecimal number = number(value);
        if (number == null) {
            return false;
        }
        int cmp = number.compareTo(new BigDecimal(wanted));
        return op == Condition.OnState.Op.ABOVE ? cmp > 0 : cmp < 0;
    }

    /** A value as a file would write it; a list as its JSON. */
    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Tally t) {
            return Long.toString(t.best());
        }
        if (value instanceof List<?>) {
            return StateJson.value(value).toString();
        }
        return value.toString();
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Tally t) {
            return BigDecimal.valueOf(t.best());
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof List<?> list) {
            return BigDecimal.valueOf(list.size());
        }
        return null;
    }
}
