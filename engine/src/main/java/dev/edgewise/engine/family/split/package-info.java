/**
 * The split-inference family (model kind {@code split}, exchange kind {@code upward}).
 *
 * <p>Status: internal; use it through its spec kind.
 */
package dev.edgewise.engine.family.split;
