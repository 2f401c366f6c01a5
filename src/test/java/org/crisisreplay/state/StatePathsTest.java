package org.crisisreplay.state;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of state paths and the rendered state agree: every listed path resolves in a rendered
 * state to what the typed state holds there, and every leaf of a rendered state is a listed path.
 * The state is {@code state/every-part.yaml} on a day when every part of it is set.
 */
class StatePathsTest {

    static final State STATE = StoryFixture.stateOn(StoryFixture.EVERY_PART, "2030-05-12");
    static final JsonNode BODY = StateJson.body(STATE);

    @Test
    void everyListedPathResolvesInARenderedStateToWhatTheTypedStateHolds() {
        List<String> checked = new ArrayList<>();
        for (StatePaths.Listed listed : StatePaths.all()) {
            List<String> concrete = concrete(listed.path());
            assertThat(concrete).as("%s has a value in the fixture's state", listed.path()).isNotEmpty();
            for (String path : concrete) {
                JsonNode rendered = BODY.at("/" + path.replace('.', '/'));
                assertThat(rendered.isMissingNode()).as(path).isFalse();
                assertThat(StateJson.value(StatePaths.resolve(STATE, path))).as(path).isEqualTo(rendered);
                if (!rendered.isNull()) {
                    assertThat(StateJson.isFigure(rendered)).as("%s is a figure", path).isEqualTo(listed.figure());
                }
                if (listed.figure() && !rendered.isNull()) {
                    for (String part : StatePaths.FIGURE_PARTS) {
                        assertThat(StatePaths.isKnown(path + "." + part)).as(path + "." + part).isTrue();
                        assertThat(StateJson.value(StatePaths.resolve(STATE, path + "." + part)))
                                .isEqualTo(rendered.get(part));
                    }
                }
                checked.add(path);
            }
        }
        assertThat(checked).contains("troops.contingents.N", "troops.contingents.F", "host.casualties.police.killed",
                "host.casualties.civilians.wounded");
    }

    @Test
    void everyLeafOfARenderedStateIsAListedPath() {
        List<String> leaves = new ArrayList<>();
        leaves(BODY, "", leaves);
        assertThat(leaves).hasSizeGreaterThan(StatePaths.all().size());
        assertThat(leaves).allSatisfy(path -> assertThat(StatePaths.isKnown(path)).as(path).isTrue());
    }

    @Test
    void theListFollowsTheStateInTheOrderItIsShown() {
        assertThat(StatePaths.examples()).containsExactly(
                "mission.status", "mission.requestedOn", "mission.authorizedOn", "mission.commander",
                "mission.firstArrivalOn", "mission.daysDeployed",
                "troops.inCountry", "troops.reportedTotal", "troops.disagreement.on", "troops.disagreement.event",
                "troops.disagreement.parts", "troops.disagreement.whole", "troops.disagreement.difference",
                "troops.disagreement.percent", "troops.contingents.*", "troops.facilities",
                "troops.present", "troops.kinds.*",
                "withdrawal.announcedOn", "withdrawal.startsOn", "withdrawal.deadline", "withdrawal.completedOn",
                "withdrawal.overdue",
                "host.emergencyRegions", "host.internet", "host.detained", "host.casualties.*.killed",
                "host.casualties.*.wounded", "host.unrest", "host.dismissed", "host.governmentResignedOn",
                "diplomacy.talks", "diplomacy.sanctions", "eventsApplied");
        assertThat(StatePaths.all().stream().filter(StatePaths.Listed::figure).map(StatePaths.Listed::path))
                .containsExactly("troops.inCountry", "troops.reportedTotal", "troops.disagreement.parts",
                        "troops.disagreement.whole", "troops.contingents.*", "host.detained",
                        "host.casualties.*.killed", "host.casualties.*.wounded");
    }

    @Test
    void onlyWholeLeavesAndTheCountsOfAFigureArePaths() {
        assertThat(StatePaths.isKnown("troops.contingents.ANY.best")).isTrue();
        assertThat(StatePaths.isKnown("host.casualties.anyone.wounded.high")).isTrue();
        for (String notAPath : List.of("mission", "troops.contingents", "host.casualties.police", "on", "scenario",
                "asKnownOn", "troops.inCountry.sources", "mission.status.best", "diplomacy.talks.0", "mission.Status")) {
            assertThat(StatePaths.isKnown(notAPath)).as(notAPath).isFalse();
        }
    }

    @Test
    void aPathThatLeadsNowhereResolvesToNothing() {
        assertThat(StatePaths.resolve(STATE, "troops.contingents.NOBODY")).isNull();
        assertThat(StatePaths.resolve(STATE, "troops.contingents.NOBODY.best")).isNull();
        assertThat(StatePaths.resolve(STATE, "host.casualties.civilians.wounded")).isNull();
        assertThat(StateJson.value(null).isNull()).isTrue();
    }

    /** The listed path with each {@code *} replaced by every key the rendered state has there. */
    private static List<String> concrete(String listed) {
        List<String> out = new ArrayList<>();
        expand(BODY, listed.split("\\."), 0, "", out);
        return out;
    }

    private static void expand(JsonNode node, String[] parts, int i, String prefix, List<String> out) {
        if (i == parts.length) {
            out.add(prefix);
            return;
        }
        String sep = prefix.isEmpty() ? "" : ".";
        if (parts[i].equals("*")) {
            node.fieldNames().forEachRemaining(k -> expand(node.get(k), parts, i + 1, prefix + sep + k, out));
        } else if (node.has(parts[i])) {
            expand(node.get(parts[i]), parts, i + 1, prefix + sep + parts[i], out);
        }
    }

    private static void leaves(JsonNode node, String prefix, List<String> out) {
        if (node.isObject() && !StateJson.isFigure(node)) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                leaves(f.getValue(), prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), out);
            }
        } else {
            out.add(prefix);
        }
    }
}
