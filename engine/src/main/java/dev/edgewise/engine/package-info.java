/**
 * Running experiments: {@link dev.edgewise.engine.Edgewise} for Java callers and
 * {@link dev.edgewise.engine.Plugin} for jars that add families, tasks, loss terms, link models
 * or datasets. The engine is the one module that ties the spec, the catalog, DJL and the trackers.
 *
 * <p>Status: {@code Edgewise} and {@code Plugin} are public API.
 */
package dev.edgewise.engine;
