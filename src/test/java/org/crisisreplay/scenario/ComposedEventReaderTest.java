package org.crisisreplay.scenario;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The events of the top-level list are read as YAML composes them ({@link ComposedEventReader}), and a
 * file reads as it did when they were read from the whole tree: the same events in the same order,
 * the same problems in the same order.
 */
class ComposedEventReaderTest {

    private static final String EVENT = "{on: 2022-01-01, type: Note, text: x}";

    private static byte[] bytes(String yaml) {
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    private static ScenarioFile read(String yaml) {
        return ScenarioReader.read(bytes(yaml), Path.of("t.yaml"), "t.yaml");
    }

    private static List<String> problems(String yaml) {
        InvalidScenarioException e = catchThrowableOfType(() -> read(yaml), InvalidScenarioException.class);
        assertThat(e).as("refused").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    /** The items of the top-level 'events' list as composed. */
    private static List<Node> composedItems(String yaml) {
        Node root = new YamlSource(new ReadContext("t.yaml")).root(bytes(yaml), new ComposedEventReader("t.yaml"));
        for (NodeTuple t : ((MappingNode) root).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("events")) {
                return ((SequenceNode) t.getValueNode()).getValue();
            }
        }
        throw new AssertionError("no events");
    }

    private static String event(String id) {
        return "{id: " + id + ", " + EVENT.substring(1);
    }

    @Test
    void theEventsOfTheTopLevelListLeaveNoNodesBehind() {
        String yaml = "scenario: t\nevents:\n  - " + event("a") + "\n  - " + event("b") + "\n";

        assertThat(composedItems(yaml)).containsExactly(ComposedEventReader.READ, ComposedEventReader.READ);
        assertThat(read(yaml).events()).extracting(EventDraft::id).containsExactly("a", "b");
        assertThat(read(yaml).events().get(1).at()).isEqualTo(new Position("t.yaml", 4, 5));
    }

    @Test
    void anAnchoredEventOrListStaysInTheTreeAndReadsInItsPlace() {
        String anchoredEvent = "scenario: t\nevents:\n  - " + event("a") + "\n  - &b " + event("b") + "\n  - "
                + event("c") + "\n";
        List<Node> items = composedItems(anchoredEvent);
        assertThat(items.get(0)).isSameAs(ComposedEventReader.READ);
        assertThat(items.get(1)).isInstanceOf(MappingNode.class).isNotSameAs(ComposedEventReader.READ);
        assertThat(items.get(2)).isSameAs(ComposedEventReader.READ);
        assertThat(read(anchoredEvent).events()).extracting(EventDraft::id).containsExactly("a", "b", "c");

        String anchoredList = "scenario: t\nevents: &all\n  - " + event("a") + "\n  - " + event("b") + "\n";
        assertThat(composedItems(anchoredList)).doesNotContain(ComposedEventReader.READ);
        assertThat(read(anchoredList).events()).extracting(EventDraft::id).containsExactly("a", "b");
    }

    @Test
    void onlyTheFirstTopLevelEventsListAndOnlyItsMapsAreReadAsComposed() {
        String nested = "scenario: t\nchanges:\n  - events:\n      - " + event("x") + "\nevents:\n  - " + event("a")
                + "\n  - just text\n";
        List<Node> items = composedItems(nested);
        assertThat(items.get(0)).isSameAs(ComposedEventReader.READ);
        assertThat(items.get(1)).isInstanceOf(ScalarNode.class);
    }

    @Test
    void problemsComeInTheOrderOfTheReadingNotOfTheComposing() {
        // the events come first in the file but are read after 'scenario', as they always were
        String yaml = """
                events:
                  - {id: a, on: 2022-01-01, type: Nte, text: x}
                  - just text
                  - {id: c, on: 2022-13-01, type: Note, text: x}
                scenario: Bad_Id
                rules: 5
                """;
        assertThat(problems(yaml)).containsExactly(
                "t.yaml:5:11: scenario id 'Bad_Id' must match [a-z0-9][a-z0-9-]*",
                "t.yaml:2:35: unknown event type 'Nte' (did you mean 'Note'?)",
                "t.yaml:3:5: expected an event ({id, on, type, ...}), found 'just text'",
                "t.yaml:4:17: date 2022-13-01 does not exist",
                "t.yaml:6:8: expected 'rules' (a list of rules), found '5'");
    }
}
