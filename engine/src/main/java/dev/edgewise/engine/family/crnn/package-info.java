/**
 * The communicating C-RNN family (model kind {@code crnn}, exchange kind {@code peer}).
 *
 * <p>Status: internal; use it through its spec kind.
 */
package dev.edgewise.engine.family.crnn;
