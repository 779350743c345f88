package dev.edgewise.dsl.sweep;

/**
 * A metric name a file writes (a reference row's value, a sweep plot's axis), with the field path
 * it was written at. The dsl cannot know which metrics a model family logs, so it only collects
 * these; the engine checks them against the families of every point before anything runs.
 *
 * @param path the field path, e.g. {@code $.reference.rows[0].values.test_rmse} or {@code $.sweep.plots[1].y}
 * @param name the metric (or swept path) named
 * @param sweptPath whether a swept path is allowed here too (a plot's x and series)
 */
public record MetricName(String path, String name, boolean sweptPath) {}
