/**
 * The run cache: a finished run found again by the facts that decide its metrics, so an identical
 * run is not computed twice.
 *
 * <p>Public API: {@link dev.edgewise.engine.cache.RunCache} (the key, derived from a
 * {@link dev.edgewise.engine.track.RunProvenance}, and the lookup, through the run-store reader),
 * used by the experiment runner, sweeps and CI; {@link dev.edgewise.engine.cache.CodeFingerprint},
 * one of the provenance facts. Nothing here writes to the run store.
 */
package dev.edgewise.engine.cache;
