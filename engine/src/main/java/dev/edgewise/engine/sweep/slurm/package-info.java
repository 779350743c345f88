/**
 * Slurm as a second place for a sweep's points to run: one array task per point, each the same
 * {@code edgewise point} child JVM a local sweep starts (so the same bits), and a dependent job that
 * finishes the parent run. The run store, on a filesystem the nodes share, is where everything
 * meets; status comes from it and from {@code squeue} / {@code scontrol} (not {@code sacct}, which
 * small clusters lack).
 *
 * <p>Status: internal.
 */
package dev.edgewise.engine.sweep.slurm;
