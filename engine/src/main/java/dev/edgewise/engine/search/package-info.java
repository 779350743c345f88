/**
 * Budgeted architecture search (the {@code search:} block): configurations drawn from a design
 * space, filtered against a device at compile time, trained by a strategy (random, successive
 * halving, or the Starfish paper's learning-curve predictor), each trial a child run of the
 * search's parent run.
 */
package dev.edgewise.engine.search;
