package org.crisisreplay.scenario;

import java.util.List;

/**
 * A what-if file's {@code vary}: the parameters a sweep runs over (every combination of their
 * values, the first parameter changing slowest) and, for each combination, {@code samples} draws
 * of the contested figures. Variant {@code n} (from 1) is combination {@code (n-1) / samples},
 * draw {@code (n-1) % samples}; its draws come from a generator seeded with {@code seed} and
 * {@code n} alone, so a variant is the same whichever others are run.
 *
 * @param sampling null when no figure is sampled (then each combination is one variant)
 */
public record VaryDraft(long seed, int samples, List<Parameter> parameters, Sampling sampling, Position at) {

    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_SAMPLES = 1;

    public VaryDraft {
        parameters = List.copyOf(parameters);
    }

    /** One parameter: a change applied with each of its values in turn. */
    public sealed interface Parameter {
        /** How the parameter is named in a sweep's output, e.g. {@code shift appeal (days)}. */
        String label();

        /** How each value is named in a sweep's output. */
        List<String> valueLabels();

        /** The change this parameter makes with its value number {@code i}. */
        ChangeDraft change(int i);

        default int size() {
            return valueLabels().size();
        }
    }

    /** {@code - shift: EVENT, days: {from: A, to: B}} or {@code days: [A, B, ...]}. */
    public record Shift(String target, Position at, List<Integer> days) implements Parameter {
        public Shift {
            days = List.copyOf(days);
        }

        @Override
        public String label() {
            return "shift " + target + " (days)";
        }

        @Override
        public List<String> valueLabels() {
            return days.stream().map(String::valueOf).toList();
        }

        @Override
        public ChangeDraft change(int i) {
            return new ChangeDraft.Shift(target, at, days.get(i));
        }
    }

    /** {@code - set: EVENT, to: [{FIELD: VALUE, ...}, ...]}: the event takes each set of values in turn. */
    public record Set(String target, Position at, List<SetPatch> patches, List<String> labels) implements Parameter {
        public Set {
            patches = List.copyOf(patches);
            labels = List.copyOf(labels);
        }

        @Override
        public String label() {
            return "set " + target;
        }

        @Override
        public List<String> valueLabels() {
            return labels;
        }

        @Override
        public ChangeDraft change(int i) {
            return new ChangeDraft.Set(target, at, patches.get(i));
        }
    }

    /**
     * {@code - sample: claims}: every contested figure (claims that disagree) of the named fields of
     * the named events (all if none are named) takes as best a value drawn between its lowest and highest claim.
     */
    public record Sampling(Distribution distribution, List<String> fields, List<String> events, List<Position> eventsAt,
                           Position at) {
        public Sampling {
            fields = List.copyOf(fields);
            events = List.copyOf(events);
            eventsAt = List.copyOf(eventsAt);
        }
    }

    /** How a contested figure is drawn: flat between low and high, or peaked at the best value. */
    public enum Distribution {
        UNIFORM, TRIANGULAR;

        public String word() {
            return name().toLowerCase();
        }
    }

    /** How many variants a sweep runs. */
    public int variants() {
        long combinations = 1;
        for (Parameter p : parameters) {
            combinations *= p.size();
        }
        return (int) Math.min(Integer.MAX_VALUE, combinations * (sampling == null ? 1 : samples));
    }

    /** The value number of each parameter in variant {@code n} (from 1). */
    public int[] valuesOf(int n) {
        int combination = (n - 1) / (sampling == null ? 1 : samples);
        int[] out = new int[parameters.size()];
        for (int i = parameters.size() - 1; i >= 0; i--) {
            out[i] = combination % parameters.get(i).size();
            combination /= parameters.get(i).size();
        }
        return out;
    }

    /** The same sweep with another seed or number of samples (null keeps the file's). */
    public VaryDraft with(Long seed, Integer samples) {
        return new VaryDraft(seed == null ? this.seed : seed, samples == null ? this.samples : samples, parameters,
                sampling, at);
    }
}
