/**
 * One run: the compiled experiment (names resolved, graphs built, family checks passed), the
 * runner that records it to the run store before any tracker, provenance and results.
 *
 * <p>Status: {@code CompiledExperiment}, {@code RunResult} and {@code RunContext} are public API;
 * {@code ExperimentRunner} is internal.
 */
package dev.edgewise.engine.run;
