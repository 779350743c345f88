/**
 * Charts as PNG artifacts (XChart): training curves, communication patterns, sweep plots.
 *
 * <p>Status: internal.
 */
package dev.edgewise.engine.plot;
