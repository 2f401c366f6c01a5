package org.crisisreplay.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Reads what the command line printed: one JSON document, or one JSON object per line. */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Output() {
    }

    public static JsonNode json(String out) {
        try {
            return JSON.readTree(out);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    public static List<JsonNode> lines(String out) {
        List<JsonNode> objects = new ArrayList<>();
        out.lines().filter(l -> !l.isBlank()).forEach(l -> objects.add(json(l)));
        return objects;
    }

    /** The printed ids of a JSON array, in order. */
    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
