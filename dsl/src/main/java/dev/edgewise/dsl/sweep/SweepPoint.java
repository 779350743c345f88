package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.LoadedSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of an experiment file: the file itself when it has no sweep, else one point of the sweep.
 *
 * @param index 0-based position in the sweep's order (grid odometer, then sample, then repeat)
 * @param count how many points the sweep has
 * @param repeat which repeat of its values this point is (0 for the first)
 * @param values each swept path and its value as YAML text, in the sweep's order
 * @param label the values as {@code path=value} pairs (and the repeat), for people
 * @param loaded the point's resolved spec (no sweep or baselines block) with where each field came from
 * @param baseline the name of the baseline this run is, or null for the experiment itself
 */
public record SweepPoint(int index, int count, int repeat, Map<String, String> values, String label, LoadedSpec loaded, String baseline) {

    public SweepPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A point of the experiment itself (not a baseline). */
    public SweepPoint(int index, int count, int repeat, Map<String, String> values, String label, LoadedSpec loaded) {
        this(index, count, repeat, values, label, loaded, null);
    }

    /** The same point with another label (a search's trial names its rung or phase). */
    public SweepPoint relabelled(String newLabel) {
        return new SweepPoint(index, count, repeat, values, newLabel, loaded, baseline);
    }

    /** The same point at another place in the order. */
    public SweepPoint renumbered(int newIndex, int newCount) {
        return new SweepPoint(newIndex, newCount, repeat, values, label, loaded, baseline);
    }

    /** "3/8" for messages; "trial 3" for a search's trial (count 0: how many trials a search makes is not known in advance). */
    public String ordinal() {
        return count == 0 ? "trial " + (index + 1) : (index + 1) + "/" + count;
    }

    /**
     * What a reference row can match this run by: its resolved spec as flat params, and
     * {@code baseline}, the baseline's name or {@code none} for the experiment itself.
     */
    public java.util.Map<String, String> referenceParams() {
        java.util.Map<String, String> params = dev.edgewise.dsl.SpecParams.of(loaded.spec());
        params.put("baseline", baseline == null ? "none" : baseline);
        return params;
    }
}
