package org.crisisreplay.scenario;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One scenario file as written: nothing resolved, nothing merged with what it extends. */
public record ScenarioFile(Path path, String name, String id, Position idAt, String title, LocalDate from,
                           LocalDate to, Position periodAt, Map<String, SourceDef> sources,
                           Map<String, ActorDef> actors, List<EventDraft> events, List<RuleDraft> rules,
                           String extendsRef, Position extendsAt, List<ChangeDraft> changes, VaryDraft vary) {

    public record SourceDef(String id, String title, String url, LocalDate published, Position at) {
    }

    public record ActorDef(String id, String name, String kind, Position at) {
    }

    /** Whether the file is a sweep: a what-if with a {@code vary} section. */
    public boolean isSweep() {
        return vary != null;
    }

    public boolean isWhatIf() {
        return extendsRef != null;
    }
}
