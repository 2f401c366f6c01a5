package org.crisisreplay.scenario;

import java.util.List;
import java.util.Map;

/** When a rule fires: data the engine tests, never code it evaluates. */
public sealed interface Condition {

    Position at();

    /** An applied event of this type, optionally narrowed by field values. */
    record OnEvent(String type, Map<String, String> where, Position at) implements Condition {
    }

    /** A state path compared with a value; figures compare by best. */
    record OnState(String path, Op op, String value, Position at) implements Condition {
        public enum Op { ABOVE, BELOW, EQUALS }
    }

    record All(List<Condition> conditions, Position at) implements Condition {
    }

    record Any(List<Condition> conditions, Position at) implements Condition {
    }

    /** Whether the condition names an event anywhere inside it. */
    default boolean namesEvent() {
        if (this instanceof OnEvent) {
            return true;
        }
        List<Condition> parts = this instanceof All a ? a.conditions() : this instanceof Any o ? o.conditions() : List.of();
        return parts.stream().anyMatch(Condition::namesEvent);
    }
}
