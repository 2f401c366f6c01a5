package org.crisisreplay.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.LocalDate;

/**
 * The state in JSON, as every output shows it. The JSON is the {@link State} records as they
 * are: a record is an object of its components in declaration order, a figure ({@code Tally}) is
 * {@code {best, low, high, sources}} with {@code "approx": true} when its best is an estimate,
 * dates are {@code YYYY-MM-DD}, and what no event has set yet is {@code null}.
 */
public final class StateJson {

    // its own mapper, set here, so that no application setting can change the contract's JSON
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StateJson() {
    }

    /** The state itself: {@code mission}, {@code troops}, ..., {@code eventsApplied}. */
    public static ObjectNode body(State state) {
        return MAPPER.valueToTree(state);
    }

    /**
     * The state as {@code state --json}, the HTTP API and each day of {@code replay --json} show it:
     * which scenario, on which day and as known on which day (null: hindsight), then the body.
     */
    public static ObjectNode framed(String scenario, LocalDate on, LocalDate asKnownOn, ObjectNode body) {
        ObjectNode o = JSON.objectNode();
        o.put("scenario", scenario);
        o.put("on", on.toString());
        o.put("asKnownOn", asKnownOn == null ? null : asKnownOn.toString());
        o.setAll(body);
        return o;
    }

    /** Any part of a state (the value at a path) as the body shows it; null as JSON null. */
    public static JsonNode value(Object part) {
        return part == null ? JSON.nullNode() : MAPPER.valueToTree(part);
    }

    /** Whether a node of a rendered state is a {@link State.Disagreement}: shown as one value, like a figure. */
    public static boolean isDisagreement(JsonNode node) {
        return node != null && node.isObject() && isFigure(node.get("parts")) && isFigure(node.get("whole"));
    }

    /**
     * Whether a node of a rendered state is a figure. Everything that reads the state's JSON
     * (text, diff, series) asks here rather than guessing from a key or two.
     */
    public static boolean isFigure(JsonNode node) {
        return node != null && node.isObject() && node.has("best") && node.has("low") && node.has("high");
    }
}
