/**
 * The regression suite behind {@code edgewise ci}: every entry of {@code ci/} run at its reduced
 * budget and each guarded metric compared with its reference in {@code results/}.
 *
 * <p>Public API, for the {@code ci} command and its tests: {@link dev.edgewise.engine.ci.CiSuite}
 * (what to run), {@link dev.edgewise.engine.ci.CiRunner} (running and judging),
 * {@link dev.edgewise.engine.ci.Reference} (the reference files). The JUnit report writer is
 * internal. Runs are read back through {@link dev.edgewise.engine.track.RunFolder}, never from
 * their files directly.
 */
package dev.edgewise.engine.ci;
