package org.crisisreplay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.crisisreplay.state.StateJson;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Human-readable output: aligned, one thing per line, figures with their range and sources. */
public final class Text {

    private Text() {
    }

    /**
     * A value on one line: figures as {@code best (low–high) [sources]} ({@code ~best} for an estimate,
     * {@code ≥best} for a lower bound, {@code unknown} for a count no source gives), lists joined, null as a dash.
     */
    public static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return "—";
        }
        if (StateJson.isDisagreement(v)) {
            return disagreement(v);
        }
        if (StateJson.isFigure(v)) {
            long best = v.get("best").asLong();
            long low = v.get("low").asLong();
            long high = v.get("high").asLong();
            String range = low == high && low == best ? "" : "  (" + number(low) + "–" + number(high) + ")";
            String sources = v.path("sources").isEmpty() ? "" : "  [" + join(v.get("sources"), ", ") + "]";
            if (v.path("lowerBound").asBoolean() && high == 0) {
                return "unknown" + sources;
            }
            // a lower bound (part of it of unknown size) reads "≥1,500"
            return (v.path("lowerBound").asBoolean() ? "≥" : "") + (v.path("approx").asBoolean() ? "~" : "")
                    + number(best) + range + sources;
        }
        if (v.isArray()) {
            if (v.isEmpty()) {
                return "—";
            }
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.isObject() ? inline(x) : value(x)));
            return String.join(v.get(0).isObject() ? "; " : ", ", parts);
        }
        if (v.isObject()) {
            // an empty map (no contingent yet, no kind named) reads like an empty list
            return v.isEmpty() ? "—" : inline(v);
        }
        if (v.isIntegralNumber()) {
            return number(v.asLong());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "yes" : "no";
        }
        return v.asText();
    }

    /** {@code parts 3,950 [sources] vs reported 2,030 [sources] (−49 %) on DATE}. */
    private static String disagreement(JsonNode d) {
        JsonNode percent = d.get("percent");
        String share = percent == null || percent.isNull() ? ""
                : " (" + (percent.asLong() < 0 ? "−" : "+") + Math.abs(percent.asLong()) + " %)";
        return "parts " + sourced(d.get("parts")) + " vs reported " + sourced(d.get("whole")) + share + " on "
                + d.get("on").asText();
    }

    /** A figure's best with its sources, without the range. */
    private static String sourced(JsonNode figure) {
        String sources = figure.path("sources").isEmpty() ? "" : " [" + join(figure.get("sources"), ", ") + "]";
        return (figure.path("lowerBound").asBoolean() ? "≥" : "") + (figure.path("approx").asBoolean() ? "~" : "")
                + number(figure.get("best").asLong()) + sources;
    }

    private static String inline(JsonNode o) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isNull()) {
                parts.add(value(f.getValue()));
            }
        }
        return String.join(" ", parts);
    }

    private static String join(JsonNode array, String sep) {
        List<String> parts = new ArrayList<>();
        array.forEach(x -> parts.add(x.asText()));
        return String.join(sep, parts);
    }

    /** The number with a comma between groups of three digits ({@code %,d} in the root locale, without a Formatter, which a cold start pays for on every figure). */
    public static String number(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int len = digits.length() - sign;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + len / 3);
        sb.append(digits, 0, sign);
        int first = len % 3 == 0 ? 3 : len % 3;
        sb.append(digits, sign, sign + first);
        for (int i = sign + first; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /** An object as an indented block of aligned {@code label  value} lines. */
    public static void block(StringBuilder out, JsonNode object, String indent) {
        int width = 0;
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            width = Math.max(width, names.next().length());
        }
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            boolean nested = v.isObject() && !StateJson.isFigure(v) && !StateJson.isDisagreement(v) && v.size() > 0;
            if (nested) {
                out.append(indent).append(f.getKey()).append('\n');
                block(out, v, indent + "  ");
            } else {
                out.append(indent).append(pad(f.getKey(), width)).append("  ").append(value(v)).append('\n');
            }
        }
    }

    public static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    public static String dayHeading(String isoDate) {
        LocalDate d = LocalDate.parse(isoDate);
        return isoDate + "  " + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
