/**
 * The experiment model: its canonical form and hash, flat parameters, source positions and the
 * problems reported against them. Knows nothing of DJL, the catalog or any tracker.
 *
 * <p>Status: {@code SpecException}, {@code SpecProblem}, {@code CanonicalSpec} and
 * {@code LoadedSpec} are public API.
 */
package dev.edgewise.dsl;
