/**
 * Experiment sources: sweeps, baselines, overrides and reference rows, applied to the YAML tree
 * and bound like the file, so every point's mistakes are reported at their line.
 *
 * <p>Status: {@code ExperimentSource} and {@code SweepPoint} are public API; the rest is internal.
 */
package dev.edgewise.dsl.sweep;
