package dev.edgewise.engine.family;

import dev.edgewise.dsl.spec.ExperimentSpec;
import java.util.Map;

/**
 * One finished point of a sweep, for figures over the sweep.
 *
 * @param spec the point's resolved spec
 * @param baseline the baseline's name, or null for the experiment itself
 * @param runId the point's run
 * @param metrics its final metrics
 */
public record PointSummary(ExperimentSpec spec, String baseline, String runId, Map<String, Double> metrics) {}
