/**
 * File helpers every module shares: atomic writes and tree deletion, so a crash never leaves a
 * half-written file where a whole one is expected.
 *
 * <p>Status: internal.
 */
package dev.edgewise.catalog.io;
