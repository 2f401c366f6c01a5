package org.crisisreplay.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.scenario.Condition;
import org.crisisreplay.scenario.EventTypes;
import org.crisisreplay.story.Amount;
import org.crisisreplay.story.Figure;
import org.crisisreplay.story.Selection;
import org.crisisreplay.story.StoryEvent;
import org.crisisreplay.timeline.StateView;

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
    static boolean holds(Condition c, StoryEvent event, Supplier<JsonNode> state) {
        if (c instanceof Condition.OnEvent e) {
            return event != null && event.type().equals(e.type()) && matches(event, e.where());
        }
        if (c instanceof Condition.OnState s) {
            return compare(StateView.at(state.get(), s.path()), s.op(), s.value());
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
            return Long.toString(f.bestValue()).equals(wanted);
        }
        if (value instanceof Amount a) {
            return a.all() ? wanted.equals("all") : Long.toString(a.figure().bestValue()).equals(wanted);
        }
        if (value instanceof Selection s) {
            return s.all() ? wanted.equals("all") : s.items().contains(wanted);
        }
        return String.valueOf(value).equals(wanted);
    }


    private static boolean compare(JsonNode value, Condition.OnState.Op op, String wanted) {
        if (op == Condition.OnState.Op.EQUALS) {
            // a count equals 14 however the file writes it (14, 14.0); anything else compares as text
            BigDecimal number = isCount(value) ? number(value) : null;
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

    private static boolean isCount(JsonNode value) {
        return value != null && (value.isNumber() || value.isObject() && value.has("best"));
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isObject() && value.has("best")) {
            return value.get("best").asText();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static BigDecimal number(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject() && value.has("best")) {
            return value.get("best").decimalValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isArray()) {
            return BigDecimal.valueOf(value.size());
        }
        return null;
    }
}
