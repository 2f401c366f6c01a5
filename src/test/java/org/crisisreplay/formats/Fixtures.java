package org.crisisreplay.formats;

import org.crisisreplay.scenario.Scenario;
import org.crisisreplay.scenario.ScenarioAssembler;
import org.crisisreplay.scenario.ScenarioCatalog;

import java.nio.file.Path;

/**
 * The scenarios the format tests export, loaded without a store. Neither has rules, so the
 * assembled events are exactly the stream a run stores.
 */
public final class Fixtures {

    public static final String BASELINE = "scenarios/kazakhstan-2022.yaml";
    public static final String EVERY_TYPE = "src/test/resources/formats/every-type.yaml";

    private Fixtures() {
    }

    public static Scenario load(String file) {
        return new ScenarioAssembler(new ScenarioCatalog(Path.of("scenarios"))).load(Path.of(file));
    }
}
