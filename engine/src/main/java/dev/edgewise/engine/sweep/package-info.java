/**
 * Sweeps and baselines: every point in a fresh child JVM with pinned native threads, a parent
 * run with the summary, plots and reference comparison.
 *
 * <p>Status: internal.
 */
package dev.edgewise.engine.sweep;
