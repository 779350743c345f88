/**
 * The command line ({@code edgewise run, validate, inspect, bench, runs, compare, reproduce, sync,
 * ci, schema}): argument parsing and exit codes (0 ok, 1 a run failed, 2 bad input).
 *
 * <p>Status: the commands are the user interface; the classes are internal.
 */
package dev.edgewise.engine.cli;
