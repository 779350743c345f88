/**
 * Catching trackers up with the run store: what a tracker missed is sent again, exactly once.
 *
 * <p>Status: internal.
 */
package dev.edgewise.engine.sync;
