/**
 * The record of a run: written once to the local run store, read back from it, and passed on to
 * MLflow.
 *
 * <p>Public API, for the engine and the commands:
 * <ul>
 *   <li>writing: {@link dev.edgewise.engine.track.RunRecorder} (the only way a run logs anything:
 *       run store first, then each tracker), {@link dev.edgewise.engine.track.RunEvent},
 *       {@link dev.edgewise.engine.track.RunInfo}, {@link dev.edgewise.engine.track.RunStatus};
 *   <li>the run store: {@link dev.edgewise.engine.track.RunStoreLayout} names its files, which no
 *       other package spells out; {@link dev.edgewise.engine.track.RunStore} writes them and
 *       {@link dev.edgewise.engine.track.RunStoreReader} / {@link dev.edgewise.engine.track.RunFolder}
 *       are the only readers ({@link dev.edgewise.engine.track.RunSummary},
 *       {@link dev.edgewise.engine.track.StoredRun});
 *   <li>{@link dev.edgewise.engine.track.RunProvenance}: what produced a run, as tags and as
 *       {@code provenance.json};
 *   <li>trackers: {@link dev.edgewise.engine.track.Trackers} picks one from the environment;
 *       {@link dev.edgewise.engine.track.MlflowRestTracker} and
 *       {@link dev.edgewise.engine.track.MlflowFileStore} are the two kinds, both
 *       {@link dev.edgewise.engine.track.Syncable}.
 * </ul>
 *
 * <p>Internal (package-private, free to change): the events-file format ({@code EventJson}), the
 * artifact-path and MLflow-key checks, and the pieces of the REST tracker ({@code MlflowTransport},
 * {@code MlflowRuns}, {@code MlflowBatches}, {@code MlflowArtifacts}, {@code MlflowSync}).
 */
package dev.edgewise.engine.track;
