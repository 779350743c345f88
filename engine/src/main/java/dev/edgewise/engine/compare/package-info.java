/**
 * Finding runs and putting them side by side: the run index (by id, id prefix or folder), run
 * comparisons, the comparison with a paper's published numbers, and the tables all commands print.
 *
 * <p>Public API, for the commands, sweeps and the experiment runner:
 * {@link dev.edgewise.engine.compare.RunIndex}, {@link dev.edgewise.engine.compare.Comparison},
 * {@link dev.edgewise.engine.compare.PaperComparison}, {@link dev.edgewise.engine.compare.Metrics},
 * {@link dev.edgewise.engine.compare.Table}. Runs are read through the run-store reader in
 * {@code dev.edgewise.engine.track}.
 */
package dev.edgewise.engine.compare;
