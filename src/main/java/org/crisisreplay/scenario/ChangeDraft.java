package org.crisisreplay.scenario;

import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * One entry of a what-if file's {@code changes}: {@code remove}, {@code shift}, {@code set} or
 * {@code add}, applied in order to the events of the scenario it extends.
 */
public record ChangeDraft(Kind kind, String target, Position at, int days, MappingNode to, EventDraft added) {

    public enum Kind { REMOVE, SHIFT, SET, ADD }
}
