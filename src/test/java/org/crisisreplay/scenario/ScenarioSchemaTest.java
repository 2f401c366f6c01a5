package org.crisisreplay.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.crisisreplay.story.EventTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema says what the reader accepts, no more and no less. */
class ScenarioSchemaTest {

    private static final Path SCHEMA_FILE = Path.of("scenarios/scenario.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void theCommittedSchemaIsTheOneTheReaderMakes() throws IOException {
        String generated = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ScenarioSchema.generate());
        assertThat(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8).strip())
                .as("regenerate with: java -jar target/crisis-replay.jar schema > " + SCHEMA_FILE)
                .isEqualTo(generated.strip());
    }

    @Test
    void theSchemaNamesExactlyTheReadersKeys() {
        ObjectNode schema = ScenarioSchema.generate();
        assertThat(names(schema.get("properties"))).isEqualTo(new TreeSet<>(ScenarioReader.TOP_KEYS));
        JsonNode event = schema.at("/$defs/event");
        assertThat(names(event.get("properties"))).isEqualTo(new TreeSet<>(EventTypes.COMMON_KEYS));
        JsonNode byType = event.get("allOf");
        assertThat(byType).hasSize(EventTypes.all().size());
        for (JsonNode rule : byType) {
            String type = rule.at("/if/properties/type/const").asText();
            assertThat(names(rule.at("/then/properties"))).as(type)
                    .isEqualTo(new TreeSet<>(EventTypes.get(type).fieldNames()));
        }
        assertThat(names(schema.at("/$defs/rule/properties"))).isEqualTo(new TreeSet<>(RuleReader.RULE_KEYS));
        assertThat(names(schema.at("/$defs/condition/properties"))).isEqualTo(new TreeSet<>(RuleReader.CONDITION_KEYS));
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Set<ValidationMessage> errors = meta.validate(ScenarioSchema.generate());
        assertThat(errors).as("the schema against the draft 2020-12 meta-schema").isEmpty();
    }

    @Test
    void theMetaSchemaCheckCatchesAMalformedSchema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        ObjectNode broken = ScenarioSchema.generate();
        ((ObjectNode) broken.at("/$defs/condition/properties")).putArray("equals").add("string").add("number");
        assertThat(meta.validate(broken)).as("a bare array where a schema belongs").isNotEmpty();
    }

    /**
     * The shipped scenarios, and every test fixture outside bad/ (those are well-formed, whatever the engine says of
     * them); the mapping files of table imports are not scenarios.
     */
    static Stream<Path> scenarioFiles() throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path root : List.of(Path.of("scenarios"), Path.of("src/test/resources"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/bad/")
                        && !p.getFileName().toString().endsWith("mapping.yaml")).forEach(out::add);
            }
        }
        return out.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("scenarioFiles")
    void everyShippedScenarioMeetsTheSchema(Path file) throws IOException {
        Set<ValidationMessage> errors = schema().validate(yamlToJson(file));
        assertThat(errors).as(file.toString()).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheReaderRejects() {
        ObjectNode doc = JSON.objectNode().put("scenario", "x");
        ObjectNode event = doc.putArray("events").addObject();
        event.put("id", "a").put("on", "2030-01-01").put("type", "Note").put("text", "t").put("sumary", "typo");
        assertThat(schema().validate(doc)).isNotEmpty();
        event.remove("sumary");
        assertThat(schema().validate(doc)).isEmpty();
        event.put("type", "TroopsArrived");
        assertThat(schema().validate(doc)).as("a TroopsArrived event needs contingent and troops").isNotEmpty();
    }

    private static JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(ScenarioSchema.generate());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    /** YAML as an editor's language server sees it: keys are text, numbers and booleans typed. */
    static JsonNode yamlToJson(Path file) throws IOException {
        Node root = new Yaml().compose(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        return convert(root);
    }

    private static JsonNode convert(Node n) {
        if (n instanceof MappingNode m) {
            ObjectNode o = JSON.objectNode();
            for (NodeTuple t : m.getValue()) {
                o.set(((ScalarNode) t.getKeyNode()).getValue(), convert(t.getValueNode()));
            }
            return o;
        }
        if (n instanceof SequenceNode s) {
            ArrayNode a = JSON.arrayNode();
            s.getValue().forEach(x -> a.add(convert(x)));
            return a;
        }
        ScalarNode s = (ScalarNode) n;
        if (s.getTag().equals(Tag.INT)) {
            return JSON.numberNode(Long.parseLong(s.getValue().replace("_", "")));
        }
        if (s.getTag().equals(Tag.BOOL) && List.of("true", "false").contains(s.getValue())) {
            return JSON.booleanNode(Boolean.parseBoolean(s.getValue()));
        }
        if (s.getTag().equals(Tag.FLOAT)) {
            return JSON.numberNode(Double.parseDouble(s.getValue()));
        }
        return JSON.textNode(s.getValue());
    }
}
